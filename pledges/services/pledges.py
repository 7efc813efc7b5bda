"""Monthly pledges by card or Direct Debit: make one, change its amount, cancel it, and work out
its status from what Stripe (or finance) told us."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nolimits import states
from nolimits.models import User
from nolimits.money import pounds
from pledges import emails, permissions
from pledges import gateway as gateways
from pledges.models import Donation, GivingSettings, Pledge
from pledges.services.gift_aid import DeclarationDetails, save_with_declaration

log = logging.getLogger(__name__)


def amount_check(amount_pence: int, low: int, high: int) -> None:
    """Refuse an amount outside the limits finance set, saying what the limits are."""
    if not low <= amount_pence <= high:
        raise ValidationError(f"Enter an amount between {pounds(low)} and {pounds(high)}.")


def derive_status(pledge: Pledge) -> str:
    """A pledge's status, worked out from the facts Stripe (or finance) told us."""
    S = Pledge.Status
    if pledge.cancelled_at:
        return S.CANCELLED
    if pledge.method == Pledge.Method.PAYROLL:
        return S.ACTIVE
    sub = pledge.stripe_subscription_status
    if sub in ("past_due", "unpaid"):
        return S.PAYMENT_FAILED
    if sub == "paused":
        return S.PAUSED
    if sub in ("canceled", "incomplete_expired"):
        return S.CANCELLED
    if pledge.donations.filter(status=Donation.Status.SUCCEEDED).exists():
        return S.ACTIVE
    if pledge.stripe_subscription_id or pledge.checkout_completed_at:
        return S.PENDING
    if pledge.checkout_expired_at:
        return S.ABANDONED
    return S.AWAITING_CHECKOUT


def pledge_set_status(*, pledge: Pledge, to: str, by: User | None, reason: str) -> bool:
    """Move a pledge to `to` if the transition table allows it; log who and why."""
    if to != pledge.status and not states.allowed(pledge, to):
        log.info("pledge %s: %s -> %s not allowed (%s)", pledge.pk, pledge.status, to, reason)
    return states.move_if_allowed(pledge, to, by=by, reason=reason) is not None


def pledge_refresh_status(*, pledge: Pledge, by: User | None = None, reason: str) -> None:
    pledge_set_status(pledge=pledge, to=derive_status(pledge), by=by, reason=reason)


def pledge_create(
    *,
    donor: User,
    amount_pence: int,
    limits: GivingSettings,
    declaration: DeclarationDetails | None,
    charity_name: str,
    success_url: Callable[[Pledge], str],
    cancel_url: str,
) -> tuple[Pledge, str]:
    """Make the pledge row, then a Stripe Checkout session. Returns the pledge and where to go."""
    amount_check(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
    with transaction.atomic():
        pledge = Pledge(donor=donor, method=Pledge.Method.STRIPE, amount_pence=amount_pence)
        pledge.stripe_customer_id = donor_stripe_customer(donor)
        save_with_declaration(pledge, declaration=declaration, charity_name=charity_name)
    try:
        checkout = gateways.get_gateway().subscription_checkout(
            pledge=pledge, success_url=success_url(pledge), cancel_url=cancel_url
        )
    except gateways.GatewayUnavailable:
        pledge.checkout_expired_at = timezone.now()
        pledge.save(update_fields=["checkout_expired_at"])
        pledge_refresh_status(pledge=pledge, reason="Could not reach the payment provider")
        raise
    pledge.stripe_checkout_session_id = checkout.session_id
    pledge.save(update_fields=["stripe_checkout_session_id"])
    return pledge, checkout.url


def pledge_change_amount(
    *, pledge: Pledge, by: User, amount_pence: int, limits: GivingSettings
) -> None:
    allowed, why = permissions.can_manage_pledge(by, pledge)
    if not allowed:
        raise PermissionDenied(why)
    if pledge.status not in (
        Pledge.Status.ACTIVE,
        Pledge.Status.PENDING,
        Pledge.Status.PAYMENT_FAILED,
        Pledge.Status.PAUSED,
    ):
        raise ValidationError("Only a pledge that is set up can be changed.")
    amount_check(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
    if pledge.method == Pledge.Method.STRIPE:
        gateways.get_gateway().change_amount(pledge=pledge, amount_pence=amount_pence)
    with transaction.atomic():
        old = pledge.amount
        pledge.amount_pence = amount_pence
        pledge.save(update_fields=["amount_pence"])
        states.note(pledge, by=by, reason=f"Monthly amount changed from {old} to {pledge.amount}")


def pledge_cancel(*, pledge: Pledge, by: User, reason: str = "Cancelled by the donor") -> None:
    allowed, why = permissions.can_manage_pledge(by, pledge)
    if not allowed:
        raise PermissionDenied(why)
    if not pledge.is_live:
        raise ValidationError("This pledge has already ended.")
    if pledge.method == Pledge.Method.STRIPE and pledge.stripe_subscription_id:
        gateways.get_gateway().cancel(pledge=pledge)
    with transaction.atomic():
        pledge.refresh_from_db()
        pledge.cancelled_at = pledge.cancelled_at or timezone.now()
        pledge.cancellation_reason = pledge.cancellation_reason or reason
        pledge.save(update_fields=["cancelled_at", "cancellation_reason"])
        pledge_refresh_status(pledge=pledge, by=by, reason=reason)
        emails.pledge_cancelled(pledge.pk)


def donor_stripe_customer(donor: User) -> str:
    """The donor's one Stripe customer (from a pledge or a gift), or "" if they have none yet."""
    pledge = donor.pledges.exclude(stripe_customer_id="").order_by("created_at").first()
    if pledge is not None:
        return pledge.stripe_customer_id
    gift = donor.donations.exclude(stripe_customer_id="").order_by("created_at").first()
    return gift.stripe_customer_id if gift is not None else ""


def portal_url(*, by: User, return_url: str) -> str:
    customer = donor_stripe_customer(by)
    if not customer:
        raise ValidationError("You have no card or bank details with us yet.")
    return gateways.get_gateway().portal_url(customer_id=customer, return_url=return_url)
