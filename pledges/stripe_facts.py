"""The facts a Stripe event handler finds and records (pledges.stripe_events uses them): the
pledge or gift an event is about, how a gift was paid and which payout it was in, the Gift Aid
declaration that waits for a payment, a gift's move to received, and the receipt.

What a handler needs beyond the event it asks Stripe for through the gateway (`ask_stripe`); if
Stripe cannot be reached the event is NotReady and retried.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from nolimits import states
from pledges import campaign_totals, emails
from pledges import gateway as gateways
from pledges.models import Donation, GiftAidDeclaration, PayoutLine, Pledge


class NotReady(Exception):
    """The event refers to an object we do not know yet; try again later."""


def timestamp(value: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def ask_stripe(what: str, fn, **kwargs):
    """Ask Stripe for something the event does not carry; unreachable means try again later."""
    try:
        return fn(**kwargs)
    except gateways.GatewayUnavailable as exc:
        raise NotReady(f"could not ask Stripe for {what}") from exc


def metadata_uuid(obj: dict, key: str) -> str | None:
    return (obj.get("metadata") or {}).get(key) or obj.get("client_reference_id")


def pledge_for_subscription(sub_id: str | None, metadata: dict | None) -> Pledge:
    query = Q(stripe_subscription_id=sub_id) if sub_id else Q(pk__in=[])
    if metadata and metadata.get("pledge"):
        query |= Q(uuid=metadata["pledge"])
    pledge = Pledge.objects.select_for_update().filter(query).first()
    if pledge is None:
        raise NotReady(f"no pledge for subscription {sub_id}")
    if sub_id and not pledge.stripe_subscription_id:
        pledge.stripe_subscription_id = sub_id
    return pledge


def gift_for_charge(obj: dict, what: str) -> Donation:
    """The gift a charge, refund or dispute belongs to: by payment intent, else by charge id."""
    payment_intent = obj.get("payment_intent")
    charge = obj.get("charge") if obj.get("object") != "charge" else obj.get("id")
    query = Q(pk__in=[])
    if payment_intent:
        query |= Q(stripe_payment_intent_id=payment_intent)
    if isinstance(charge, str) and charge:
        query |= Q(stripe_charge_id=charge)
    donation = Donation.objects.select_for_update().filter(query).first()
    if donation is None:
        raise NotReady(f"no gift for {what} {obj.get('id')}")
    return donation


def session_pledge(obj: dict) -> Pledge:
    pledge = Pledge.objects.select_for_update().filter(uuid=metadata_uuid(obj, "pledge")).first()
    if pledge is None:
        raise NotReady("no pledge for checkout session")
    return pledge


def session_gift(obj: dict) -> Donation:
    donation = (
        Donation.objects.select_for_update().filter(uuid=metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    return donation


def learn_payment(donation: Donation) -> None:
    """Fill in how a gift was paid (card or Bacs) and its charge, from its payment intent, then
    join any payout line already seen for it. Idempotent: asks Stripe only while unknown."""
    if not donation.stripe_payment_intent_id:
        return
    if not donation.payment_method_type or not donation.stripe_charge_id:
        method, charge = ask_stripe(
            f"payment {donation.stripe_payment_intent_id}",
            gateways.get_gateway().payment_details,
            payment_intent_id=donation.stripe_payment_intent_id,
        )
        donation.payment_method_type = donation.payment_method_type or method or ""
        donation.stripe_charge_id = donation.stripe_charge_id or charge or ""
    join_payout(donation)


def join_payout(donation: Donation) -> None:
    line = (
        PayoutLine.objects.filter(
            Q(payment_intent_id=donation.stripe_payment_intent_id)
            | (Q(charge_id=donation.stripe_charge_id) & ~Q(charge_id="")),
            type__in=("charge", "payment"),
        )
        .order_by("balance_transaction_id")
        .first()
    )
    if line is not None:
        donation.fee_pence = line.fee_pence
        donation.net_pence = line.net_pence
        donation.payout_id = line.payout_id
        donation.stripe_charge_id = donation.stripe_charge_id or line.charge_id


def declaration_takes_effect(*, pledge: Pledge | None = None, donation: Donation | None = None):
    """The Gift Aid declaration made on the way to this Checkout now takes effect: it replaces
    the donor's declaration in force (if any) from this moment."""
    query = Q(for_pledge=pledge) if pledge is not None else Q(for_donation=donation)
    waiting = GiftAidDeclaration.objects.select_for_update().filter(query, awaiting_payment=True)
    for declaration in waiting:
        now = timezone.now()
        GiftAidDeclaration.objects.filter(
            donor_id=declaration.donor_id, awaiting_payment=False, cancelled_at__isnull=True
        ).update(cancelled_at=now, cancellation_reason="Replaced by a new declaration")
        declaration.awaiting_payment = False
        declaration.save(update_fields=["awaiting_payment"])


def declaration_dropped(*, pledge: Pledge | None = None, donation: Donation | None = None):
    query = Q(for_pledge=pledge) if pledge is not None else Q(for_donation=donation)
    GiftAidDeclaration.objects.filter(query, awaiting_payment=True).delete()


def gift_succeeded(donation: Donation, created: int, *, reason: str) -> None:
    """The gift's money arrived: it is received (once), dated, receipted, and the Gift Aid
    declaration made with it takes effect. A gift that failed or was left unpaid stays so."""
    S = Donation.Status
    if donation.status != S.SUCCEEDED and states.allowed(donation, S.SUCCEEDED):
        donation.paid_at = donation.paid_at or timestamp(created)
        states.move(donation, S.SUCCEEDED, reason=reason, also_save=["paid_at"])
        campaign_totals.gift_changed(donation)
        receipt_after_commit(donation)
    if donation.status == S.SUCCEEDED:
        declaration_takes_effect(donation=donation)


def receipt_after_commit(donation: Donation) -> None:
    """The receipt is queued in the event's own transaction (nolimits.mail's outbox): the
    event is never done while its receipt is missing."""
    emails.thank_you_receipt(donation.pk)
