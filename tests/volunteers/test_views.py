"""Applying to volunteer and the volunteer's own checklist, through the real views."""

import datetime as dt

from django.utils import timezone

import pytest

from tests.factories import UserFactory
from tests.volunteers.conftest import applicant, make_cleared
from volunteers.models import Reference, TrainingRecord, Volunteer

pytestmark = pytest.mark.django_db

FORM = {
    "route": "one_to_one",
    "interests": "Football and baking",
    "availability": "Tuesday evenings",
    "area": "Thamesbrook",
    "experience": "",
    "referee_1_name": "Rita Referee",
    "referee_1_email": "rita@example.org",
    "referee_1_relationship": "Line manager",
    "referee_2_name": "Rob Referee",
    "referee_2_email": "rob@example.org",
    "referee_2_relationship": "Friend",
    "consent_to_checks": "on",
    "consent_to_data": "on",
}


def test_staff_apply_and_see_what_is_left(client, home, induction, handbook):
    client.force_login(UserFactory())
    response = client.post("/volunteer/apply/", FORM)
    assert response["Location"] == "/volunteer/checklist/"
    volunteer = Volunteer.objects.get()
    assert volunteer.status == "applied" and volunteer.references.count() == 2
    html = client.get("/volunteer/checklist/").content.decode()
    assert "You have applied. You are not cleared to meet young people on your own yet." in html
    # the volunteer's own page speaks to them, not about them
    assert "A coordinator will check your references: 0 of 2 are back so far." in html
    assert "Your DBS check has not been recorded yet" in html
    assert "A coordinator will approve you when everything else is done." in html
    assert "approved the volunteer" not in html and "Volunteering is at the stage" not in html
    assert "0 of 2 back" in html
    client.post("/volunteer/checklist/handbook/")
    assert "You accepted it" in client.get("/volunteer/checklist/").content.decode()


def test_a_come_along_volunteer_sees_what_applies_to_come_along(client, home, induction, handbook):
    client.force_login(UserFactory())
    client.post("/volunteer/apply/", {**FORM, "route": "come_along"})
    html = client.get("/volunteer/checklist/").content.decode()
    assert "You can offer come-along activities" in html
    assert "You are not cleared to meet young people on your own yet" not in html
    assert "Only if you want to lead activities yourself" in html
    assert "Log a session with" not in html


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"route": ""}, "Choose how you would like to give time"),
        ({"interests": ""}, "Tell us a little about what you enjoy"),
        (
            {"referee_2_email": "not-an-email"},
            "Enter your second referee&#x27;s email address in the correct format",
        ),
        ({"referee_2_email": "rita@example.org"}, "Give two different referees"),
        (
            {"consent_to_checks": ""},
            "You need to agree to the checks to volunteer with young people",
        ),
    ],
)
def test_application_errors_are_specific_and_keep_what_was_typed(client, home, change, message):
    client.force_login(UserFactory())
    data = {k: v for k, v in {**FORM, **change}.items() if v != ""}
    html = client.post("/volunteer/apply/", data).content.decode()
    assert message in html
    assert "Football and baking" in html or "interests" in change
    assert not Volunteer.objects.exists()
    assert not Reference.objects.exists()


def test_young_people_are_told_kindly_that_volunteering_is_for_staff(client, home):
    client.force_login(UserFactory(kind="young_person", directorate=""))
    assert (
        "Volunteering is for council staff and councillors"
        in client.get("/volunteer/apply/").content.decode()
    )


def test_cleared_then_training_expires(client, home, coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer,
        coordinator=coordinator,
        mentor=mentor,
        induction=induction,
        handbook=handbook,
        trained=dt.date(2025, 7, 1),
    )
    client.force_login(volunteer.user)
    assert (
        "You are cleared to meet young people"
        in client.get("/volunteer/checklist/").content.decode()
    )
    # The induction runs out (as it would three years on): the same page now says so.
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TrainingRecord.objects.filter(volunteer=volunteer).update(expires_on=yesterday)
    html = client.get("/volunteer/checklist/").content.decode()
    assert "You are not cleared" in html
    assert (
        f"Your 2-day induction with safeguarding expired on {yesterday.day} {yesterday:%B %Y}: book a refresher."
        in html
    )


def test_a_volunteer_can_withdraw(client, home):
    volunteer = applicant()
    client.force_login(volunteer.user)
    client.post("/volunteer/withdraw/", {"reason": "Moving job"})
    volunteer.refresh_from_db()
    assert volunteer.status == "left" and volunteer.status_changes.get().reason == "Moving job"
