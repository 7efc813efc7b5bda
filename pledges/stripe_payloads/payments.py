"""Payment methods, payment intents, charges, refunds, disputes, payouts and their balance
transactions, and Bacs mandates: how the money moves."""

from __future__ import annotations

import time

from pledges.models import CURRENCY
from pledges.stripe_payloads.shapes import shaped


def payment_method(*, pm_id: str, type_: str, customer: str | None = None) -> dict:
    obj = shaped("payment_method", id=pm_id, type=type_, customer=customer)
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
    method_type = payment_method.get("type") if isinstance(payment_method, dict) else "card"
    obj = shaped(
        "payment_intent",
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
    obj = shaped(
        "charge",
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
    obj.pop("refunds", None)  # a list only when expanded; never in an event
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
    obj = shaped(
        "refund",
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
    obj = shaped(
        "dispute",
        id=dispute_id,
        charge=charge_id,
        payment_intent=payment_intent,
        amount=amount,
        reason="general",
        status=status,
    )
    return obj


def payout(*, payout_id: str, amount: int, arrival_date: int, status: str = "paid") -> dict:
    obj = shaped(
        "payout",
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
    obj = shaped(
        "balance_transaction",
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
    obj = shaped(
        "mandate",
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
