"""The shapes every Stripe payload starts from: Stripe's published examples, an event's
envelope, ids and lists. See pledges.stripe_payloads for what the payloads are for."""

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
FIXTURES = Path(__file__).resolve().parent.parent / "stripe_fixtures.json"


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


def shaped(resource: str, **values) -> dict:
    """Stripe's published example of `resource` (see skeleton) with our values in place."""
    obj = skeleton(resource)
    obj.update(values)
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
