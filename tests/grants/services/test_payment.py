"""Finance records the payment of an approved grant (grants.services.payment)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants import services
from grants.fund import fund_balance
from nolimits import roles
from tests.dates import date_boxes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_finance_records_the_payment_and_the_applicant_sees_paid(
    application, chair, fund, client, home
):
    services.application_decide(
        application=application, by=chair, outcome="approve", amount_pence=30_000, message="Yes"
    )
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    assert client.get(f"/admin/grants/application/{application.pk}/").status_code in (
        302,
        403,
    )  # no case details for finance
    page = client.get("/admin/grants/payments/").content.decode()
    assert application.reference in page and "To get to work" not in page
    paid_on = timezone.localdate() - dt.timedelta(days=5)
    client.post(
        "/admin/grants/payments/",
        {
            "application": application.pk,
            "amount": "300",
            **date_boxes("paid_on", paid_on),
            "method": "bank_transfer",
            "reference": "BACS-1",
        },
    )
    application.refresh_from_db()
    assert application.status == "paid" and application.payment.paid_on == paid_on
    assert fund_balance().paid_pence == 30_000 and fund_balance().committed_pence == 0
    client.force_login(application.applicant)
    page = client.get(f"/grant-applications/application/{application.uuid}/").content.decode()
    assert "Paid" in page and "Say thank you" in page
    client.post(
        f"/grant-applications/application/{application.uuid}/",
        {"message": "Passed my test!", "consent_to_share": "on"},
    )
    assert application.thank_you.consent_to_share


def test_payments_cannot_exceed_the_approval(application, chair, fund):
    services.application_decide(
        application=application, by=chair, outcome="approve", amount_pence=10_000, message="Yes"
    )
    with pytest.raises(ValidationError, match="more than the panel approved"):
        services.payment_record(
            application=application,
            by=UserFactory(roles=[roles.FINANCE]),
            amount_pence=20_000,
            paid_on=timezone.localdate(),
            method="bank_transfer",
            reference="x",
        )
