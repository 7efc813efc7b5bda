"""One-off gifts to a campaign, through Stripe Checkout in payment mode."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction

from nolimits import states
from nolimits.models import User
from pledges import gateway as gateways
from pledges.models import Donation, GivingSettings
from pledges.services.gift_aid import DeclarationDetails, save_with_declaration
from pledges.services.pledges import amount_check, donor_stripe_customer


def gift_create(
    *,
    donor: User,
    campaign,
    amount_pence: int,
    limits: GivingSettings,
    declaration: DeclarationDetails | None,
    charity_name: str,
    success_url: Callable[[Donation], str],
    cancel_url: str,
) -> tuple[Donation, str]:
    if not campaign.is_open():
        raise ValidationError("This campaign is not taking gifts at the moment.")
    amount_check(amount_pence, limits.minimum_gift_pence, limits.maximum_gift_pence)
    with transaction.atomic():
        donation = Donation(
            donor=donor,
            kind=Donation.Kind.CAMPAIGN,
            campaign=campaign,
            amount_pence=amount_pence,
            stripe_customer_id=donor_stripe_customer(donor),
        )
        save_with_declaration(donation, declaration=declaration, charity_name=charity_name)
    try:
        checkout = gateways.get_gateway().payment_checkout(
            donation=donation,
            title=f"Gift to {campaign.title}",
            success_url=success_url(donation),
            cancel_url=cancel_url,
        )
    except gateways.GatewayUnavailable:
        states.move(
            donation,
            Donation.Status.EXPIRED,
            by=donor,
            reason="Could not reach the payment provider",
        )
        raise
    donation.stripe_checkout_session_id = checkout.session_id
    donation.save(update_fields=["stripe_checkout_session_id"])
    return donation, checkout.url
