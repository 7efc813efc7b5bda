"""The payment gateway: Stripe when keys are set, otherwise a demo that needs no network.

Both speak the same small interface. The demo gateway never moves money: its checkout and
customer-portal pages are plainly labelled "demo — no real money", and it produces Stripe-shaped
events that it signs and feeds through the same webhook path as Stripe's (services.stripe_event_ingest).
Production settings refuse to start without Stripe keys, and the demo pages answer 404 there.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

import stripe

from pledges import stripe_payloads as payloads

if TYPE_CHECKING:
    from pledges.models import Donation, Pledge

log = logging.getLogger(__name__)
PRODUCT_KEY = "monthly-pledge"


class GatewayUnavailable(Exception):
    """Stripe could not be reached or refused the request; nothing was charged."""


@dataclass(frozen=True)
class Checkout:
    session_id: str
    url: str


def webhook_secret() -> str:
    """With Stripe keys, only Stripe's signing secret is accepted (empty: every event is refused,
    and a system check says so). The demo signs its own events with a secret from SECRET_KEY."""
    if not is_demo():
        return settings.STRIPE_WEBHOOK_SECRET
    return "whsec_demo_" + hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:32]


def is_demo() -> bool:
    return not settings.STRIPE_SECRET_KEY


def demo_check_allowed() -> None:
    """The demo gateway works only with no Stripe keys, and never in production."""
    if not is_demo() or settings.NOLIMITS_ENVIRONMENT == "production":
        raise PermissionError("The demo gateway is switched off.")


# Where the demo gateway's events go: pledges.demo.sign_and_ingest, which signs them and feeds
# them through the webhook path. The demo sits above the services, and they above the gateway,
# so the gateway is handed the way in at start-up (PledgesConfig.ready) rather than importing it.
_demo_deliver: list[Callable[[dict], None]] = []


def demo_events_go_to(deliver: Callable[[dict], None]) -> None:
    _demo_deliver[:] = [deliver]


def demo_send_event(event: dict) -> None:
    if not _demo_deliver:
        raise RuntimeError("The demo gateway has nowhere to send events (PledgesConfig.ready).")
    _demo_deliver[0](event)


class StripeGateway:
    is_demo = False

    def __init__(self, client: stripe.StripeClient):
        self.client = client

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except stripe.StripeError as exc:
            log.warning("Stripe request failed: %s", type(exc).__name__)
            raise GatewayUnavailable(str(exc)) from exc

    def product_id(self) -> str:
        from pledges.models import StripeProduct

        known = StripeProduct.objects.filter(key=PRODUCT_KEY).first()
        if known:
            return known.product_id
        product = self._call(
            self.client.v1.products.create,
            params={"name": "No Limits monthly pledge"},
            options={"idempotency_key": "nolimits-product-monthly-pledge"},
        )
        StripeProduct.objects.get_or_create(key=PRODUCT_KEY, defaults={"product_id": product.id})
        return product.id

    def subscription_checkout(
        self, *, pledge: Pledge, success_url: str, cancel_url: str
    ) -> Checkout:
        params = {
            "mode": "subscription",
            "submit_type": "donate",
            "client_reference_id": str(pledge.uuid),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": pledge.currency,
                        "unit_amount": pledge.amount_pence,
                        "recurring": {"interval": "month"},
                        "product": self.product_id(),
                    },
                }
            ],
            "subscription_data": {"metadata": {"pledge": str(pledge.uuid)}},
            "metadata": {"pledge": str(pledge.uuid)},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        if pledge.stripe_customer_id:
            params["customer"] = pledge.stripe_customer_id
        else:
            params["customer_email"] = pledge.donor.email
        session = self._call(
            self.client.v1.checkout.sessions.create,
            params=params,
            options={"idempotency_key": f"pledge-checkout-{pledge.uuid}"},
        )
        return Checkout(session_id=session.id, url=session.url)

    def payment_checkout(
        self, *, donation: Donation, title: str, success_url: str, cancel_url: str
    ) -> Checkout:
        params = {
            "mode": "payment",
            "submit_type": "donate",
            "client_reference_id": str(donation.uuid),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": donation.currency,
                        "unit_amount": donation.amount_pence,
                        "product_data": {"name": title},
                    },
                }
            ],
            "payment_intent_data": {"metadata": {"donation": str(donation.uuid)}},
            "metadata": {"donation": str(donation.uuid)},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        if donation.stripe_customer_id:  # the donor's one Stripe customer, reused
            params["customer"] = donation.stripe_customer_id
        else:
            params["customer_email"] = donation.donor.email
            params["customer_creation"] = "always"
        session = self._call(
            self.client.v1.checkout.sessions.create,
            params=params,
            options={"idempotency_key": f"gift-checkout-{donation.uuid}"},
        )
        return Checkout(session_id=session.id, url=session.url)

    def change_amount(self, *, pledge: Pledge, amount_pence: int) -> None:
        sub = self._call(self.client.v1.subscriptions.retrieve, pledge.stripe_subscription_id)
        item_id = sub.items.data[0].id
        self._call(
            self.client.v1.subscriptions.update,
            pledge.stripe_subscription_id,
            params={
                "items": [
                    {
                        "id": item_id,
                        "price_data": {
                            "currency": pledge.currency,
                            "unit_amount": amount_pence,
                            "recurring": {"interval": "month"},
                            "product": self.product_id(),
                        },
                    }
                ],
                "proration_behavior": "none",
            },
            # One key per change request: going back to an earlier amount is a new change.
            options={
                "idempotency_key": f"pledge-amount-{pledge.uuid}-{pledge.status_changes.count()}-{amount_pence}"
            },
        )

    def cancel(self, *, pledge: Pledge) -> None:
        self._call(self.client.v1.subscriptions.cancel, pledge.stripe_subscription_id)

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        session = self._call(
            self.client.v1.billing_portal.sessions.create,
            params={"customer": customer_id, "return_url": return_url},
        )
        return session.url

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


class DemoGateway:
    """Stands in for Stripe with no keys set. Its pages live under /pledges/demo/."""

    is_demo = True

    def subscription_checkout(
        self, *, pledge: Pledge, success_url: str, cancel_url: str
    ) -> Checkout:
        session_id = payloads.new_id("cs")
        return Checkout(
            session_id=session_id, url=reverse("pledges:demo_checkout", args=[session_id])
        )

    def payment_checkout(
        self, *, donation: Donation, title: str, success_url: str, cancel_url: str
    ) -> Checkout:
        return self.subscription_checkout(
            pledge=donation, success_url=success_url, cancel_url=cancel_url
        )  # type: ignore[arg-type]

    def change_amount(self, *, pledge: Pledge, amount_pence: int) -> None:
        self._emit_subscription(
            pledge,
            amount_pence=amount_pence,
            status="active",
            type_="customer.subscription.updated",
        )

    def cancel(self, *, pledge: Pledge) -> None:
        self._emit_subscription(
            pledge,
            amount_pence=pledge.amount_pence,
            status="canceled",
            type_="customer.subscription.deleted",
        )

    def _emit_subscription(
        self, pledge: Pledge, *, amount_pence: int, status: str, type_: str
    ) -> None:
        """What Stripe would send after a change to the subscription, sent the same way."""
        demo_check_allowed()
        demo_send_event(
            payloads.event(
                type_,
                payloads.subscription(
                    sub_id=pledge.stripe_subscription_id,
                    customer=pledge.stripe_customer_id,
                    amount=amount_pence,
                    status=status,
                    metadata={"pledge": str(pledge.uuid)},
                    payment_method=pledge.stripe_payment_method_id or None,
                    cancellation_reason="cancellation_requested" if status == "canceled" else None,
                ),
                created=int(time.time()),
            )
        )

    def portal_url(self, *, customer_id: str, return_url: str) -> str:
        return reverse("pledges:demo_portal")

    # The demo mints its ids so that what Stripe would be asked can be read from them:
    # pm_demo_<method>_..., in_demo_<method>_... and pi_demo_<method>_... (see demo.py).

    def invoice_payment_intent(self, *, invoice_id: str) -> str | None:
        return invoice_id.replace("in_", "pi_", 1)

    def payment_details(self, *, payment_intent_id: str) -> tuple[str | None, str | None]:
        return _demo_method(payment_intent_id), payment_intent_id.replace("pi_", "ch_", 1)

    def payment_method_type(self, *, pm_id: str) -> str | None:
        return _demo_method(pm_id)

    def payment_method_customer(self, *, payment_method_id: str) -> str | None:
        return None  # the demo has no bank mandates

    def charge_refunds(self, *, charge_id: str) -> list[dict]:
        return []  # the demo never refunds

    def payout_lines(self, *, payout_id: str) -> list[dict]:
        return []  # the demo never pays out

    def events_since(self, *, since: int, types: list[str]) -> list[dict]:
        return []  # every demo event went through the webhook path already


def _demo_method(demo_id: str) -> str | None:
    return "bacs_debit" if "_bacs_debit_" in demo_id else "card" if "_card_" in demo_id else None


@lru_cache(maxsize=1)
def _stripe_client() -> stripe.StripeClient:
    options: dict = {"max_network_retries": 2}
    if settings.STRIPE_API_BASE:  # a Stripe test double, e.g. http://127.0.0.1:12111
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def get_gateway() -> StripeGateway | DemoGateway:
    if is_demo():
        return DemoGateway()
    return StripeGateway(_stripe_client())
