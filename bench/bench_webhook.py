"""Webhook ingest: signed Stripe events per second through the real view, with repeats.

Each request verifies the signature on the raw body, stores the event by its id and queues its
processing (the worker's job, not measured here). One in five deliveries is a repeat, answered
200 without storing anything. Prints: webhook_ingest <n> events/s.
"""

import json
import random
import time

from _setup import throwaway_django

throwaway_django("webhook")

from django.test import Client  # noqa: E402

import stripe  # noqa: E402

from pledges import gateway  # noqa: E402
from pledges import stripe_payloads as payloads  # noqa: E402
from pledges.models import StripeEvent  # noqa: E402

UNIQUE, REPEATS = 2000, 500


def main() -> None:
    secret = gateway.webhook_secret()
    events = [
        payloads.event(
            "invoice.paid",
            payloads.invoice(
                invoice_id=f"in_b{i}", sub_id=f"sub_b{i % 300}", customer="cus_b", amount=1000
            ),
        )
        for i in range(UNIQUE)
    ]
    deliveries = events + random.Random(1).sample(events, REPEATS)
    random.Random(2).shuffle(deliveries)
    bodies = []
    for event in deliveries:
        body = json.dumps(event)
        bodies.append((body, stripe.WebhookSignature.generate_signature_header(body, secret)))
    client = Client()
    for body, header in bodies[:20]:  # warm up
        client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
    started = time.perf_counter()
    for body, header in bodies[20:]:
        response = client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )
        assert response.status_code == 200, response.status_code
    elapsed = time.perf_counter() - started
    assert StripeEvent.objects.count() == UNIQUE
    print(f"webhook_ingest {(len(bodies) - 20) / elapsed:.0f} events/s")


if __name__ == "__main__":
    main()
