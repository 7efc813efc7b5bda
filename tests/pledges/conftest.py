import json
import time

import pytest
import stripe

from pledges import gateway
from pledges.models import Pledge
from tests.factories import UserFactory
from tests.pledges.fake_stripe import FakeStripeHTTP, client_with, pledge_history

WEBHOOK_SECRET = "whsec_test_fake"


@pytest.fixture
def fake_stripe(monkeypatch, settings) -> FakeStripeHTTP:
    """Real Stripe mode (a test key), with Stripe's API answered at the SDK's HTTP seam."""
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    http = FakeStripeHTTP()
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    return http


@pytest.fixture
def secret() -> str:
    return gateway.webhook_secret()


@pytest.fixture
def post_event(client):
    """POST an event to the real webhook view, signed for real with the secret in use."""

    def post(event: dict, *, sign_with: str | None = None, timestamp: int | None = None):
        body = json.dumps(event)
        header = stripe.WebhookSignature.generate_signature_header(
            body, sign_with or gateway.webhook_secret(), timestamp=timestamp or int(time.time())
        )
        return client.post(
            "/pledges/stripe/webhook/",
            data=body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=header,
        )

    return post


@pytest.fixture
def donor(db):
    return UserFactory(email="dana@example.org", full_name="Dana Donor")


@pytest.fixture
def pledge(donor):
    return Pledge.objects.create(
        donor=donor,
        method=Pledge.Method.STRIPE,
        amount_pence=1000,
        stripe_checkout_session_id="cs_test_1",
    )


def history_for(pledge: Pledge, fake: FakeStripeHTTP, **kwargs) -> list[dict]:
    """The events Stripe sends for a card pledge paid for `months` months (default 2), with
    what the app will ask Stripe for held by `fake` (see fake_stripe.pledge_history)."""
    return pledge_history(fake, pledge, **kwargs)
