"""Stripe objects and events as plain dicts, in Stripe's own published shapes.

Used by the demo gateway (which stands in for Stripe when no keys are set) and by the tests.
Each object starts from Stripe's published example of it (`stripe_fixtures.json`, taken from
stripe/openapi's fixtures3.json and trimmed to the fields of the API version the installed SDK
pins, by bin/vendor_stripe_fixtures.py), and only the values are ours. So a payload has every
field Stripe's object has and no other; tests/pledges/stripe_schema.py checks it.

What an event does *not* carry matters as much: since API "basil" an invoice has no top-level
`subscription` or `payment_intent` (its subscription is at `parent.subscription_details` and its
payments are a separate list, never in an event); a charge has no `refunds` list; a
subscription's `default_payment_method` is a string id. The app fetches those through the SDK.
"""

from __future__ import annotations

import copy
import json
import secrets
import time
from functools import cache
from pathlib import Path

import stripe

from pledges.models import CURRENCY

API_VERSION = stripe.api_version  # the version the installed SDK pins and sends
FIXTURES = Path(__file__).with_name("stripe_fixtures.json")


@cache
def _fixtures() -> dict:
    return json.loads(FIXTURES.read_text())["resources"]


def skeleton(resource: str) -> dict:
    """A fresh copy of Stripe's published example of `resource`, in pounds and in the UK."""
    obj = copy.deepcopy(_fixtures()[resource])
    if "currency" in obj:
        obj["currency"] = CURRENCY
    if "livemode" in obj:
        obj["livemode"] = False
    if "metadata" in obj:
        obj["metadata"] = {}
    return obj


def new_id(prefix: str) -> str:
    return f"{prefix}_demo_{secrets.token_hex(8)}"


def list_of(data: list[dict], url: str) -> dict:
    return {"object": "list", "data": data, "has_more": False, "url": url}


def event(
    type_: str,
    obj: dict,
    *,
    created: int | None = None,
    event_id: str | None = None,
    previous_attributes: dict | None = None,
) -> dict:
    envelope = skeleton("event")
    data: dict = {"object": obj}
    if previous_attributes is not None:
        data["previous_attributes"] = previous_attributes
    envelope.update(
        id=event_id or new_id("evt"),
        api_version=API_VERSION,
        created=created or int(time.time()),
        type=type_,
        data=data,
        pending_webhooks=1,
        request={"id": None, "idempotency_key": None},
    )
    return envelope


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
    obj = skeleton("checkout.session")
    obj.update(
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
    obj = skeleton("subscription")
    obj.update(
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
    obj = skeleton("invoice")
    obj.update(
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
    obj = skeleton("invoice_payment")
    obj.update(
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


def payment_method(*, pm_id: str, type_: str, customer: str | None = None) -> dict:
    obj = skeleton("payment_method")
    obj.update(id=pm_id, type=type_, customer=customer)
    obj["billing_details"]["address"].update(
        city="Slough", country="GB", line1="1 High Street", postal_code="SL1 1AA", state=None
    )
    if type_ == "bacs_debit":
        obj.pop("card", None)
        obj["bacs_debit"] = {"fingerprint": "demoFp", "last4": "2345", "sort_code": "108800"}
    return obj


def payment_intent(
    *,
    pi_id: str,
    amount: int,
    payment_method: str | dict | None,
    charge_id: str | None,
    customer: str | None = None,
    status: str = "succeeded",
    metadata: dict | None = None,
) -> dict:
    obj = skeleton("payment_intent")
    method_type = payment_method.get("type") if isinstance(payment_method, dict) else "card"
    obj.update(
        id=pi_id,
        amount=amount,
        amount_received=amount if status == "succeeded" else 0,
        customer=customer,
        status=status,
        payment_method=payment_method,
        latest_charge=charge_id,
        metadata=metadata or {},
        canceled_at=None,
        last_payment_error=None,
        next_action=None,
        processing=None,
        transfer_data=None,
        client_secret=f"{pi_id}_secret_demo",
        payment_method_types=[method_type or "card"],
    )
    return obj


def charge(
    *,
    charge_id: str,
    payment_intent: str,
    amount: int,
    amount_refunded: int = 0,
    method: str = "card",
    customer: str | None = None,
    disputed: bool = False,
) -> dict:
    obj = skeleton("charge")
    obj.pop("refunds", None)  # a list only when expanded; never in an event
    obj.update(
        id=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        amount_captured=amount,
        amount_refunded=amount_refunded,
        refunded=amount_refunded >= amount,
        captured=True,
        customer=customer,
        disputed=disputed,
        balance_transaction=f"txn_{charge_id.removeprefix('ch_')}",
        transfer_data=None,
        receipt_url=None,
    )
    if method == "bacs_debit":
        obj["payment_method_details"] = {
            "type": "bacs_debit",
            "bacs_debit": {
                "fingerprint": "demoFp",
                "last4": "2345",
                "mandate": "mandate_demo",
                "sort_code": "108800",
            },
        }
    return obj


def refund(
    *,
    refund_id: str,
    charge_id: str,
    payment_intent: str,
    amount: int,
    status: str = "succeeded",
    created: int | None = None,
) -> dict:
    obj = skeleton("refund")
    obj.update(
        id=refund_id,
        charge=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        status=status,
        created=created or int(time.time()),
        balance_transaction=f"txn_{refund_id.removeprefix('re_')}",
        reason="requested_by_customer",
    )
    return obj


def dispute(
    *,
    dispute_id: str,
    charge_id: str,
    payment_intent: str,
    amount: int,
    status: str = "needs_response",
) -> dict:
    obj = skeleton("dispute")
    obj.update(
        id=dispute_id,
        charge=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        reason="general",
        status=status,
    )
    return obj


def payout(*, payout_id: str, amount: int, arrival_date: int, status: str = "paid") -> dict:
    obj = skeleton("payout")
    obj.update(
        id=payout_id,
        amount=amount,
        arrival_date=arrival_date,
        created=arrival_date - 2 * 86400,
        status=status,
        balance_transaction=f"txn_{payout_id.removeprefix('po_')}",
        destination="ba_demo",
        trace_id=None,
    )
    return obj


def balance_transaction(
    *,
    txn_id: str,
    amount: int,
    fee: int,
    source: str | dict | None,
    type_: str = "charge",
    created: int | None = None,
) -> dict:
    obj = skeleton("balance_transaction")
    obj.update(
        id=txn_id,
        amount=amount,
        fee=fee,
        net=amount - fee,
        fee_details=[
            {
                "amount": fee,
                "application": None,
                "currency": CURRENCY,
                "description": "Stripe processing fees",
                "type": "stripe_fee",
            }
        ]
        if fee
        else [],
        source=source,
        type=type_,
        reporting_category=type_,
        created=created or int(time.time()),
        description=None,
    )
    return obj


def mandate(*, mandate_id: str, payment_method: str, network_status: str) -> dict:
    obj = skeleton("mandate")
    obj.update(
        id=mandate_id,
        payment_method=payment_method,
        status="inactive" if network_status in ("refused", "revoked") else "active",
        payment_method_details={
            "type": "bacs_debit",
            "bacs_debit": {
                "display_name": None,
                "network_status": network_status,
                "reference": "NOLIMITS-DEMO",
                "revocation_reason": "debit_not_authorized"
                if network_status == "revoked"
                else None,
                "service_user_number": None,
                "url": "https://pay.stripe.com/bacs/mandate",
            },
        },
    )
    return obj
