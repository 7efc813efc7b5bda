"""Property: any order, any repeats, the same ledger — field for field.

Hypothesis generates a history for several pledges as Stripe would send it (checkout, the
subscription, monthly invoices, card or Bacs with its async session event, sometimes refunds told
by charge.refunded alone or with refund.created, a dispute won or lost, a payout, a
cancellation), with what the app must fetch held by a fake Stripe at the SDK's HTTP seam. The
history is delivered once in the order it happened, and the whole ledger (gifts with their fee,
net, payout and charge ids, refunds and disputes, payout lines, pledges) is recorded; then it is
delivered again into an empty ledger in a shuffled order with random repeats, signed for real,
through the ingest path. After the retry job has run the two ledgers must be identical.
"""

import datetime as dt
import json

from django.db import transaction
from django.utils import timezone

import pytest
import stripe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pledges import gateway, services
from pledges import stripe_payloads as payloads
from pledges.models import Donation, Pledge
from tests.factories import UserFactory
from tests.pledges.conftest import WEBHOOK_SECRET
from tests.pledges.fake_stripe import (
    FakeStripeHTTP,
    client_with,
    payout_history,
    pledge_history,
    refund_history,
)
from tests.pledges.ledger import snapshot

pytestmark = pytest.mark.django_db

plans = st.lists(
    st.fixed_dictionaries({
        "amount": st.integers(min_value=200, max_value=50_000),
        "months": st.integers(min_value=1, max_value=3),
        "method": st.sampled_from(["card", "bacs_debit"]),
        "refunds": st.integers(min_value=0, max_value=2),
        "refund_events": st.booleans(),
        "dispute": st.sampled_from([None, "won", "lost"]),
        "payout": st.booleans(),
        "cancel": st.booleans(),
    }),
    min_size=1, max_size=3,
)  # fmt: skip


def history(fake: FakeStripeHTTP, pledge: Pledge, plan: dict, n: int) -> list[dict]:
    base = 1_700_000_000 + n * 20_000_000  # all in the past
    sub, cus, meta = f"sub_p{n}", f"cus_p{n}", {"pledge": str(pledge.uuid)}
    amount = plan["amount"]
    events = pledge_history(
        fake,
        pledge,
        sub_id=sub,
        customer=cus,
        months=plan["months"],
        base=base,
        method=plan["method"],
        amount=amount,
    )
    later = base + 9_000_000
    if plan["refunds"]:
        parts = [amount // 4, amount // 3][: plan["refunds"]]
        events += refund_history(
            fake,
            charge_id=f"ch_{sub}_0",
            payment_intent=f"pi_{sub}_0",
            charge_amount=amount,
            refunds=[(f"re_p{n}_{k}", part) for k, part in enumerate(parts)],
            base=later,
            refund_events=plan["refund_events"],
        )
    if plan["dispute"]:
        last = plan["months"] - 1
        opened = payloads.dispute(
            dispute_id=f"dp_p{n}",
            charge_id=f"ch_{sub}_{last}",
            payment_intent=f"pi_{sub}_{last}",
            amount=amount,
        )
        closed = {**opened, "status": plan["dispute"]}
        events += [
            payloads.event("charge.dispute.created", opened, created=later + 500),
            payloads.event("charge.dispute.closed", closed, created=later + 900),
        ]
    if plan["payout"]:
        events.append(
            payout_history(
                fake,
                payout_id=f"po_p{n}",
                charges=[(f"ch_{sub}_0", f"pi_{sub}_0", amount, 20 + amount // 50)],
                created=later + 1_000,
            )
        )
    if plan["cancel"]:
        events.append(
            payloads.event(
                "customer.subscription.deleted",
                payloads.subscription(
                    sub_id=sub,
                    customer=cus,
                    amount=amount,
                    status="canceled",
                    metadata=meta,
                    payment_method=f"pm_{sub}",
                ),
                created=later + 2_000,
            )
        )
    return events


def deliver(event: dict) -> None:
    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(body, WEBHOOK_SECRET)
    services.stripe_event_ingest(payload=body.encode(), signature=header, secret=WEBHOOK_SECRET)


def run(events: list[dict]) -> dict:
    for event in events:
        deliver(event)
    for _ in range(4):
        services.stripe_events_retry_failed(now=timezone.now() + dt.timedelta(days=1))
    return snapshot()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=plans, data=st.data())
def test_shuffled_and_repeated_events_leave_the_same_ledger(
    plans, data, monkeypatch, django_settings
):
    fake = FakeStripeHTTP()
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(fake)))
    with transaction.atomic():
        donor = UserFactory()
        pledges, events = [], []
        for n, plan in enumerate(plans):
            pledge = Pledge.objects.create(
                donor=donor,
                method="stripe",
                amount_pence=plan["amount"],
                stripe_checkout_session_id=f"cs_p{n}_{donor.pk}",
            )
            pledges.append(pledge)
            events += history(fake, pledge, plan, n)

        with transaction.atomic():
            in_order = run(sorted(events, key=lambda e: e["created"]))
            transaction.set_rollback(True)

        repeats = data.draw(st.lists(st.sampled_from(events), max_size=len(events)))
        order = data.draw(st.permutations(events + repeats))
        shuffled = run(order)
        assert shuffled == in_order

        # And the ledger is the one the history describes.
        for n, (pledge, plan) in enumerate(zip(pledges, plans, strict=True)):
            pledge.refresh_from_db()
            gifts = Donation.objects.filter(pledge=pledge).order_by("paid_at")
            assert gifts.count() == plan["months"]
            assert {g.payment_method_type for g in gifts} == {plan["method"]}
            first = gifts[0]
            assert first.stripe_charge_id == f"ch_sub_p{n}_0"
            if plan["payout"]:
                fee = 20 + plan["amount"] // 50
                assert (first.fee_pence, first.net_pence, first.payout_id) == (
                    fee,
                    plan["amount"] - fee,
                    f"po_p{n}",
                )
            refunded = sum([plan["amount"] // 4, plan["amount"] // 3][: plan["refunds"]])
            assert first.refunded_pence == refunded
            assert sum(g.disputed for g in gifts) == (plan["dispute"] == "lost")
            assert pledge.payment_method_type == plan["method"]
            assert pledge.status == (
                Pledge.Status.CANCELLED if plan["cancel"] else Pledge.Status.ACTIVE
            )
        expected_fund = sum(
            p["amount"] * p["months"]
            - sum([p["amount"] // 4, p["amount"] // 3][: p["refunds"]])
            - (p["amount"] if p["dispute"] == "lost" else 0)
            for p in plans
        )
        assert shuffled["fund"] == expected_fund
        transaction.set_rollback(True)


@pytest.fixture
def django_settings(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return settings
