"""Sessions, expenses with receipts, mentors' pages, and who may see what."""

import datetime as dt
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import ExpenseClaim, SupervisionNote, VolunteerSession

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def volunteer(coordinator, mentor):
    v = applicant()
    services.mentor_assign(volunteer=v, mentor=mentor, by=coordinator)
    return v


@pytest.fixture
def session(volunteer):
    return services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=90,
        what_happened="Football",
    )


def test_a_volunteer_logs_a_session(client, home, volunteer):
    client.force_login(volunteer.user)
    response = client.post(
        "/volunteer/sessions/",
        {"date": timezone.localdate().isoformat(), "minutes": "90", "what_happened": "Cooking"},
    )
    assert response.status_code == 302
    assert VolunteerSession.objects.get().minutes == 90
    html = client.post(
        "/volunteer/sessions/", {"date": "2026-02-31", "minutes": "ninety", "what_happened": "x"}
    ).content.decode()
    assert (
        "The date of the session must be a real date" in html
        and "Enter a whole number of minutes, like 90" in html
    )
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    html = client.post(
        "/volunteer/sessions/", {"date": tomorrow, "minutes": "60", "what_happened": "x"}
    ).content.decode()
    assert "The date of the session must be today or in the past" in html


def test_mileage_is_paid_at_the_set_rate(client, home, volunteer, session):
    client.force_login(volunteer.user)
    client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "mileage", "description": "Drive to the ground", "miles": "10"},
    )
    claim = ExpenseClaim.objects.get()
    assert (claim.amount_pence, claim.status) == (450, "waiting")


def test_a_receipt_is_checked_by_its_content_and_kept_private(client, home, volunteer, session):
    client.force_login(volunteer.user)
    fake = SimpleUploadedFile("receipt.pdf", b"MZ not really a pdf", content_type="application/pdf")
    html = client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "other", "description": "Tickets", "amount": "12.50", "receipt": fake},
    ).content.decode()
    assert "The receipt must be a photo (JPG or PNG) or a PDF" in html
    assert 'value="Tickets"' in html
    big = SimpleUploadedFile("r.png", PNG + b"\x00" * (5 * 1024 * 1024), content_type="image/png")
    html = client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "other", "description": "Tickets", "amount": "12.50", "receipt": big},
    ).content.decode()
    assert "The receipt must be smaller than 5 MB" in html
    html = client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "other", "description": "Tickets", "amount": "12.50"},
    ).content.decode()
    assert "Add a photo or PDF of the receipt" in html
    assert not ExpenseClaim.objects.exists()

    good = SimpleUploadedFile("../../etc/passwd.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "other", "description": "Tickets", "amount": "12.50", "receipt": good},
    )
    claim = ExpenseClaim.objects.get()
    assert claim.amount_pence == 1250 and claim.receipt_content_type == "application/pdf"
    assert "passwd" not in claim.receipt.name and claim.receipt.name.startswith("receipts/")

    response = client.get(f"/volunteer/receipts/{claim.receipt_key}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "sandbox"
    client.force_login(UserFactory())
    assert client.get(f"/volunteer/receipts/{claim.receipt_key}/").status_code == 404
    finance = UserFactory(roles=[roles.FINANCE])
    client.force_login(finance)  # a password alone is not enough for private files
    assert client.get(f"/volunteer/receipts/{claim.receipt_key}/").status_code == 404
    TOTP.activate(finance, generate_totp_secret())
    assert client.get(f"/volunteer/receipts/{claim.receipt_key}/").status_code == 200
    assert client.get(f"/volunteer/receipts/{uuid.uuid4()}/").status_code == 404


def test_claims_stay_within_the_limits(volunteer, session):
    from volunteers.models import VolunteeringSettings

    limits = VolunteeringSettings(
        max_expense_claim_pence=5000, max_expenses_per_month_pence=6000, mileage_rate_pence=45
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="A single claim can be up to £50.00"):
        services.expense_claim(
            session=session,
            by=volunteer.user,
            kind="mileage",
            description="Long drive",
            limits=limits,
            miles=200,
        )
    services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive",
        limits=limits,
        miles=100,
    )
    with pytest.raises(ValidationError, match="you can claim up to £15.00 more this month"):
        services.expense_claim(
            session=session,
            by=volunteer.user,
            kind="mileage",
            description="Drive",
            limits=limits,
            miles=40,
        )


def test_a_coordinator_approves_or_refuses_with_a_reason(volunteer, session, coordinator):
    from django.core.exceptions import PermissionDenied, ValidationError

    from volunteers.models import VolunteeringSettings

    claim = services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive",
        limits=VolunteeringSettings(),
        miles=10,
    )
    with pytest.raises(PermissionDenied):
        services.expense_decide(claim=claim, by=volunteer.user, approve=True)
    with pytest.raises(ValidationError, match="Say why"):
        services.expense_decide(claim=claim, by=coordinator, approve=False)
    services.expense_decide(
        claim=claim, by=coordinator, approve=False, reason="Please claim the return trip only"
    )
    claim.refresh_from_db()
    assert (claim.status, claim.decision_reason, claim.decided_by) == (
        "refused",
        "Please claim the return trip only",
        coordinator,
    )


def test_a_mentor_sees_only_their_volunteers_and_records_supervision(
    client, home, volunteer, mentor, session
):
    other = applicant()
    client.force_login(mentor)
    html = client.get("/volunteer/mentor/").content.decode()
    assert volunteer.user.full_name in html and other.user.full_name not in html
    assert client.get(f"/volunteer/mentor/{other.pk}/").status_code == 404
    page = client.get(f"/volunteer/mentor/{volunteer.pk}/").content.decode()
    assert "Football" in page
    client.post(
        f"/volunteer/mentor/{volunteer.pk}/",
        {"held_on": timezone.localdate().isoformat(), "notes": "Going well"},
    )
    assert SupervisionNote.objects.get().mentor == mentor


def test_finance_sees_expenses_but_no_dbs(db):
    finance = UserFactory(roles=[roles.FINANCE])
    assert finance.has_perm("volunteers.view_expenseclaim")
    assert not finance.has_perm("volunteers.view_dbscheck")
    assert not finance.has_perm("volunteers.view_dbs")
    assert not finance.has_perm("volunteers.view_volunteer")


def test_a_volunteer_sees_only_their_own_records(client, home, volunteer, session):
    other = applicant()
    client.force_login(other.user)
    assert "Football" not in client.get("/volunteer/sessions/").content.decode()
    assert client.get(f"/volunteer/sessions/{session.pk}/claim/").status_code == 404


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "Enter an amount in pounds, like 10 or 7.50"),
        ("1e3", "Enter an amount in pounds, like 10 or 7.50"),
        ("12.345", "Enter pence as two digits at most"),
        ("1" * 30, "Enter an amount of no more than 12 characters"),
    ],
)
def test_an_expense_amount_that_is_not_money_is_refused_kindly(
    client, home, volunteer, session, typed, message
):
    client.force_login(volunteer.user)
    response = client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "other", "description": "Tickets", "amount": typed},
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert f'value="{typed}"' in html
    assert not ExpenseClaim.objects.exists()
