"""Cases found in review: Stripe payload shapes of API 2026-10-28, odd bodies, double use."""

import datetime as dt
import json

from django.contrib.auth.models import Group, Permission
from django.core.checks import run_checks
from django.utils import timezone

import pytest
import stripe
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from pledges import services
from pledges import stripe_payloads as payloads
from pledges.models import Adjustment, Donation, Pledge, StripeEvent
from pledges.selectors import money_received_pence
from tests.factories import UserFactory
from tests.pledges.conftest import history_for

pytestmark = pytest.mark.django_db


def test_an_invoice_event_has_no_payments_so_the_app_asks_stripe(post_event, pledge, fake_stripe):
    events = history_for(pledge, fake_stripe, months=1)
    assert "payments" not in events[-1]["data"]["object"]  # as real webhooks arrive
    for event in events:
        post_event(event)
    gift = Donation.objects.get()
    assert gift.stripe_payment_intent_id == "pi_sub_test_1_0"
    assert gift.stripe_charge_id == "ch_sub_test_1_0"
    asked = [c["path"] for c in fake_stripe.calls]
    assert "/v1/invoice_payments" in asked and "/v1/payment_intents/pi_sub_test_1_0" in asked
    refund = payloads.refund(
        refund_id="re_9", charge_id="ch_sub_test_1_0", payment_intent="pi_sub_test_1_0", amount=1000
    )
    post_event(payloads.event("refund.created", refund))
    gift.refresh_from_db()
    assert gift.refunded_pence == 1000
    assert money_received_pence() == 0


def test_a_refund_event_alone_makes_the_negative_line(post_event, pledge, fake_stripe):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    refund = payloads.refund(
        refund_id="re_1",
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        amount=400,
        status="pending",
    )
    fake_stripe.add({**refund, "status": "failed"})  # what Stripe holds by now
    post_event(payloads.event("refund.created", refund, created=1_795_000_000))
    post_event(
        payloads.event(
            "charge.refunded",
            payloads.charge(
                charge_id="ch_sub_test_1_0",
                payment_intent="pi_sub_test_1_0",
                amount=1000,
                amount_refunded=400,
            ),
            created=1_795_000_001,
        )
    )
    post_event(
        payloads.event("refund.updated", {**refund, "status": "failed"}, created=1_795_000_100)
    )
    adjustment = Adjustment.objects.get()
    assert (adjustment.amount_pence, adjustment.status) == (
        0,
        "failed",
    )  # a failed refund gives the money back


@pytest.mark.parametrize(
    ("status", "money_out"),
    [
        ("needs_response", True),
        ("under_review", True),
        ("lost", True),
        ("appeal_needs_response", True),
        ("appeal_under_review", True),
        ("won", False),
        ("warning_needs_response", False),
        ("warning_closed", False),
    ],
)
def test_dispute_statuses(post_event, pledge, status, money_out, fake_stripe):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    post_event(
        payloads.event(
            "charge.dispute.updated",
            payloads.dispute(
                dispute_id="dp_1",
                charge_id="ch_sub_test_1_0",
                payment_intent="pi_sub_test_1_0",
                amount=1000,
                status=status,
            ),
        )
    )
    gift = Donation.objects.get()
    assert gift.disputed is money_out
    assert Adjustment.objects.get().amount_pence == (-1000 if money_out else 0)


@pytest.mark.parametrize(
    "body",
    [
        {"id": "evt_1", "object": "event", "type": "invoice.paid", "created": 1, "data": None},
        {"id": "evt_1", "object": "event", "type": "invoice.paid", "created": 1, "data": "x"},
        {
            "id": "evt_1",
            "object": "event",
            "type": "invoice.paid",
            "created": -5,
            "data": {"object": {}},
        },
        {"id": "evt_1", "object": "event", "type": "x" * 101, "created": 1, "data": {"object": {}}},
        {"id": 7, "object": "event", "type": "invoice.paid", "created": 1, "data": {"object": {}}},
    ],
)
def test_odd_signed_bodies_are_400_not_500(post_event, body):
    assert post_event(body).status_code == 400
    assert not StripeEvent.objects.exists()


def test_retries_back_off_and_give_up_to_a_person(post_event, pledge):
    orphan = payloads.event(
        "invoice.paid",
        payloads.invoice(invoice_id="in_x", sub_id="sub_unknown", customer="cus_x", amount=500),
    )
    post_event(orphan)
    assert services.stripe_events_retry_failed() == 0  # the first retry waits five minutes
    later = timezone.now() + dt.timedelta(minutes=6)
    assert services.stripe_events_retry_failed(now=later) == 1
    StripeEvent.objects.update(attempts=services.MAX_EVENT_ATTEMPTS)
    assert services.stripe_events_retry_failed(now=later + dt.timedelta(days=1)) == 0
    assert services.stripe_events_needing_attention() == 1


def test_far_off_years_are_404_not_500(client, donor, home):
    client.force_login(donor)
    assert client.get("/pledges/statement/9999/").status_code == 404


def test_reconciliation_refuses_a_far_off_month(client, home):
    finance = UserFactory(roles=["Finance"])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    response = client.get("/admin/giving/reconciliation/", {"month": "9999-12"})
    assert response.status_code == 200


def test_a_demo_checkout_is_used_once(client, donor, home):
    client.force_login(donor)
    response = client.post("/pledges/give/", {"amount_choice": "1000"})
    checkout = response["Location"]
    client.post(checkout, {"action": "card"})
    again = client.post(checkout, {"action": "card"})
    assert again.status_code == 302
    assert Donation.objects.count() == 1
    response = client.post("/pledges/give/", {"amount_choice": "1000"})
    client.post(response["Location"], {"action": "cancel"})
    client.post(response["Location"], {"action": "card"})
    assert Donation.objects.count() == 1
    assert Pledge.objects.filter(status="abandoned").count() == 1


def test_payroll_pledges_are_hidden_without_payroll_permission(client, home):
    viewer = UserFactory()
    group = Group.objects.create(name="Auditors")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_pledge"]))
    viewer.groups.add(group)
    TOTP.activate(viewer, generate_totp_secret())
    client.force_login(viewer)
    Pledge.objects.create(
        donor=UserFactory(full_name="Pat Payroll"),
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 12, 1),
    )
    assert "Pat Payroll" not in client.get("/admin/giving/pledges/").content.decode()
    export = b"".join(
        client.get("/admin/giving/pledges/", {"export": "csv"}).streaming_content
    ).decode()
    assert "AB123456" not in export
    finance = UserFactory(roles=["Finance"])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    assert "Pat Payroll" in client.get("/admin/giving/pledges/").content.decode()


def test_a_gift_taken_by_another_claim_meanwhile_stops_this_claim(monkeypatch):
    from django.core.exceptions import ValidationError

    from pledges import selectors
    from pledges.models import GiftAidClaim, GiftAidDeclaration

    donor = UserFactory()
    paid = timezone.make_aware(dt.datetime(2026, 6, 1, 12))
    GiftAidDeclaration.objects.create(
        donor=donor,
        wording="x",
        charity_name="F",
        first_name="A",
        last_name="B",
        house_name_or_number="1",
        postcode="SL1 2AB",
        declared_at=paid - dt.timedelta(days=10),
    )
    gift = Donation.objects.create(
        donor=donor, kind="campaign", amount_pence=5000, status="succeeded", paid_at=paid
    )
    real = selectors.gift_aid_claimable

    def racing(start, end):
        yield from real(start, end)
        other = GiftAidClaim.objects.create(
            reference="GA-OTHER", period_start=start, period_end=end
        )
        Donation.objects.filter(pk=gift.pk).update(
            gift_aid_claim=other
        )  # another run got there first

    monkeypatch.setattr(selectors, "gift_aid_claimable", racing)
    with pytest.raises(ValidationError, match="claimed by another run"):
        services.gift_aid_claim_prepare(
            start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30), by=None
        )
    # Everything this run did is rolled back (in real life the other run's claim stays).
    assert not GiftAidClaim.objects.exclude(reference="GA-OTHER").exists()


def test_a_stripe_key_without_a_webhook_secret_is_a_system_error(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = ""
    assert "nolimits.E003" in [e.id for e in run_checks()]


def test_with_stripe_keys_only_stripes_secret_is_accepted(client, settings, pledge, fake_stripe):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_real"
    body = json.dumps(history_for(pledge, fake_stripe)[0])
    demo_signed = stripe.WebhookSignature.generate_signature_header(body, "whsec_demo_" + "0" * 32)
    assert (
        client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=demo_signed,
        ).status_code
        == 400
    )
    real = stripe.WebhookSignature.generate_signature_header(body, "whsec_real")
    assert (
        client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=real,
        ).status_code
        == 200
    )
