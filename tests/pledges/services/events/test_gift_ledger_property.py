"""Property: a one-off campaign gift paid by Bacs Direct Debit (checkout completed unpaid, then
the async payment event), partly refunded (charge.refunded and refund.created), paid out and
disputed gives the same whole ledger — fee, net, payout and charge ids too — in any order with
any repeats. (test_ledger_property covers pledges; this covers the one-off gift's events.)"""

import datetime as dt
import json

from django.db import transaction
from django.utils import timezone

import pytest
import stripe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants.fund import fund_balance
from pledges import gateway, services
from pledges import stripe_payloads as payloads
from pledges.models import Donation, StripeEvent
from tests.factories import UserFactory
from tests.pledges.conftest import WEBHOOK_SECRET
from tests.pledges.fake_stripe import (
    FakeStripeHTTP,
    client_with,
    payment,
    payout_history,
    refund_history,
)
from tests.pledges.ledger import snapshot

pytestmark = pytest.mark.django_db
BASE = 1_700_000_000


def gift_history(fake: FakeStripeHTTP, gift: Donation, dispute: str) -> list[dict]:
    meta = {"donation": str(gift.uuid)}
    pi, ch = payment(
        fake, key="g1", amount=5000, method="bacs_debit", customer="cus_g1", metadata=meta
    )
    session = payloads.checkout_session(
        session_id=gift.stripe_checkout_session_id,
        mode="payment",
        reference=str(gift.uuid),
        metadata=meta,
        amount=5000,
        customer="cus_g1",
        payment_intent=pi,
        payment_status="unpaid",
    )
    events = [
        payloads.event("checkout.session.completed", session, created=BASE, event_id="evt_cs"),
        payloads.event(
            "checkout.session.async_payment_succeeded",
            {**session, "payment_status": "paid"},
            created=BASE + 5 * 86400,
            event_id="evt_async",
        ),
    ]
    events += refund_history(
        fake,
        charge_id=ch,
        payment_intent=pi,
        charge_amount=5000,
        refunds=[("re_g1a", 1000), ("re_g1b", 500)],
        base=BASE + 20 * 86400,
    )
    events.append(
        payout_history(
            fake, payout_id="po_gift", charges=[(ch, pi, 5000, 20)], created=BASE + 8 * 86400
        )
    )
    opened = payloads.dispute(dispute_id="dp_g1", charge_id=ch, payment_intent=pi, amount=3500)
    events += [
        payloads.event("charge.dispute.created", opened, created=BASE + 30 * 86400),
        payloads.event(
            "charge.dispute.closed", {**opened, "status": dispute}, created=BASE + 40 * 86400
        ),
    ]
    return events


def run(events: list[dict]) -> dict:
    for event in events:
        body = json.dumps(event)
        header = stripe.WebhookSignature.generate_signature_header(body, WEBHOOK_SECRET)
        services.stripe_event_ingest(payload=body.encode(), signature=header, secret=WEBHOOK_SECRET)
    for _ in range(5):
        services.stripe_events_retry_failed(now=timezone.now() + dt.timedelta(days=1))
    assert not StripeEvent.objects.exclude(status=StripeEvent.Status.PROCESSED).exists()
    return snapshot()


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(dispute=st.sampled_from(["won", "lost"]), data=st.data())
def test_a_bacs_campaign_gifts_events_in_any_order_leave_the_same_ledger(
    dispute, data, monkeypatch, settings_stripe
):
    fake = FakeStripeHTTP()
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(fake)))
    with transaction.atomic():
        gift = Donation.objects.create(
            donor=UserFactory(),
            kind=Donation.Kind.CAMPAIGN,
            amount_pence=5000,
            stripe_checkout_session_id="cs_g1",
        )
        events = gift_history(fake, gift, dispute)
        with transaction.atomic():
            in_order = run(sorted(events, key=lambda e: e["created"]))
            transaction.set_rollback(True)
        repeats = data.draw(st.lists(st.sampled_from(events), max_size=4))
        shuffled = run(data.draw(st.permutations(events + repeats)))
        assert shuffled == in_order

        gift.refresh_from_db()
        assert (gift.status, gift.payment_method_type, gift.stripe_charge_id) == (
            "succeeded",
            "bacs_debit",
            "ch_g1",
        )
        assert (gift.fee_pence, gift.net_pence, gift.payout_id) == (20, 4980, "po_gift")
        assert gift.refunded_pence == 1500
        expected = 5000 - 1500 - (3500 if dispute == "lost" else 0)
        assert shuffled["fund"] == fund_balance().received_pence == expected
        transaction.set_rollback(True)


@pytest.fixture
def settings_stripe(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings
