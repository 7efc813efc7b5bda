"""A volunteer's logged sessions a page at a time, newest first, each on exactly one page, and
logging a new one still works from any page (issue 17: 100 sessions and more)."""

import datetime as dt
import re

from django.utils import timezone

import pytest

from tests.volunteers.conftest import applicant
from volunteers.models import VolunteerSession
from volunteers.views import SESSIONS_PER_PAGE

pytestmark = pytest.mark.django_db
CLAIM = re.compile(r'href="/volunteer/sessions/(\d+)/claim/"')


@pytest.fixture
def volunteer(client, home):
    volunteer = applicant()
    today = timezone.localdate()
    VolunteerSession.objects.bulk_create(
        VolunteerSession(volunteer=volunteer, date=today - dt.timedelta(days=n), minutes=60 + n)
        for n in range(2 * SESSIONS_PER_PAGE + 5)
    )
    client.force_login(volunteer.user)
    return volunteer


def claims_on(client, query=""):
    response = client.get(f"/volunteer/sessions/{query}")
    assert response.status_code == 200
    return [int(pk) for pk in CLAIM.findall(response.content.decode())]


def test_every_session_is_on_one_page_newest_first(client, volunteer):
    newest_first = list(volunteer.sessions.order_by("-date", "-pk").values_list("pk", flat=True))
    pages = [claims_on(client, f"?page={n}") for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [SESSIONS_PER_PAGE, SESSIONS_PER_PAGE, 5]
    assert [pk for page in pages for pk in page] == newest_first
    html = client.get("/volunteer/sessions/").content.decode()
    assert f"Sessions 1 to {SESSIONS_PER_PAGE} of {len(newest_first)}, newest first" in html
    assert "Page 1 of 3" in html


@pytest.mark.parametrize("page", ["x", "0", "99", "-2"])
def test_any_page_number_answers_with_a_page(client, volunteer, page):
    assert len(claims_on(client, f"?page={page}")) in (SESSIONS_PER_PAGE, 5)


def test_the_claim_link_of_a_session_on_a_later_page_opens_its_claim(client, volunteer):
    pk = claims_on(client, "?page=3")[-1]
    assert client.get(f"/volunteer/sessions/{pk}/claim/").status_code == 200
