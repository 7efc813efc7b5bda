"""Checkout sessions, subscriptions and invoices: how a pledge or a gift is set up and billed."""

from __future__ import annotations

import time

from pledges.models import CURRENCY
from pledges.stripe_payloads.shapes import shaped


def checkout_session(
    *,
    session_id: str,
    mode: str,
    reference: str,
    metadata: dict,
    amount: int,
    payment_status: str = "paid",
    customer: str | None = None,
    subscription: str | None = None,
    payment_intent: str | None = None,
    status: str = "complete",
    email: str = "donor@example.org",
) -> dict:
    obj = shaped(
        "checkout.session",
        id=session_id,
        mode=mode,
        status=status,
        payment_status=payment_status,
        client_reference_id=reference,
        metadata=metadata,
        amount_subtotal=amount,
        amount_total=amount,
        customer=customer,
        customer_creation="always" if mode == "payment" and customer else None,
        subscription=subscription if mode == "subscription" else None,
        payment_intent=payment_intent if mode == "payment" else None,
        # Which methods Checkout offered, not which one the donor used.
        payment_method_types=["card", "bacs_debit"],
        submit_type="donate",
        created=int(time.time()),
        url=None if status != "open" else f"https://checkout.stripe.com/c/pay/{session_id}",
        currency_conversion=None,
        shipping_address_collection=None,
        shipping_cost=None,
        invoice=None,
        recovered_from=None,
        setup_intent=None,
    )
    obj["customer_details"]["email"] = email
    obj["customer_details"]["address"]["country"] = "GB"
    obj["total_details"] = {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0}
    return obj


def subscription(
    *,
    sub_id: str,
    customer: str,
    amount: int,
    status: str = "active",
    metadata: dict | None = None,
    period_end: int | None = None,
    payment_method: str | None = None,
    cancellation_reason: str | None = None,
    created: int | None = None,
) -> dict:
    now = int(time.time())
    period_end = period_end or now + 30 * 86400
    ended = status in ("canceled", "incomplete_expired")
    obj = shaped(
        "subscription",
        id=sub_id,
        customer=customer,
        status=status,
        metadata=metadata or {},
        created=created or now,
        start_date=created or now,
        billing_cycle_anchor=period_end,
        cancel_at=None,
        cancel_at_period_end=False,
        canceled_at=now if ended else None,
        ended_at=now if ended else None,
        cancellation_details={"reason": cancellation_reason, "comment": None, "feedback": None},
        default_payment_method=payment_method,  # an id: the object is fetched when needed
        latest_invoice=None,
        pause_collection=None,
        pending_update=None,
        pending_setup_intent=None,
        schedule=None,
        trial_end=None,
        trial_start=None,
        billing_thresholds=None,
        next_pending_invoice_item_invoice=None,
    )
    item = obj["items"]["data"][0]
    item.update(
        id=f"si_{sub_id.removeprefix('sub_')}",
        subscription=sub_id,
        quantity=1,
        current_period_start=period_end - 30 * 86400,
        current_period_end=period_end,
        billing_thresholds=None,
    )
    item["price"].update(
        currency=CURRENCY, unit_amount=amount, unit_amount_decimal=str(amount), type="recurring"
    )
    item["price"]["recurring"].update(interval="month", interval_count=1)
    item["plan"].update(
        currency=CURRENCY, amount=amount, amount_decimal=str(amount), interval_count=1
    )
    obj["items"]["url"] = f"/v1/subscription_items?subscription={sub_id}"
    return obj


def invoice(
    *,
    invoice_id: str,
    sub_id: str,
    customer: str,
    amount: int,
    metadata: dict | None = None,
    paid_at: int | None = None,
    billing_reason: str = "subscription_cycle",
    status: str = "paid",
    attempt_count: int = 1,
    hosted_invoice_url: str | None = None,
) -> dict:
    paid_at = paid_at or int(time.time())
    paid = status == "paid"
    obj = shaped(
        "invoice",
        id=invoice_id,
        status=status,
        billing_reason=billing_reason,
        customer=customer,
        account_country="GB",
        amount_due=amount,
        amount_paid=amount if paid else 0,
        amount_remaining=0 if paid else amount,
        amount_overpaid=0,
        subtotal=amount,
        total=amount,
        subtotal_excluding_tax=amount,
        total_excluding_tax=amount,
        attempt_count=attempt_count,
        attempted=True,
        created=paid_at - 3600,
        period_start=paid_at - 30 * 86400,
        period_end=paid_at,
        hosted_invoice_url=hosted_invoice_url,
        from_invoice=None,
        last_finalization_error=None,
        due_date=None,
        next_payment_attempt=None if paid else paid_at + 3 * 86400,
        parent={
            "type": "subscription_details",
            "quote_details": None,
            "subscription_details": {"subscription": sub_id, "metadata": metadata or {}},
        },
    )
    obj["status_transitions"].update(finalized_at=paid_at - 3600, paid_at=paid_at if paid else None)
    line = obj["lines"]["data"][0]
    line.update(
        id=f"il_{invoice_id.removeprefix('in_')}",
        invoice=invoice_id,
        amount=amount,
        currency=CURRENCY,
        subtotal=amount,
        description="1 × No Limits monthly pledge",
        subscription=sub_id,
        period={"start": paid_at - 30 * 86400, "end": paid_at},
    )
    line["parent"] = {
        "type": "subscription_item_details",
        "invoice_item_details": None,
        "subscription_item_details": {
            "invoice_item": None,
            "proration": False,
            "proration_details": {"credited_items": None},
            "subscription": sub_id,
            "subscription_item": f"si_{sub_id.removeprefix('sub_')}",
        },
    }
    obj["lines"]["url"] = f"/v1/invoices/{invoice_id}/lines"
    return obj


def invoice_payment(*, invoice_id: str, payment_intent: str, amount: int, paid_at: int) -> dict:
    """What GET /v1/invoice_payments?invoice=in_... lists (never part of an invoice event)."""
    obj = shaped(
        "invoice_payment",
        id=f"inpay_{invoice_id.removeprefix('in_')}",
        invoice=invoice_id,
        amount_paid=amount,
        amount_requested=amount,
        created=paid_at,
        status="paid",
        payment={"type": "payment_intent", "payment_intent": payment_intent},
        status_transitions={"canceled_at": None, "paid_at": paid_at},
    )
    return obj
