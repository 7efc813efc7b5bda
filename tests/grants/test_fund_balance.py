"""The fund has one balance (grants.fund): money received less refunds and disputes, less
grants committed and paid. The chair's decision cap and every screen that shows it agree."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from grants import services
from grants.fund import fund_balance
from grants.models import Application, Category
from nolimits import roles
from pledges.models import Adjustment, Donation
from tests.dates import date_boxes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def gift(pence, status="succeeded"):
    return Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=pence,
        status=status,
        paid_at=timezone.now(),
    )


def in_review(category, amount_pence):
    return Application.objects.create(
        applicant=UserFactory(kind="young_person", directorate=""),
        status="in_review",
        category=category,
        what_for="Kit",
        amount_pence=amount_pence,
        how_it_helps="x",
        worker_name="Pat",
        worker_email="pat@example.org",
        date_of_birth=dt.date(2005, 1, 1),
        care_experienced=True,
        submitted_at=timezone.now(),
    )


def test_fund_balance_is_money_received_less_refunds(db):
    a, _ = gift(1000), gift(1001)
    Adjustment.objects.create(donation=a, kind="refund", stripe_id="re_x", amount_pence=-1000)
    gift(999, status="processing")
    balance = fund_balance()
    assert balance.received_pence == 1001
    assert balance.available_pence == 1001


def test_fund_balance_panel_on_finance_dashboard(client, home, admin_user):
    gift(1000), gift(1001)
    client.force_login(admin_user(roles.FINANCE))
    html = client.get("/admin/").content.decode()
    assert "The No Limits fund" in html and "£20.01" in html


def test_the_chairs_cap_and_every_screen_show_the_same_balance(client, home, admin_user):
    refunded = gift(100_000)
    gift(61_234)
    Adjustment.objects.create(
        donation=refunded, kind="refund", stripe_id="re_1", amount_pence=-20_000
    )
    category = Category.objects.create(name="Kit", slug="kit", max_amount_pence=100_000)
    decided, paid, asking = (in_review(category, p) for p in (30_000, 30_000, 90_000))
    chair = admin_user(roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS)
    finance = admin_user(roles.FINANCE)
    client.force_login(chair)
    for application in (decided, paid):
        response = client.post(
            f"/admin/grants/application/{application.pk}/",
            {"action": "decide", "outcome": "approve", "amount": "300", "message": "Yes"},
        )
        assert response.status_code == 302
    client.force_login(finance)
    client.post(
        "/admin/grants/payments/",
        {
            "application": paid.pk,
            "amount": "300",
            **date_boxes("paid_on", timezone.localdate()),
            "method": "bank_transfer",
            "reference": "BACS-1",
        },
    )
    paid.refresh_from_db()
    assert paid.status == "paid"
    # £1,000 + £612.34 received, £200 refunded, £300 committed, £300 paid.
    balance = fund_balance()
    assert (balance.received_pence, balance.committed_pence, balance.paid_pence) == (
        141_234,
        30_000,
        30_000,
    )
    assert balance.available_pence == 81_234

    with pytest.raises(ValidationError, match=r"The fund has only £812\.34 available"):
        services.application_decide(
            application=asking, by=chair, outcome="approve", amount_pence=81_235, message="x"
        )
    client.force_login(chair)
    page = client.post(
        f"/admin/grants/application/{asking.pk}/",
        {"action": "decide", "outcome": "approve", "amount": "900", "message": "Yes"},
    ).content.decode()
    assert "The fund has only £812.34 available" in page
    dashboard = client.get("/admin/").content.decode()
    assert re.search(r"<strong>£812\.34 available</strong>", dashboard)

    client.force_login(finance)
    dashboard = client.get("/admin/").content.decode()
    assert "The No Limits fund" in dashboard
    assert re.search(r"£812\.34</span> available", dashboard)
    assert re.search(r"£300\.00</span> committed to grants", dashboard)
    finance_screen = client.get("/admin/giving/reconciliation/").content.decode()
    assert "Fund balance" in finance_screen
    assert "committed to grants £300.00; paid £300.00; available £812.34." in finance_screen

    services.application_decide(
        application=asking, by=chair, outcome="approve", amount_pence=81_234, message="All of it"
    )
    assert fund_balance().available_pence == 0
    finance_screen = client.get("/admin/giving/reconciliation/").content.decode()
    assert "available £0.00." in finance_screen
