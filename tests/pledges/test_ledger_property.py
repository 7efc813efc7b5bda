"""Property: any order, any repeats, the same ledger.

Hypothesis generates a history for several pledges (checkout, subscription, monthly invoices,
sometimes a refund, sometimes a cancellation), then delivers every event in a shuffled order with
random repeats, signed for real, through the ingest path. After the retry job has run, the ledger
must equal what the history says, whatever the order.
"""

import json

from django.db import transaction

import pytest
import stripe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pledges import gateway, services
from pledges import stripe_payloads as payloads
from pledges.models import Adjustment, Donation, Pledge
from tests.factories import UserFactory


def _later():
    import datetime as _dt

    from django.utils import timezone as _tz

    return _tz.now() + _dt.timedelta(days=1)


pytestmark = pytest.mark.django_db

plans = st.lists(
    st.fixed_dictionaries({
        "amount": st.integers(min_value=200, max_value=50_000),
        "months": st.integers(min_value=1, max_value=3),
        "refund": st.booleans(),
        "cancel": st.booleans(),
    }),
    min_size=1, max_size=4,
)  # fmt: skip


def history(pledge: Pledge, plan: dict, n: int) -> list[dict]:
    base = 1_790_000_000 + n * 10_000_000
    sub, cus, meta = f"sub_p{n}", f"cus_p{n}", {"pledge": str(pledge.uuid)}
    events = [
        payloads.event(
            "checkout.session.completed",
            payloads.checkout_session(
                session_id=pledge.stripe_checkout_session_id,
                mode="subscription",
                reference=str(pledge.uuid),
                metadata=meta,
                amount=plan["amount"],
                customer=cus,
                subscription=sub,
            ),
            created=base,
        ),
        payloads.event(
            "customer.subscription.created",
            payloads.subscription(sub_id=sub, customer=cus, amount=plan["amount"], metadata=meta),
            created=base + 1,
        ),
    ]
    for m in range(plan["months"]):
        events.append(
            payloads.event(
                "invoice.paid",
                payloads.invoice(
                    invoice_id=f"in_p{n}_{m}",
                    sub_id=sub,
                    customer=cus,
                    amount=plan["amount"],
                    metadata=meta,
                    payment_intent=f"pi_p{n}_{m}",
                    paid_at=base + 10 + m * 100_000,
                ),
                created=base + 10 + m * 100_000,
            )
        )
    if plan["refund"]:
        events.append(
            payloads.event(
                "charge.refunded",
                payloads.charge_refunded(
                    charge_id=f"ch_p{n}",
                    payment_intent=f"pi_p{n}_0",
                    amount=plan["amount"],
                    refunds=[(f"re_p{n}", plan["amount"] // 2)],
                ),
                created=base + 500_000,
            )
        )
    if plan["cancel"]:
        events.append(
            payloads.event(
                "customer.subscription.deleted",
                payloads.subscription(
                    sub_id=sub,
                    customer=cus,
                    amount=plan["amount"],
                    status="canceled",
                    metadata=meta,
                ),
                created=base + 600_000,
            )
        )
    return events


def deliver(event: dict, secret: str) -> None:
    body = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(body, secret)
    services.stripe_event_ingest(payload=body.encode(), signature=header, secret=secret)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plans=plans, data=st.data())
def test_shuffled_and_repeated_events_leave_the_same_ledger(plans, data):
    secret = gateway.webhook_secret()
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
            events += history(pledge, plan, n)
        repeats = data.draw(st.lists(st.sampled_from(events), max_size=len(events)))
        order = data.draw(st.permutations(events + repeats))
        for event in order:
            deliver(event, secret)
        for _ in range(3):
            services.stripe_events_retry_failed(now=_later())

        for pledge, plan in zip(pledges, plans, strict=True):
            pledge.refresh_from_db()
            gifts = Donation.objects.filter(pledge=pledge)
            assert gifts.count() == plan["months"]
            assert sum(g.amount_pence for g in gifts) == plan["amount"] * plan["months"]
            refunds = Adjustment.objects.filter(donation__pledge=pledge)
            assert sum(a.amount_pence for a in refunds) == (
                -(plan["amount"] // 2) if plan["refund"] else 0
            )
            assert pledge.status == (
                Pledge.Status.CANCELLED if plan["cancel"] else Pledge.Status.ACTIVE
            )
            assert pledge.stripe_subscription_id == f"sub_p{pledges.index(pledge)}"
        transaction.set_rollback(True)
