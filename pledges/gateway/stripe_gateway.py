"""The Stripe gateway: Checkout for a pledge or a gift, a change of amount, a cancellation and the
customer portal. What it reads from Stripe is in stripe_reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pledges.gateway.interface import Checkout
from pledges.gateway.stripe_reads import StripeReads

if TYPE_CHECKING:
    from pledges.models import Donation, Pledge

PRODUCT_KEY = "monthly-pledge"


class StripeGateway(StripeReads):
    is_demo = False

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
