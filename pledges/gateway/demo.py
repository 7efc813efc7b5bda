"""The demo gateway, for no Stripe keys: it never moves money, and sends Stripe-shaped events
through the webhook path."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse

from pledges import stripe_payloads as payloads
from pledges.gateway.interface import Checkout, is_demo

if TYPE_CHECKING:
    from pledges.models import Donation, Pledge


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
