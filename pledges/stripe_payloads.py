"""Stripe objects and events as plain dicts, in the shapes of API version 2026-10-28.endive.

Used by the demo gateway (which stands in for Stripe when no keys are set) and by the tests.
Since API "basil", an invoice has no top-level `subscription` or `payment_intent`: the
subscription is at `parent.subscription_details.subscription` and the payment in `payments`.
"""

import secrets
import time

from pledges.models import CURRENCY

API_VERSION = "2026-10-28.endive"


def new_id(prefix: str) -> str:
    return f"{prefix}_demo_{secrets.token_hex(8)}"


def event(
    type_: str, obj: dict, *, created: int | None = None, event_id: str | None = None
) -> dict:
    return {
        "id": event_id or new_id("evt"),
        "object": "event",
        "api_version": API_VERSION,
        "created": created or int(time.time()),
        "livemode": False,
        "type": type_,
        "data": {"object": obj},
    }


def checkout_session(
    *,
    session_id: str,
    mode: str,
    reference: str,
    metadata: dict,
    amount: int,
    payment_status: str = "paid",
    method: str = "card",
    customer: str | None = None,
    subscription: str | None = None,
    payment_intent: str | None = None,
    status: str = "complete",
) -> dict:
    return {
        "id": session_id,
        "object": "checkout.session",
        "mode": mode,
        "status": status,
        "payment_status": payment_status,
        "client_reference_id": reference,
        "metadata": metadata,
        "amount_total": amount,
        "currency": CURRENCY,
        "customer": customer,
        "subscription": subscription,
        "payment_intent": payment_intent,
        "payment_method_types": [method],
        "created": int(time.time()),
    }


def subscription(
    *,
    sub_id: str,
    customer: str,
    amount: int,
    status: str = "active",
    metadata: dict | None = None,
    period_end: int | None = None,
    method: str = "card",
    cancellation_reason: str | None = None,
) -> dict:
    period_end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": sub_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "metadata": metadata or {},
        "cancel_at_period_end": False,
        "canceled_at": int(time.time()) if status == "canceled" else None,
        "ended_at": int(time.time()) if status == "canceled" else None,
        "cancellation_details": {"reason": cancellation_reason, "comment": None, "feedback": None},
        "default_payment_method": {"type": method} if method else None,
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{sub_id}",
                    "object": "subscription_item",
                    "quantity": 1,
                    "current_period_end": period_end,
                    "price": {
                        "object": "price",
                        "unit_amount": amount,
                        "currency": CURRENCY,
                        "recurring": {"interval": "month"},
                    },
                }
            ],
        },
    }


def invoice(
    *,
    invoice_id: str,
    sub_id: str,
    customer: str,
    amount: int,
    metadata: dict | None = None,
    payment_intent: str | None = None,
    paid_at: int | None = None,
    billing_reason: str = "subscription_cycle",
    status: str = "paid",
    attempt_count: int = 1,
) -> dict:
    paid_at = paid_at or int(time.time())
    return {
        "id": invoice_id,
        "object": "invoice",
        "status": status,
        "billing_reason": billing_reason,
        "customer": customer,
        "currency": CURRENCY,
        "amount_due": amount,
        "amount_paid": amount if status == "paid" else 0,
        "attempt_count": attempt_count,
        "hosted_invoice_url": None,
        "status_transitions": {"paid_at": paid_at if status == "paid" else None},
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub_id, "metadata": metadata or {}},
        },
        "payments": {
            "object": "list",
            "data": [
                {
                    "object": "invoice_payment",
                    "status": "paid" if status == "paid" else "open",
                    "payment": {"type": "payment_intent", "payment_intent": payment_intent},
                }
            ]
            if payment_intent
            else [],
        },
    }


def charge_refunded(
    *, charge_id: str, payment_intent: str, amount: int, refunds: list[tuple[str, int]]
) -> dict:
    return {
        "id": charge_id,
        "object": "charge",
        "payment_intent": payment_intent,
        "amount": amount,
        "amount_refunded": sum(a for _, a in refunds),
        "currency": CURRENCY,
        "refunded": sum(a for _, a in refunds) >= amount,
        "refunds": {
            "object": "list",
            "data": [
                {"id": rid, "object": "refund", "amount": a, "status": "succeeded"}
                for rid, a in refunds
            ],
        },
    }


def dispute(
    *,
    dispute_id: str,
    charge_id: str,
    payment_intent: str,
    amount: int,
    status: str = "needs_response",
) -> dict:
    return {
        "id": dispute_id,
        "object": "dispute",
        "charge": charge_id,
        "payment_intent": payment_intent,
        "amount": amount,
        "currency": CURRENCY,
        "reason": "general",
        "status": status,
    }
