"""Volunteers, expense claims and come-along activities change state only along their tables,
through nolimits.states, and every change leaves one entry in the record's log."""

import datetime as dt
import importlib

from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles, states
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import (
    ExpenseClaim,
    ExpenseClaimStatusChange,
    Opportunity,
    OpportunityStatusChange,
    Volunteer,
    VolunteeringSettings,
)

pytestmark = pytest.mark.django_db


def _claim(volunteer) -> ExpenseClaim:
    session = services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=60,
        what_happened="Cooking",
    )
    return services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive to the club",
        limits=VolunteeringSettings(),
        miles=10,
    )


def _activity(volunteer) -> Opportunity:
    return services.opportunity_offer(
        volunteer=volunteer,
        by=volunteer.user,
        title="Climbing wall",
        description="An hour on the beginners' wall.",
        location="Thamesbrook Leisure Centre",
        starts_at=timezone.now() + dt.timedelta(days=10),
        places=4,
        min_age=12,
        max_age=18,
        what_to_bring="",
        lead_adult="Coach Carter",
    )


def test_a_claim_is_decided_once_and_the_decision_is_logged(coordinator):
    claim = _claim(applicant())
    services.expense_decide(claim=claim, by=coordinator, approve=True)
    logged = ExpenseClaimStatusChange.objects.get(claim=claim)
    assert (logged.from_status, logged.to_status, logged.by) == ("waiting", "approved", coordinator)
    again = ExpenseClaim.objects.get(pk=claim.pk)
    with pytest.raises(ValidationError, match="already been decided"):
        services.expense_decide(claim=again, by=coordinator, approve=False, reason="Changed mind")
    with pytest.raises(states.IllegalMove) as refused:
        states.move(again, ExpenseClaim.Status.REFUSED, by=coordinator, reason="Changed mind")
    assert refused.value.messages == ["An expense claim cannot go from “Approved” to “Refused”."]
    again.refresh_from_db()
    assert again.status == "approved" and claim.status_changes.count() == 1


def test_an_activity_turned_down_keeps_the_reason_in_its_log(coordinator):
    activity = _activity(applicant())
    services.opportunity_decide(
        opportunity=activity, by=coordinator, approve=False, reason="Needs a second adult"
    )
    activity.refresh_from_db()
    assert (activity.status, activity.decided_by) == ("declined", coordinator)
    logged = activity.status_changes.get()
    assert str(logged) == "Waiting for a coordinator → Not approved: Needs a second adult"
    with pytest.raises(states.IllegalMove, match="from “Not approved” to “Published”"):
        states.move(activity, Opportunity.Status.APPROVED, by=coordinator, reason="Try again")
    assert OpportunityStatusChange.objects.count() == 1


def test_a_volunteer_cannot_skip_the_pipeline_and_is_told_so_before_the_checks(coordinator):
    volunteer = applicant()
    with pytest.raises(ValidationError) as refused:
        services.volunteer_move(
            volunteer=volunteer, to=Volunteer.Status.ACTIVE, by=coordinator, reason="Keen"
        )
    assert refused.value.messages == [
        "A volunteer cannot go from “Applied” to “Approved and active”."
    ]
    volunteer.refresh_from_db()
    assert volunteer.status == "applied" and not volunteer.status_changes.exists()


def test_the_file_shows_who_moved_the_volunteer_and_why(client, coordinator):
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    volunteer = applicant()
    services.volunteer_move(
        volunteer=volunteer, to=Volunteer.Status.REFERENCES, by=coordinator, reason="Phoned them"
    )
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert f"Applied → References and interview by {coordinator}: Phoned them" in page


def test_the_migration_logs_the_decisions_made_before_the_logs_existed(coordinator):
    claim, activity = _claim(applicant()), _activity(applicant())
    decided = timezone.now() - dt.timedelta(days=30)
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        status="refused", decided_by=coordinator, decided_at=decided, decision_reason="No receipt"
    )
    Opportunity.objects.filter(pk=activity.pk).update(
        status="approved", decided_by=coordinator, decided_at=decided
    )
    waiting = _claim(applicant())
    migration = importlib.import_module("volunteers.migrations.0015_status_change_logs")
    migration.log_past_decisions(apps, None)
    logged = ExpenseClaimStatusChange.objects.get()
    assert (logged.claim, logged.from_status, logged.to_status, logged.by, logged.at) == (
        claim,
        "waiting",
        "refused",
        coordinator,
        decided,
    )
    assert logged.reason == "No receipt" and not waiting.status_changes.exists()
    published = OpportunityStatusChange.objects.get()
    assert (published.opportunity, published.from_status, published.to_status) == (
        activity,
        "submitted",
        "approved",
    )


def test_a_log_entry_outlives_the_coordinator_who_made_it(coordinator):
    volunteer = applicant()
    leaver = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    services.volunteer_move(
        volunteer=volunteer, to=Volunteer.Status.REFERENCES, by=leaver, reason="Phoned them"
    )
    leaver.delete()
    change = volunteer.status_changes.get()
    assert change.by is None and change.reason == "Phoned them"


def test_the_expenses_queue_decides_through_the_service_and_says_what_went_wrong(
    client, coordinator
):
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    claim = _claim(applicant())
    url = "/admin/volunteering/expenses-to-decide/"
    assert client.post(url, {"claim": "x", "decision": "approve"}).status_code == 400
    refused = client.post(url, {"claim": claim.pk, "decision": "refuse"}, follow=True)
    assert "Say why the claim is refused." in refused.content.decode()
    client.post(url, {"claim": claim.pk, "decision": "refuse", "reason": "No receipt"})
    again = client.post(url, {"claim": claim.pk, "decision": "approve"}, follow=True)
    assert "This claim has already been decided." in again.content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.decision_reason) == ("refused", "No receipt")
    assert [(c.to_status, c.by, c.reason) for c in claim.status_changes.all()] == [
        ("refused", coordinator, "No receipt")
    ]
