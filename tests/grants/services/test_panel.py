"""The panel: reviews, the chair's decision within the fund, privacy (grants.services.panel)."""

import datetime as dt

from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants import services
from grants.fund import fund_balance
from grants.models import Application, ApplicationLogEntry, DecisionTemplate
from nolimits import roles
from pledges.models import Donation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_panel_reviews_then_the_chair_approves_within_the_fund(
    application, chair, fund, django_capture_on_commit_callbacks
):
    member = UserFactory(roles=[roles.GRANTS_PANEL])
    services.review_record(
        application=application,
        reviewer=member,
        conflict_of_interest=False,
        recommendation="yes",
        comment="Good plan",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            application=application,
            by=chair,
            outcome="approve",
            amount_pence=20_000,
            message="Yes to £200.",
        )
    application.refresh_from_db()
    assert (application.status, application.decided_amount_pence) == ("part_approved", 20_000)
    assert fund_balance().committed_pence == 20_000 and fund_balance().available_pence == 80_000
    assert "Yes to £200." in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (40_000, "cannot be more than was asked for"),
        (200_000, "cannot be more than was asked for"),
    ],
)
def test_the_chair_cannot_give_more_than_was_asked(application, chair, fund, amount, message):
    with pytest.raises(ValidationError, match=message):
        services.application_decide(
            application=application, by=chair, outcome="approve", amount_pence=amount, message="x"
        )


def test_never_more_than_the_category_maximum(application, chair, fund):
    Application.objects.filter(pk=application.pk).update(amount_pence=60_000)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="driving lessons maximum"):
        services.application_decide(
            application=application, by=chair, outcome="approve", amount_pence=60_000, message="x"
        )


def test_never_more_than_the_fund_has(application, chair):
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=10_000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    with pytest.raises(ValidationError, match="only £100 available"):
        services.application_decide(
            application=application, by=chair, outcome="approve", amount_pence=30_000, message="x"
        )
    application.refresh_from_db()
    assert application.status == "in_review"


def test_a_declared_conflict_takes_a_member_off(application, chair, fund, client, home):
    services.review_record(application=application, reviewer=chair, conflict_of_interest=True)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=application, by=chair, outcome="decline", message="No"
        )
    TOTP.activate(chair, generate_totp_secret())
    client.force_login(chair)
    assert client.get(f"/admin/grants/application/{application.pk}/").status_code == 302


def test_only_the_chair_decides(application, fund):
    with pytest.raises(PermissionDenied):
        services.application_decide(
            application=application,
            by=UserFactory(roles=[roles.GRANTS_PANEL]),
            outcome="decline",
            message="x",
        )


def test_decision_wording_comes_from_editable_templates(application, chair, fund):
    DecisionTemplate.objects.create(
        outcome="declined", text="Sorry {name}, not this time for {what_for}."
    )
    services.application_decide(application=application, by=chair, outcome="decline")
    application.refresh_from_db()
    assert application.decision_message == "Sorry Jamie, not this time for Ten lessons."


def test_young_panellists_see_no_surname_or_contact_details_and_views_are_audited(
    application, client, home
):
    young_panellist = UserFactory(kind="young_person", directorate="", roles=[roles.GRANTS_PANEL])
    TOTP.activate(young_panellist, generate_totp_secret())
    client.force_login(young_panellist)
    html = client.get(f"/admin/grants/application/{application.pk}/").content.decode()
    assert "Ten lessons" in html and "Jamie" in html
    assert (
        "Jamie Young" not in html
        and "jamie@example.org" not in html
        and "pat@example.org" not in html
    )
    staff = UserFactory(roles=[roles.GRANTS_PANEL])
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    assert (
        "jamie@example.org"
        in client.get(f"/admin/grants/application/{application.pk}/").content.decode()
    )
    assert (
        ApplicationLogEntry.objects.filter(
            action="grants.application_viewed", application=application, label=application.reference
        ).count()
        == 2
    )


def test_closed_applications_are_anonymised_after_the_retention_period(application):
    Application.objects.filter(pk=application.pk).update(
        status="declined", updated_at=timezone.now() - dt.timedelta(days=800)
    )
    assert services.anonymise_old_applications() == 1
    application.refresh_from_db()
    assert (application.how_it_helps, application.worker_email, application.date_of_birth) == (
        "",
        "",
        None,
    )
    assert application.anonymised_at and application.amount_pence == 30_000
    assert services.anonymise_old_applications() == 0


def test_panel_lists_and_the_waiting_for_me_filter(application, client, home):
    member = UserFactory(roles=[roles.GRANTS_PANEL])
    TOTP.activate(member, generate_totp_secret())
    client.force_login(member)
    assert (
        application.reference
        in client.get("/admin/grants/applications/", {"waiting_for_me": "true"}).content.decode()
    )
    services.review_record(
        application=application, reviewer=member, conflict_of_interest=False, recommendation="no"
    )
    assert (
        application.reference
        not in client.get(
            "/admin/grants/applications/", {"waiting_for_me": "true"}
        ).content.decode()
    )
    assert "Grants" in client.get("/admin/").content.decode()
