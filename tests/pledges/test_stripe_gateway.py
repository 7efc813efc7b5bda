"""The real Stripe gateway, with Stripe faked only at the SDK's HTTP seam."""

from django.core.exceptions import ValidationError

import pytest
import stripe

from pledges import gateway, services
from pledges.models import GivingSettings, Pledge, StripeProduct
from tests.pledges.fake_stripe import FakeStripeHTTP, client_with

pytestmark = pytest.mark.django_db

SESSION = {
    "id": "cs_test_abc",
    "object": "checkout.session",
    "url": "https://checkout.stripe.com/c/pay/cs_test_abc",
}
PRODUCT = {"id": "prod_123", "object": "product", "name": "No Limits monthly pledge"}


@pytest.fixture
def fake(monkeypatch, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    http = FakeStripeHTTP(
        {("POST", "/v1/checkout/sessions"): SESSION, ("POST", "/v1/products"): PRODUCT}
    )
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    return http


def _create(donor, settings_obj=None):
    return services.pledge_create(
        donor=donor,
        amount_pence=1000,
        limits=settings_obj or GivingSettings(),
        declaration=None,
        charity_name="The Foundation",
        success_url=lambda p: f"https://example.org/thanks/{p.uuid}/",
        cancel_url="https://example.org/give/",
    )


def test_subscription_checkout_sends_what_stripe_expects(fake, donor):
    pledge, url = _create(donor)
    assert url == SESSION["url"]
    assert pledge.stripe_checkout_session_id == "cs_test_abc"
    product_call, session_call = fake.calls
    assert product_call["path"] == "/v1/products"
    params = session_call["params"]
    assert params["mode"] == ["subscription"]
    assert params["submit_type"] == ["donate"]
    assert params["client_reference_id"] == [str(pledge.uuid)]
    assert params["metadata[pledge]"] == [str(pledge.uuid)]
    assert params["subscription_data[metadata][pledge]"] == [str(pledge.uuid)]
    assert params["line_items[0][price_data][unit_amount]"] == ["1000"]
    assert params["line_items[0][price_data][currency]"] == ["gbp"]
    assert params["line_items[0][price_data][recurring][interval]"] == ["month"]
    assert params["line_items[0][price_data][product]"] == ["prod_123"]
    assert params["success_url"] == [f"https://example.org/thanks/{pledge.uuid}/"]
    assert not any(
        k.startswith("payment_method_types") for k in params
    )  # left to the Dashboard (Bacs)
    assert session_call["headers"]["Idempotency-Key"] == f"pledge-checkout-{pledge.uuid}"
    assert session_call["headers"]["Stripe-Version"] == stripe._api_version._ApiVersion.CURRENT


def test_the_product_is_created_once(fake, donor):
    _create(donor)
    fake.responses[("POST", "/v1/checkout/sessions")] = {**SESSION, "id": "cs_test_def"}
    _create(donor)
    assert [c["path"] for c in fake.calls].count("/v1/products") == 1
    assert StripeProduct.objects.get().product_id == "prod_123"


def test_stripe_unreachable_leaves_no_live_pledge_and_says_try_again(monkeypatch, settings, donor):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    http = FakeStripeHTTP(fail_with=stripe.APIConnectionError("network down"))
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    with pytest.raises(gateway.GatewayUnavailable):
        _create(donor)
    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.ABANDONED
    assert not pledge.is_live


def test_the_give_page_says_try_again_when_stripe_is_down(
    monkeypatch, settings, client, donor, home
):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    http = FakeStripeHTTP(fail_with=stripe.APIConnectionError("network down"))
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    client.force_login(donor)
    response = client.post("/pledges/give/", {"amount_choice": "other", "other_amount": "12"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "nothing has been set up and no money has been taken" in html
    assert 'value="12"' in html
    assert not Pledge.objects.filter(status__in=["active", "pending"]).exists()


def test_change_amount_updates_the_subscription_without_proration(monkeypatch, settings, donor):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    sub = {
        "id": "sub_1",
        "object": "subscription",
        "items": {"object": "list", "data": [{"id": "si_1", "object": "subscription_item"}]},
    }
    http = FakeStripeHTTP(
        {
            ("GET", "/v1/subscriptions/sub_1"): sub,
            ("POST", "/v1/subscriptions/sub_1"): sub,
            ("POST", "/v1/products"): PRODUCT,
        }
    )
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(http)))
    pledge = Pledge.objects.create(
        donor=donor,
        method="stripe",
        amount_pence=1000,
        status="active",
        stripe_subscription_id="sub_1",
    )
    services.pledge_change_amount(
        pledge=pledge, by=donor, amount_pence=1500, limits=GivingSettings()
    )
    update = [
        c for c in http.calls if c["method"] == "POST" and c["path"] == "/v1/subscriptions/sub_1"
    ][0]
    assert update["params"]["proration_behavior"] == ["none"]
    assert update["params"]["items[0][id]"] == ["si_1"]
    assert update["params"]["items[0][price_data][unit_amount]"] == ["1500"]
    assert update["headers"]["Idempotency-Key"] == f"pledge-amount-{pledge.uuid}-0-1500"
    assert Pledge.objects.get().amount_pence == 1500
    # Back to £10 and then £15 again: each change is a new request Stripe must carry out.
    services.pledge_change_amount(
        pledge=pledge, by=donor, amount_pence=1000, limits=GivingSettings()
    )
    services.pledge_change_amount(
        pledge=pledge, by=donor, amount_pence=1500, limits=GivingSettings()
    )
    keys = [
        c["headers"]["Idempotency-Key"]
        for c in http.calls
        if c["method"] == "POST" and c["path"] == "/v1/subscriptions/sub_1"
    ]
    assert len(keys) == len(set(keys)) == 3


def test_only_the_donor_may_change_a_pledge(donor):
    from django.core.exceptions import PermissionDenied

    from tests.factories import UserFactory

    pledge = Pledge.objects.create(donor=donor, method="stripe", amount_pence=1000, status="active")
    with pytest.raises(PermissionDenied):
        services.pledge_change_amount(
            pledge=pledge, by=UserFactory(), amount_pence=1500, limits=GivingSettings()
        )
    with pytest.raises(ValidationError):
        services.pledge_change_amount(
            pledge=pledge, by=donor, amount_pence=1, limits=GivingSettings()
        )
