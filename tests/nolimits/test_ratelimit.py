from django.test import RequestFactory, override_settings

import pytest

from nolimits import ratelimit


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"example": "2/m"})
def test_allows_up_to_the_limit_then_refuses():
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    assert [ratelimit.allow(request, "example") for _ in range(4)] == [True, True, False, False]
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.8")
    assert ratelimit.allow(other, "example")


@pytest.mark.django_db
@override_settings(RATE_LIMITS={})
def test_an_unnamed_limit_never_refuses():
    request = RequestFactory().post("/")
    assert all(ratelimit.allow(request, "unknown") for _ in range(50))


def test_parse_reads_count_and_period():
    assert ratelimit.parse("10/h") == (10, 3600)
    assert ratelimit.parse("3/d") == (3, 86400)
