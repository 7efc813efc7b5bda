"""Proof of spending (checked, private) and endorsement reminders (working days, once each)."""

import datetime as dt

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants import services
from grants.models import Application, Category, Endorsement
from nolimits import roles
from nolimits.working_days import working_days_between
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF"


@pytest.fixture
def paid(db):
    young = UserFactory(kind="young_person", directorate="")
    category = Category.objects.create(name="Work", slug="work", max_amount_pence=30_000)
    return Application.objects.create(
        applicant=young,
        status="paid",
        category=category,
        what_for="Boots",
        amount_pence=6000,
        decided_amount_pence=6000,
    )


def test_the_applicant_sends_proof_and_only_staff_can_download_it(client, home, paid):
    client.force_login(paid.applicant)
    url = f"/grant-applications/application/{paid.uuid}/"
    html = client.post(
        url, {"proof": "1", "file": SimpleUploadedFile("x.pdf", b"not a pdf")}
    ).content.decode()
    assert "must be a photo (JPG or PNG) or a PDF" in html
    client.post(url, {"proof": "1", "file": SimpleUploadedFile("../secret.pdf", PDF)})
    paid.refresh_from_db()
    assert paid.proof_of_spend and "secret" not in paid.proof_of_spend.name
    assert client.get(f"/admin/grants/application/{paid.uuid}/proof/").status_code in (302, 403)
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    response = client.get(f"/admin/grants/application/{paid.uuid}/proof/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")


def test_endorsement_reminder_after_five_working_days_then_the_chairs(db):
    chair = UserFactory(roles=[roles.GRANTS_PANEL_CHAIRS])
    young = UserFactory(kind="young_person", directorate="")
    application = Application.objects.create(
        applicant=young, status="awaiting_endorsement", what_for="Bed", amount_pence=100
    )
    monday = dt.date(2026, 11, 2)
    endorsement = Endorsement.objects.create(
        application=application,
        sent_to="pat@example.org",
        sent_at=timezone.make_aware(dt.datetime(2026, 11, 2, 10)),
    )
    assert working_days_between(monday, dt.date(2026, 11, 9)) == 5
    assert services.endorsement_reminders(today=dt.date(2026, 11, 6)) == 0  # 4 working days
    assert services.endorsement_reminders(today=dt.date(2026, 11, 9)) == 1  # 5: remind the worker
    assert services.endorsement_reminders(today=dt.date(2026, 11, 10)) == 0  # once
    assert (
        mail.outbox[-1].to == ["pat@example.org"]
        and "/grant-applications/endorse/" in mail.outbox[-1].body
    )
    assert services.endorsement_reminders(today=dt.date(2026, 11, 16)) == 1  # 10: tell the chairs
    assert mail.outbox[-1].to == [chair.email]
    assert services.endorsement_reminders(today=dt.date(2026, 11, 20)) == 0
    endorsement.refresh_from_db()
    assert endorsement.reminded_at and endorsement.escalated_at


def test_the_endorsement_reminder_skips_bank_holidays(db):
    young = UserFactory(kind="young_person", directorate="")
    application = Application.objects.create(
        applicant=young, status="awaiting_endorsement", what_for="Bed", amount_pence=100
    )
    Endorsement.objects.create(
        application=application,
        sent_to="pat@example.org",
        sent_at=timezone.make_aware(dt.datetime(2026, 12, 23, 10)),  # a Wednesday
    )
    # 24, 29, 30, 31 December are working days; 25, 28 December and 1 January are not.
    assert services.endorsement_reminders(today=dt.date(2026, 12, 31)) == 0
    assert services.endorsement_reminders(today=dt.date(2027, 1, 1)) == 0
    assert services.endorsement_reminders(today=dt.date(2027, 1, 4)) == 1
