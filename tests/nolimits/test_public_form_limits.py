"""Public forms that write data without an account are rate limited, with a plain message."""

from django.test import override_settings

import pytest

from matching.models import YoungPerson
from nolimits import ratelimit
from tests.matching.test_matching_screens import REFERRAL, born
from tests.volunteers.conftest import coordinator  # noqa: F401 (fixture)
from tests.volunteers.services.test_come_along import published  # noqa: F401 (fixture)
from volunteers.models import Booking

pytestmark = pytest.mark.django_db


@override_settings(RATE_LIMITS={"volunteers.refer": "2/h"})
def test_a_workers_referrals_are_limited_and_what_was_typed_is_kept(client, home):
    data = {**REFERRAL, "date_of_birth": born(15)}
    for _ in range(2):
        client.post("/volunteer/refer/", data)
    assert YoungPerson.objects.count() == 2
    html = client.post("/volunteer/refer/", {**data, "first_name": "Robin"}).content.decode()
    assert ratelimit.MESSAGE.split(".")[0] in html
    assert 'value="Robin"' in html
    assert YoungPerson.objects.count() == 2  # nothing saved over the limit


@override_settings(RATE_LIMITS={"volunteers.book": "1/h"})
def test_come_along_bookings_are_limited(client, home, published):  # noqa: F811
    booking = {
        "young_person_first_name": "Jo",
        "young_person_age": "14",
        "booker_name": "Wren",
        "booker_email": "wren@example.org",
    }
    url = f"/volunteer/come-along/{published.pk}/book/"
    assert "Place booked" in client.post(url, booking).content.decode()
    html = client.post(url, {**booking, "young_person_first_name": "Sam"}).content.decode()
    assert ratelimit.MESSAGE.split(".")[0] in html and 'value="Sam"' in html
    assert Booking.objects.count() == 1


def test_the_limits_are_named_in_settings():
    from django.conf import settings

    for name in ("volunteers.refer", "volunteers.book"):
        count, period = ratelimit.parse(settings.RATE_LIMITS[name])
        assert count > 0 and period > 0


@override_settings(RATE_LIMITS={"volunteers.refer": "1/h"}, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_each_visitor_has_their_own_limit(client, home):
    """In production every request comes from nginx (REMOTE_ADDR 127.0.0.1); with
    TRUSTED_PROXY_COUNT=1 the visitor is the address nginx puts in X-Forwarded-For, as for
    allauth's own limits. One worker over the limit does not refuse the next."""
    data = {**REFERRAL, "date_of_birth": born(15)}

    def refer(address, first_name):
        return client.post(
            "/volunteer/refer/",
            {**data, "first_name": first_name},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=address,
        ).content.decode()

    refer("203.0.113.5", "Alex")
    assert ratelimit.MESSAGE.split(".")[0] in refer("203.0.113.5", "Blake")
    assert ratelimit.MESSAGE.split(".")[0] not in refer("203.0.113.6", "Casey")
    # a client cannot pick a new address by adding its own entry before nginx's
    assert ratelimit.MESSAGE.split(".")[0] in refer("198.51.100.1, 203.0.113.5", "Drew")
    assert sorted(YoungPerson.objects.values_list("first_name", flat=True)) == ["Alex", "Casey"]
