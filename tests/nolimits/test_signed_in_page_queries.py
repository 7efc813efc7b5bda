"""Signed-in pages stay under 15 queries at 5x today's data and do not grow with it: My giving
(300 gifts, some refunded), the volunteer's checklist and sessions (100 sessions with expenses),
the young person's applications. Through the real views, signed in as the person."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from grants.models import Application, Category
from nolimits import kept_lists
from pledges.models import Adjustment, Donation, Pledge
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers.models import ExpenseClaim, VolunteerSession

pytestmark = pytest.mark.django_db
UNDER = 15


def queries(client, path: str) -> tuple[int, int]:
    """The page's queries when its lists are kept (nolimits.kept_lists), and when they are drawn
    (the first view after a change): each under 15, and neither growing with the data."""
    for _ in range(2):  # makes the settings rows, then keeps the header and footer
        assert client.get(path).status_code == 200
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        counts.append(len(captured))
        kept_lists.forget(response.wsgi_request.user.pk)
    kept, drawn = counts
    assert kept < drawn < UNDER or kept == drawn < UNDER
    return kept, drawn


def _gifts(donor, pledge, start: int, count: int) -> None:
    now = timezone.now()
    made = Donation.objects.bulk_create(
        Donation(
            donor=donor,
            kind="monthly",
            pledge=pledge,
            amount_pence=1000,
            status="succeeded",
            paid_at=now - dt.timedelta(days=30 * (n % 60)),
        )
        for n in range(start, start + count)
    )
    Adjustment.objects.bulk_create(
        Adjustment(donation=gift, kind="refund", stripe_id=f"re_{gift.pk}", amount_pence=-500)
        for gift in made[::25]
    )


def test_my_giving_at_300_gifts(client, home):
    donor = UserFactory()
    pledge = Pledge.objects.create(donor=donor, method=Pledge.Method.STRIPE, amount_pence=1000)
    _gifts(donor, pledge, 0, 60)
    client.force_login(donor)
    today = queries(client, "/pledges/my-giving/")
    _gifts(donor, pledge, 60, 240)
    assert queries(client, "/pledges/my-giving/") == today


def _sessions(volunteer, start: int, count: int) -> None:
    made = VolunteerSession.objects.bulk_create(
        VolunteerSession(
            volunteer=volunteer,
            date=timezone.localdate() - dt.timedelta(days=n),
            minutes=60,
            what_happened="Football",
        )
        for n in range(start, start + count)
    )
    ExpenseClaim.objects.bulk_create(
        ExpenseClaim(session=s, kind="mileage", miles=5, amount_pence=225) for s in made[::10]
    )


def test_the_volunteers_checklist_and_sessions_at_100_sessions(client, home):
    volunteer = applicant()
    _sessions(volunteer, 0, 20)
    client.force_login(volunteer.user)
    checklist = queries(client, "/volunteer/checklist/")
    sessions = queries(client, "/volunteer/sessions/")
    _sessions(volunteer, 20, 80)
    # 13 (from 27): the volunteer's records are read once for the page and the clearance rule:
    # sign-in (4), the volunteer and their 4 kinds of record, the 3 rows the rule needs and
    # the cache.
    assert queries(client, "/volunteer/checklist/") == checklist
    assert queries(client, "/volunteer/sessions/") == sessions


def _applications(young, category, count: int) -> None:
    Application.objects.bulk_create(
        Application(
            applicant=young,
            status="in_review",
            category=category,
            what_for="Ten lessons",
            amount_pence=30_000,
            submitted_at=timezone.now(),
        )
        for _ in range(count)
    )


def test_the_young_persons_applications(client, home):
    young = UserFactory(kind="young_person", directorate="")
    category = Category.objects.create(name="Driving", slug="driving", max_amount_pence=50_000)
    _applications(young, category, 2)
    client.force_login(young)
    today = queries(client, "/grant-applications/")
    _applications(young, category, 10)
    assert queries(client, "/grant-applications/") == today


def _matched(volunteer, coordinator, count: int) -> None:
    from matching.models import Match, MatchReview, YoungPerson

    for n in range(count):
        person = YoungPerson.objects.create(
            first_name=f"Young{n}", date_of_birth=dt.date(2009, 1, 1), area="Thamesbrook",
            interests="music", availability="weekends", worker_name="Pat",
            worker_email="pat@example.org", consent=True, referred_at=timezone.now(),
        )  # fmt: skip
        match = Match.objects.create(
            young_person=person, volunteer=volunteer, proposed_by=coordinator,
            proposed_at=timezone.now(), status="active",
        )  # fmt: skip
        for kind, days in ((MatchReview.Kind.THREE_MONTHS, 30), (MatchReview.Kind.SIX_MONTHS, 90)):
            MatchReview.objects.create(
                match=match, kind=kind, due_on=timezone.localdate() + dt.timedelta(days=days + n)
            )


def test_a_matched_volunteers_checklist_does_not_grow_with_their_matches(client, home):
    """Each match's next review comes with the match: a volunteer with three young people
    takes the same queries as one with one, under 15."""
    from volunteers.models import Volunteer

    volunteer = applicant()
    Volunteer.objects.filter(pk=volunteer.pk).update(status=Volunteer.Status.ACTIVE)
    coordinator = UserFactory()
    _matched(volunteer, coordinator, 1)
    client.force_login(volunteer.user)
    one = queries(client, "/volunteer/checklist/")
    html = client.get("/volunteer/checklist/").content.decode()
    assert "Young0" in html
    due = (timezone.localdate() + dt.timedelta(days=30)).strftime("%-d %B %Y")
    assert f"Next review: 3 months, due {due}." in html  # the earliest open review
    _matched(volunteer, coordinator, 2)
    assert queries(client, "/volunteer/checklist/") == one
