"""The payment gateway: Stripe when keys are set, otherwise a demo that needs no network.

Both speak the same small interface. The demo gateway never moves money: its checkout and
customer-portal pages are plainly labelled "demo — no real money", and it produces Stripe-shaped
events that it signs and feeds through the same webhook path as Stripe's (services.stripe_event_ingest).
Production settings refuse to start without Stripe keys, and the demo pages answer 404 there.

One module per concern (interface, stripe_gateway and stripe_reads, demo); every name is
importable from here (`from pledges import gateway; gateway.get_gateway()`).
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings

import stripe

from pledges.gateway.demo import (
    DemoGateway,
    demo_check_allowed,
    demo_events_go_to,
    demo_send_event,
)
from pledges.gateway.interface import Checkout, GatewayUnavailable, is_demo, webhook_secret
from pledges.gateway.stripe_gateway import PRODUCT_KEY, StripeGateway
from pledges.gateway.stripe_reads import StripeReads

__all__ = [
    "PRODUCT_KEY",
    "Checkout",
    "DemoGateway",
    "GatewayUnavailable",
    "StripeGateway",
    "StripeReads",
    "demo_check_allowed",
    "demo_events_go_to",
    "demo_send_event",
    "get_gateway",
    "is_demo",
    "webhook_secret",
]


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
