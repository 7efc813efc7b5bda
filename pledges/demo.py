"""The demo gateway's side of things: what happens when someone "pays" on the demo checkout.

It builds the events Stripe would send, signs them with the webhook secret and feeds them to
services.stripe_event_ingest — the same code the real webhook view calls. No money moves.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import time

from django.conf import settings
from django.utils import timezone

import stripe
from django_q.models import Schedule

from pledges import gateway, services
from pledges import stripe_payloads as payloads
from pledges.models import Donation, Pledge

# Bacs Direct Debit takes days to confirm; the demo waits this many seconds instead.
BACS_DELAY_SECONDS = 30


def ensure_allowed() -> None:
    gateway.demo_check_allowed()


def sign_and_ingest(event: dict) -> None:
    payload = json.dumps(event)
    secret = gateway.webhook_secret()
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    event, _ = services.stripe_event_ingest(
        payload=payload.encode(), signature=header, secret=secret
    )
    # Apply it now as well, so the demo answers at once even without a worker; the queued task
    # then finds it processed and does nothing (processing is idempotent).
    services.stripe_event_process(event_pk=event.pk)


def _customer_id(user_pk: int) -> str:
    return (
        "cus_demo_" + hashlib.sha256(f"{settings.SECRET_KEY}:{user_pk}".encode()).hexdigest()[:14]
    )


def find_session(session_id: str) -> Pledge | Donation | None:
    return (
        Pledge.objects.filter(stripe_checkout_session_id=session_id).select_related("donor").first()
        or Donation.objects.filter(stripe_checkout_session_id=session_id)
        .select_related("donor", "campaign")
        .first()
    )


def _demo_id(prefix: str, method: str) -> str:
    """An id that says how it was paid, so the demo gateway can answer what Stripe would be
    asked about it (gateway.DemoGateway)."""
    return payloads.new_id(f"{prefix}").replace("_demo_", f"_demo_{method}_", 1)


def complete_checkout(session_id: str, method: str) -> None:
    """The donor pressed "Pay" on the demo checkout, by card or by Bacs Direct Debit."""
    ensure_allowed()
    target = find_session(session_id)
    if target is None:
        raise LookupError(session_id)
    bacs = method == "bacs_debit"
    customer = _customer_id(target.donor_id)
    is_pledge = isinstance(target, Pledge)
    meta = {"pledge" if is_pledge else "donation": str(target.uuid)}
    sub_id = payloads.new_id("sub") if is_pledge else None
    session = payloads.checkout_session(
        session_id=session_id,
        mode="subscription" if is_pledge else "payment",
        reference=str(target.uuid),
        metadata=meta,
        amount=target.amount_pence,
        payment_status="unpaid" if bacs else "paid",
        customer=customer,
        subscription=sub_id,
        payment_intent=None if is_pledge else _demo_id("pi", method),
        email=target.donor.email,
    )
    sign_and_ingest(payloads.event("checkout.session.completed", session))
    if is_pledge:
        sign_and_ingest(
            payloads.event(
                "customer.subscription.created",
                payloads.subscription(
                    sub_id=sub_id,
                    customer=customer,
                    amount=target.amount_pence,
                    metadata=meta,
                    payment_method=_demo_id("pm", method),
                ),
            )
        )
    if bacs:  # the bank confirms days later
        _later(
            payloads.event(
                "checkout.session.async_payment_succeeded", {**session, "payment_status": "paid"}
            )
        )
    if is_pledge:
        first_invoice = payloads.event(
            "invoice.paid",
            payloads.invoice(
                invoice_id=_demo_id("in", method),
                sub_id=sub_id,
                customer=customer,
                amount=target.amount_pence,
                metadata=meta,
                billing_reason="subscription_create",
            ),
        )
        (_later if bacs else sign_and_ingest)(first_invoice)


def abandon_checkout(session_id: str) -> None:
    """The donor left the demo checkout: Stripe would expire the session."""
    ensure_allowed()
    target = find_session(session_id)
    if target is None:
        raise LookupError(session_id)
    key = "pledge" if isinstance(target, Pledge) else "donation"
    sign_and_ingest(
        payloads.event(
            "checkout.session.expired",
            payloads.checkout_session(
                session_id=session_id,
                mode="subscription" if key == "pledge" else "payment",
                reference=str(target.uuid),
                metadata={key: str(target.uuid)},
                amount=target.amount_pence,
                payment_status="unpaid",
                status="expired",
            ),
        )
    )


def _later(event: dict) -> None:
    """Send an event after a delay, as Bacs confirmation would come days later."""
    Schedule.objects.create(
        name=f"Demo: {event['type']} {event['id']}"[:100],
        func="pledges.demo.deliver",
        args=repr((json.dumps(event),)),
        schedule_type=Schedule.ONCE,
        repeats=-1,
        next_run=timezone.now() + dt.timedelta(seconds=BACS_DELAY_SECONDS),
    )


def deliver(event_json: str) -> None:
    event = json.loads(event_json)
    event["created"] = int(time.time())
    sign_and_ingest(event)
