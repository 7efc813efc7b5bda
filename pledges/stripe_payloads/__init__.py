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

from pledges.stripe_payloads.payments import (
    balance_transaction,
    charge,
    dispute,
    mandate,
    payment_intent,
    payment_method,
    payout,
    refund,
)
from pledges.stripe_payloads.shapes import (
    API_VERSION,
    FIXTURES,
    event,
    list_of,
    new_id,
    shaped,
    skeleton,
)
from pledges.stripe_payloads.subscriptions import (
    checkout_session,
    invoice,
    invoice_payment,
    subscription,
)

__all__ = [
    "API_VERSION",
    "FIXTURES",
    "balance_transaction",
    "charge",
    "checkout_session",
    "dispute",
    "event",
    "invoice",
    "invoice_payment",
    "list_of",
    "mandate",
    "new_id",
    "payment_intent",
    "payment_method",
    "payout",
    "refund",
    "shaped",
    "skeleton",
    "subscription",
]
