"""What both gateways share: the one error a caller handles, what a checkout returns, which
gateway is in use and the secret its events are signed with."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings


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
