"""Dates the coordinator types in the admin (the volunteer file, a match's file) are the GOV.UK
date input: Day, Month and Year boxes, a specific message for an impossible or implausible date
beside the boxes, what was typed kept, and nothing saved."""

import datetime as dt
import re

from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from matching import services as matching_services
from matching.models import Match
from tests.dates import date_boxes
from tests.matching.test_matching import young_person
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services
from volunteers.models import DBSCheck, DBSStatusCheck, TrainingRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    return client


def file_post(client, volunteer, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"/admin/volunteering/file/{volunteer.pk}/", data)


def subscribed_check(volunteer, coordinator) -> DBSCheck:
    return services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level=DBSCheck.Level.ENHANCED_BARRED,
        workforce="child",
        childrens_barred_list_checked=True,
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 5),
        update_service_subscribed=True,
    )


def test_every_volunteer_file_date_is_three_boxes_and_saves_the_date_typed(
    coordinator_client, coordinator, home, induction
):
    client = coordinator_client
    volunteer = applicant()
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    today = timezone.localdate()
    # Received on starts as today, in its boxes; no browser date picker anywhere
    assert re.search(rf'id="id_reference-received_on_day"[^>]*value="{today.day}"', page)
    assert re.search(rf'id="id_reference-received_on_year"[^>]*value="{today.year}"', page)
    assert 'type="date"' not in page
    for label in ("Received on", "Interview held on", "Issue date", "Completed on"):
        assert f'<legend class="w-field__label">{label}' in page, label
    assert "For example, 27 3 2026" in page
    assert re.search(r'<label[^>]*for="id_interview-done_on_month">Month</label>', page)

    day = today - dt.timedelta(days=3)
    reference = volunteer.references.first()
    steps = [
        ("reference", {"reference": reference.pk, "outcome": "satisfactory"}, "received_on"),
        ("interview", {}, "done_on"),
        (
            "dbs",
            {
                "level": "enhanced_barred",
                "workforce": "child",
                "childrens_barred_list_checked": "on",
                "certificate_number": "001234567890",
                "update_service_subscribed": "on",
            },
            "issue_date",
        ),
        ("training", {"course": induction.pk}, "completed_on"),
    ]
    for action, fields, name in steps:
        response = file_post(client, volunteer, action, **fields, **date_boxes(name, day))
        assert response.status_code == 302, (action, response.content.decode()[:3000])
    check = DBSCheck.objects.get()
    response = file_post(
        client,
        volunteer,
        "status",
        check=check.pk,
        result="BLANK_NO_NEW_INFO",
        **date_boxes("checked_on", day),
    )
    assert response.status_code == 302
    reference.refresh_from_db()
    volunteer.refresh_from_db()
    assert reference.received_on == day and reference.outcome == "satisfactory"
    assert volunteer.interview_done_on == day
    assert check.issue_date == day
    assert TrainingRecord.objects.get().completed_on == day
    assert DBSStatusCheck.objects.get().checked_on == day


ALL = ("day", "month", "year")
BAD = [  # what is typed, the message, the boxes marked in error
    (("31", "2", "2026"), "must be a real date", ("day",)),
    (("3", "x", "2026"), "must be a real date", ("month",)),
    (("", "4", "2026"), "must include a day", ("day",)),
    (("3", "4", "0002"), "must be the same as or after 1 January 1900", ALL),
    (("3", "4", "26"), "Year must include 4 numbers", ("year",)),
    (("ab", "cd", "efgh"), "must be a real date", ALL),
]


@pytest.mark.parametrize(("typed", "message", "in_error"), BAD)
@pytest.mark.parametrize(
    ("action", "name", "thing"),
    [
        ("reference", "received_on", "The date the reference came back"),
        ("interview", "done_on", "The date the interview was held"),
        ("dbs", "issue_date", "The issue date"),
        ("status", "checked_on", "The date you checked the Update Service"),
        ("training", "completed_on", "The date they completed the course"),
    ],
)
def test_a_wrong_date_on_the_volunteer_file_is_explained_kept_and_not_saved(
    coordinator_client, coordinator, home, induction, action, name, thing, typed, message, in_error
):
    volunteer = applicant()
    check = subscribed_check(volunteer, coordinator)
    other = {
        "reference": {"reference": volunteer.references.first().pk, "outcome": "satisfactory"},
        "interview": {},
        "dbs": {
            "level": "enhanced",
            "workforce": "child",
            "certificate_number": "009999999999",
        },
        "status": {"check": check.pk, "result": "BLANK_NO_NEW_INFO"},
        "training": {"course": induction.pk},
    }[action]
    response = file_post(coordinator_client, volunteer, action, **other, **date_boxes(name, *typed))
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    expected = message if message.startswith("Year") else f"{thing} {message}"
    beside = re.search(rf'id="id_{action}-{name}-error">(.*?)</p>', html, re.S)
    assert beside and expected in beside.group(1)
    for part, value in zip(("day", "month", "year"), typed, strict=True):
        box = re.search(rf'<input[^>]*id="id_{action}-{name}_{part}"[^>]*>', html).group(0)
        assert f'value="{value}"' in box  # what was typed is kept
        assert ("aria-invalid" in box) == (part in in_error)
    volunteer.refresh_from_db()
    assert volunteer.interview_done_on is None
    assert not volunteer.references.exclude(outcome="waiting").exists()
    assert DBSCheck.objects.count() == 1 and not DBSStatusCheck.objects.exists()
    assert not TrainingRecord.objects.exists()


@pytest.mark.parametrize(
    ("action", "name", "thing"),
    [
        ("interview", "done_on", "The date the interview was held"),
        ("training", "completed_on", "The date they completed the course"),
        ("reference", "received_on", "The date the reference came back"),
    ],
)
def test_something_that_happened_cannot_be_in_the_future(
    coordinator_client, home, induction, action, name, thing
):
    volunteer = applicant()
    other = {
        "reference": {"reference": volunteer.references.first().pk, "outcome": "satisfactory"},
        "interview": {},
        "training": {"course": induction.pk},
    }[action]
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    html = file_post(
        coordinator_client, volunteer, action, **other, **date_boxes(name, tomorrow)
    ).content.decode()
    assert f"{thing} must be today or in the past" in html
    volunteer.refresh_from_db()
    assert volunteer.interview_done_on is None and not TrainingRecord.objects.exists()


@pytest.fixture
def introduced(coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    match = matching_services.match_propose(
        young_person=young_person(), volunteer=volunteer, by=coordinator, score=70
    )
    return match


def test_the_first_meeting_is_typed_in_boxes_and_a_wrong_one_is_kept(
    coordinator_client, home, introduced
):
    url = f"/admin/volunteering/match/{introduced.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert '<legend class="w-field__label">First meeting (when introducing)' in page
    assert 'type="date"' not in page
    move = {"action": "move", "to": "introduced", "reason": "Met"}
    response = coordinator_client.post(
        url, {**move, **date_boxes("first_meeting_on", "30", "2", "2026")}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    assert (
        '<a href="#id_first_meeting_on_day">The date of the first meeting must be a real date</a>'
        in summary
    )
    assert re.search(r'name="first_meeting_on_day"[^>]*value="30"', html)
    introduced.refresh_from_db()
    assert introduced.status == "proposed" and introduced.first_meeting_on is None
    day = timezone.localdate() + dt.timedelta(days=2)  # an introduction can be arranged ahead
    response = coordinator_client.post(url, {**move, **date_boxes("first_meeting_on", day)})
    assert response.status_code == 302
    introduced.refresh_from_db()
    assert introduced.status == "introduced" and introduced.first_meeting_on == day


def test_a_review_is_recorded_with_its_date_typed_in_boxes(
    coordinator_client, home, introduced, coordinator
):
    matching_services.match_move(
        match=introduced,
        by=coordinator,
        to=Match.Status.INTRODUCED,
        reason="Met",
        first_meeting_on=timezone.localdate() - dt.timedelta(days=20),
    )
    review = introduced.reviews.order_by("due_on").first()
    url = f"/admin/volunteering/match/{introduced.pk}/"
    page = coordinator_client.get(url).content.decode()
    assert re.search(rf'<label[^>]*for="review-{review.pk}-done_on_day">Day</label>', page)
    bad = {"action": "review", "review": review.pk, "notes": "Went well"}
    response = coordinator_client.post(url, {**bad, **date_boxes("done_on", "0", "13", "2026")})
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert "The date the review was held must be a real date" in html
    assert re.search(rf'id="review-{review.pk}-done_on_month"[^>]*value="13"', html)
    assert "Went well" in html  # the notes are kept too
    review.refresh_from_db()
    assert review.done_on is None
    held = timezone.localdate() - dt.timedelta(days=1)
    response = coordinator_client.post(url, {**bad, **date_boxes("done_on", held)})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.done_on == held and review.notes == "Went well"
