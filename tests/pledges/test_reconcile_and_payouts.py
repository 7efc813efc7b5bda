"""Finance's side of Stripe: payouts fill in fees, the daily job catches missed events."""

from django.core import mail

import pytest

from pledges import gateway, services
from pledges import stripe_payloads as payloads
from pledges.models import Donation, Pledge
from tests.pledges.conftest import history_for
from tests.pledges.fake_stripe import FakeStripeHTTP, client_with

pytestmark = pytest.mark.django_db


def use_fake(monkeypatch, settings, responses):
    settings.STRIPE_WEBHOOK_SECRET = gateway.webhook_secret()  # keep signing with the same secret
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    http = FakeStripeHTTP(responses)
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    return http


def test_a_payout_records_each_gifts_fee_net_and_payout(monkeypatch, settings, post_event, pledge):
    for event in history_for(pledge, months=1):
        post_event(event)
    http = use_fake(
        monkeypatch,
        settings,
        {
            ("GET", "/v1/balance_transactions"): {
                "object": "list",
                "has_more": False,
                "url": "/v1/balance_transactions",
                "data": [
                    {
                        "id": "txn_1",
                        "object": "balance_transaction",
                        "type": "charge",
                        "fee": 35,
                        "net": 965,
                        "source": {
                            "id": "ch_1",
                            "object": "charge",
                            "payment_intent": "pi_sub_test_1_0",
                        },
                    },
                    {
                        "id": "txn_2",
                        "object": "balance_transaction",
                        "type": "stripe_fee",
                        "fee": 0,
                        "net": -10,
                        "source": None,
                    },
                ],
            },
        },
    )
    post_event(
        payloads.event(
            "payout.paid",
            {"id": "po_1", "object": "payout", "amount": 955, "arrival_date": 1_790_100_000},
        )
    )
    gift = Donation.objects.get()
    assert (gift.fee_pence, gift.net_pence, gift.payout_id, gift.stripe_charge_id) == (
        35,
        965,
        "po_1",
        "ch_1",
    )
    assert http.calls[0]["path"] == "/v1/balance_transactions"


def test_the_daily_reconciliation_applies_what_stripe_has_and_we_missed(
    monkeypatch, settings, pledge
):
    sub = payloads.subscription(
        sub_id="sub_r", customer="cus_r", amount=1000, metadata={"pledge": str(pledge.uuid)}
    )
    inv = payloads.invoice(
        invoice_id="in_r",
        sub_id="sub_r",
        customer="cus_r",
        amount=1000,
        metadata={"pledge": str(pledge.uuid)},
        payment_intent="pi_r",
    )
    session = payloads.checkout_session(
        session_id=pledge.stripe_checkout_session_id,
        mode="subscription",
        reference=str(pledge.uuid),
        metadata={"pledge": str(pledge.uuid)},
        amount=1000,
        customer="cus_r",
        subscription="sub_r",
    )
    empty = {"object": "list", "has_more": False}
    use_fake(
        monkeypatch,
        settings,
        {
            ("GET", "/v1/checkout/sessions"): {
                **empty,
                "url": "/v1/checkout/sessions",
                "data": [session],
            },
            ("GET", "/v1/subscriptions"): {**empty, "url": "/v1/subscriptions", "data": [sub]},
            ("GET", "/v1/invoices"): {**empty, "url": "/v1/invoices", "data": [inv]},
        },
    )
    assert services.stripe_reconcile(days=3) == 3
    assert services.stripe_reconcile(days=3) == 3  # again: nothing new
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert Donation.objects.get().stripe_invoice_id == "in_r"


def test_a_failed_payment_emails_the_donor_with_where_to_fix_it(
    post_event, pledge, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, months=1):
        post_event(event)
    failed = payloads.event(
        "invoice.payment_failed",
        payloads.invoice(
            invoice_id="in_f",
            sub_id="sub_test_1",
            customer="cus_test_1",
            amount=1000,
            status="open",
            metadata={"pledge": str(pledge.uuid)},
        ),
    )
    past_due = payloads.event(
        "customer.subscription.updated",
        payloads.subscription(
            sub_id="sub_test_1",
            customer="cus_test_1",
            amount=1000,
            status="past_due",
            metadata={"pledge": str(pledge.uuid)},
        ),
        created=1_795_000_000,
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_event(failed)
        post_event(past_due)
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PAYMENT_FAILED
    message = mail.outbox[-1]
    assert message.subject == "[No Limits] Your monthly gift could not be taken"
    assert "/pledges/my-giving/" in message.body and "Update card or bank details" in message.body


def test_a_refused_direct_debit_mandate_tells_the_donor(
    monkeypatch, settings, post_event, pledge, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, months=1):
        post_event(event)
    use_fake(
        monkeypatch,
        settings,
        {
            ("GET", "/v1/payment_methods/pm_1"): {
                "id": "pm_1",
                "object": "payment_method",
                "customer": "cus_test_1",
            }
        },
    )
    mandate = {
        "id": "mandate_1",
        "object": "mandate",
        "payment_method": "pm_1",
        "payment_method_details": {
            "type": "bacs_debit",
            "bacs_debit": {"network_status": "revoked"},
        },
    }
    with django_capture_on_commit_callbacks(execute=True):
        post_event(payloads.event("mandate.updated", mandate))
    assert mail.outbox[-1].subject == "[No Limits] Your Direct Debit has stopped"


def test_a_payment_needing_confirmation_sends_stripes_link(
    post_event, pledge, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, months=1):
        post_event(event)
    invoice = payloads.invoice(
        invoice_id="in_a", sub_id="sub_test_1", customer="cus_test_1", amount=1000, status="open"
    )
    invoice["hosted_invoice_url"] = "https://invoice.stripe.com/i/abc"
    with django_capture_on_commit_callbacks(execute=True):
        post_event(payloads.event("invoice.payment_action_required", invoice))
    assert "https://invoice.stripe.com/i/abc" in mail.outbox[-1].body
