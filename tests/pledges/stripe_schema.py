"""Stripe's published shapes, for the pinned API version, as a test can check them.

The stripe SDK we install is generated from Stripe's OpenAPI spec for the API version it pins
(`stripe.api_version`); every object class lists its fields with their types. `problems(obj)`
walks one of our payloads against those classes and names every field Stripe's object does not
have (recursively, through nested objects, lists and expandable fields), so a payload that grows a
made-up field fails a test. `NOT_IN_EVENTS` names what a webhook event does *not* carry (fields
Stripe includes only when asked to expand them).
"""

from __future__ import annotations

import typing

import stripe
from stripe._list_object import ListObject
from stripe._stripe_object import StripeObject

# "object" value -> SDK class.
CLASSES: dict[str, type] = {
    "checkout.session": stripe.checkout.Session,
    "billing_portal.session": stripe.billing_portal.Session,
    "subscription": stripe.Subscription,
    "subscription_item": stripe.SubscriptionItem,
    "price": stripe.Price,
    "product": stripe.Product,
    "invoice": stripe.Invoice,
    "line_item": stripe.InvoiceLineItem,
    "invoice_payment": stripe.InvoicePayment,
    "charge": stripe.Charge,
    "refund": stripe.Refund,
    "dispute": stripe.Dispute,
    "payout": stripe.Payout,
    "balance_transaction": stripe.BalanceTransaction,
    "payment_method": stripe.PaymentMethod,
    "payment_intent": stripe.PaymentIntent,
    "mandate": stripe.Mandate,
    "event": stripe.Event,
    "plan": stripe.Plan,
}

# Fields Stripe leaves out of an object unless the request expands them ("includable"); a
# webhook's data.object never has them.
NOT_IN_EVENTS: dict[str, set[str]] = {
    "invoice": {"payments"},
    "charge": {"refunds"},
    "checkout.session": {"line_items"},
}


def _fields(cls: type) -> dict[str, typing.Any]:
    fields: dict[str, typing.Any] = {}
    for klass in reversed(cls.__mro__):
        if issubclass(klass, StripeObject) and klass is not StripeObject:
            fields.update(getattr(klass, "__annotations__", {}))
    fields.pop("OBJECT_NAME", None)
    return fields


def _resolve(annotation, owner: type):
    if isinstance(annotation, typing.ForwardRef):
        annotation = annotation.__forward_arg__
    if isinstance(annotation, str):
        return getattr(stripe, annotation, None) or getattr(
            __import__(owner.__module__, fromlist=["x"]), annotation, None
        )
    return annotation


def _candidates(annotation, owner: type) -> list:
    annotation = _resolve(annotation, owner)
    if typing.get_origin(annotation) is typing.Union:
        out = []
        for arg in typing.get_args(annotation):
            out += _candidates(arg, owner)
        return out
    return [annotation]


def problems(value, annotation=None, *, path: str = "") -> list[str]:
    """Every field in `value` (a dict in Stripe's JSON shape) that Stripe's object lacks."""
    if annotation is None:
        kind = value.get("object") if isinstance(value, dict) else None
        if not isinstance(kind, str) or kind not in CLASSES:
            return [f"{path or 'object'}: unknown Stripe object {kind!r}"]
        annotation = CLASSES[kind]
    if value is None:
        return []
    found: list[str] = []
    options = _candidates(annotation, StripeObject)
    if isinstance(value, dict):
        objects = [o for o in options if isinstance(o, type) and issubclass(o, StripeObject)]
        lists = [o for o in options if typing.get_origin(o) is ListObject]
        if value.get("object") == "list" and lists:
            (item,) = typing.get_args(lists[0]) or (None,)
            for key in value:
                if key not in ("object", "data", "has_more", "url"):
                    found.append(f"{path}.{key}: not a field of a list")
            for n, entry in enumerate(value.get("data") or []):
                if isinstance(entry, dict) and str(entry.get("object")) in CLASSES:
                    found += problems(entry, path=f"{path}.data[{n}]")
                elif item is not None:
                    found += problems(entry, item, path=f"{path}.data[{n}]")
            return found
        kind = value.get("object")
        if isinstance(kind, str) and kind in CLASSES:
            if not objects or CLASSES[kind] in objects:
                objects = [CLASSES[kind]]
            elif any(getattr(o, "OBJECT_NAME", None) == kind for o in objects):
                objects = [o for o in objects if getattr(o, "OBJECT_NAME", None) == kind]
        if not objects:
            return found  # metadata and other free-form maps
        cls = objects[0]
        fields = _fields(cls)
        for key, inner in value.items():
            if key not in fields:
                found.append(f"{path}.{key}: {cls.__qualname__} has no such field")
                continue
            found += problems(inner, _resolve(fields[key], cls), path=f"{path}.{key}")
        return found
    if isinstance(value, list):
        for option in options:
            if typing.get_origin(option) in (list, typing.List):  # noqa: UP006
                (item,) = typing.get_args(option)
                for n, entry in enumerate(value):
                    found += problems(entry, item, path=f"{path}[{n}]")
                break
    return found


def event_problems(event: dict) -> list[str]:
    """`problems` for an event envelope and its object, plus what a webhook never carries."""
    found = problems(event, path="event")  # the envelope, and its object by its own class
    obj = event.get("data", {}).get("object", {})
    for field in NOT_IN_EVENTS.get(obj.get("object"), ()):
        if field in obj:
            found.append(f"event.data.object.{field}: a webhook's {obj['object']} has none")
    if event.get("api_version") != stripe.api_version:
        found.append(f"event.api_version: {event.get('api_version')} is not {stripe.api_version}")
    return found
