"""What the Stripe gateway asks Stripe, without changing anything there: how a payment was made,
a charge's refunds, a payout's lines, the events since a time. Every call that fails becomes
GatewayUnavailable."""

from __future__ import annotations

import json
import logging

import stripe

from pledges.gateway.interface import GatewayUnavailable

log = logging.getLogger(__name__)


class StripeReads:
    """Questions to Stripe that an event leaves open, over one StripeClient."""

    def __init__(self, client: stripe.StripeClient):
        self.client = client

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except stripe.StripeError as exc:
            log.warning("Stripe request failed: %s", type(exc).__name__)
            raise GatewayUnavailable(str(exc)) from exc

    def invoice_payment_intent(self, *, invoice_id: str) -> str | None:
        """Which payment intent paid an invoice (an invoice event carries no `payments`)."""
        payments = self._call(
            self.client.v1.invoice_payments.list, params={"invoice": invoice_id, "limit": 10}
        )
        for item in payments.data:
            inner = getattr(item, "payment", None)
            if (
                inner is not None
                and getattr(inner, "type", None) == "payment_intent"
                and getattr(item, "status", "paid") == "paid"
            ):
                return inner.payment_intent
        return None

    def payment_details(self, *, payment_intent_id: str) -> tuple[str | None, str | None]:
        """How a payment was made (card, bacs_debit) and its charge id."""
        intent = self._call(
            self.client.v1.payment_intents.retrieve,
            payment_intent_id,
            params={"expand": ["payment_method"]},
        )
        method = getattr(intent, "payment_method", None)
        if isinstance(method, str):
            kind = self.payment_method_type(pm_id=method)
        else:
            kind = getattr(method, "type", None) if method is not None else None
        return kind, getattr(intent, "latest_charge", None)

    def payment_method_type(self, *, pm_id: str) -> str | None:
        method = self._call(self.client.v1.payment_methods.retrieve, pm_id)
        return getattr(method, "type", None)

    def payment_method_customer(self, *, payment_method_id: str) -> str | None:
        if not payment_method_id:
            return None
        method = self._call(self.client.v1.payment_methods.retrieve, payment_method_id)
        return getattr(method, "customer", None)

    def charge_refunds(self, *, charge_id: str) -> list[dict]:
        """Every refund of a charge (a charge in an event carries no list of them)."""
        listing = self._call(
            self.client.v1.refunds.list, params={"charge": charge_id, "limit": 100}
        )
        return [_plain(refund) for refund in listing.auto_paging_iter()]

    def payout_lines(self, *, payout_id: str) -> list[dict]:
        """What a payout paid for: its balance transactions, each with its charge and payment
        intent when it has one."""
        lines = []
        listing = self._call(
            self.client.v1.balance_transactions.list,
            params={"payout": payout_id, "expand": ["data.source"], "limit": 100},
        )
        for txn in listing.auto_paging_iter():
            source = getattr(txn, "source", None)
            is_payment = source is not None and txn.type in ("charge", "payment")
            # `source` is the charge itself when expanded, else only its id: the charge id is
            # enough to join the line to its gift (learn_payment knows each gift's charge).
            lines.append(
                {
                    "id": txn.id,
                    "type": txn.type,
                    "charge": (source if isinstance(source, str) else source.id)
                    if is_payment
                    else "",
                    "payment_intent": getattr(source, "payment_intent", None)
                    if is_payment and not isinstance(source, str)
                    else None,
                    "amount": txn.amount,
                    "fee": txn.fee,
                    "net": txn.net,
                }
            )
        return lines

    def events_since(self, *, since: int, types: list[str]) -> list[dict]:
        """Stripe's events since `since` (the Events API keeps 30 days), of the given types."""
        found: dict[str, dict] = {}
        for start in range(0, len(types), 20):  # Stripe takes at most 20 types per request
            listing = self._call(
                self.client.v1.events.list,
                params={
                    "created": {"gte": since},
                    "types": types[start : start + 20],
                    "limit": 100,
                },
            )
            for event in listing.auto_paging_iter():
                found[event.id] = _plain(event)
        return sorted(found.values(), key=lambda e: (e["created"], e["id"]))


def _plain(obj: stripe.StripeObject) -> dict:
    """A Stripe object as the JSON Stripe sent (the SDK reads decimal strings as Decimal)."""
    return json.loads(json.dumps(obj.to_dict(), default=str))
