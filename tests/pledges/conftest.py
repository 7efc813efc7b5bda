import json
import time

import pytest
import stripe

from pledges import gateway
from pledges import stripe_payloads as payloads
from pledges.models import Pledge
from tests.factories import UserFactory


@pytest.fixture
def secret() -> str:
    return gateway.webhook_secret()


@pytest.fixture
def post_event(client, secret):
    """POST an event to the real webhook view, signed for real."""

    def post(event: dict, *, sign_with: str | None = None, timestamp: int | None = None):
        body = json.dumps(event)
        header = stripe.WebhookSignature.generate_signature_header(
            body, sign_with or secret, timestamp=timestamp or int(time.time())
        )
        return client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )

    return post


@pytest.fixture
def donor(db):
    return UserFactory(email="dana@example.org", full_name="Dana Donor")


@pytest.fixture
def pledge(donor):
    return Pledge.objects.create(
        donor=donor,
        method=Pledge.Method.STRIPE,
        amount_pence=1000,
        stripe_checkout_session_id="cs_test_1",
    )


def history_for(
    pledge: Pledge, *, sub_id="sub_test_1", customer="cus_test_1", months=2, base=1_790_000_000
):
    """The events Stripe sends for a card pledge paid for `months` months."""
    meta = {"pledge": str(pledge.uuid)}
    events = [
        payloads.event(
            "checkout.session.completed",
            payloads.checkout_session(
                session_id=pledge.stripe_checkout_session_id,
                mode="subscription",
                reference=str(pledge.uuid),
                metadata=meta,
                amount=pledge.amount_pence,
                customer=customer,
                subscription=sub_id,
            ),
            created=base,
            event_id=f"evt_{sub_id}_cs",
        ),
        payloads.event(
            "customer.subscription.created",
            payloads.subscription(
                sub_id=sub_id, customer=customer, amount=pledge.amount_pence, metadata=meta
            ),
            created=base + 1,
            event_id=f"evt_{sub_id}_sc",
        ),
    ]
    for month in range(months):
        events.append(
            payloads.event(
                "invoice.paid",
                payloads.invoice(
                    invoice_id=f"in_{sub_id}_{month}",
                    sub_id=sub_id,
                    customer=customer,
                    amount=pledge.amount_pence,
                    metadata=meta,
                    payment_intent=f"pi_{sub_id}_{month}",
                    paid_at=base + 2 + month * 2_592_000,
                    billing_reason="subscription_create" if month == 0 else "subscription_cycle",
                ),
                created=base + 2 + month * 2_592_000,
                event_id=f"evt_{sub_id}_in{month}",
            )
        )
    return events
