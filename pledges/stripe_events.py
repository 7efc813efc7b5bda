"""What each Stripe event does to our ledger. Called only by services.stripe_event_process.

Every handler is idempotent: it records facts keyed by Stripe ids (update_or_create on unique
fields, "set once" timestamps, status guarded by the event's created time), then the pledge's
status is worked out again from those facts. So the same events in any order, any number of
times, leave the same ledger. An event that refers to something we have not heard of yet raises
NotReady; it is kept as failed and retried (tasks.retry_failed_stripe_events).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pledges.models import Adjustment, Donation, Pledge

log = logging.getLogger(__name__)


class NotReady(Exception):
    """The event refers to an object we do not know yet; try again later."""


def _ts(value: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def _metadata_uuid(obj: dict, key: str) -> str | None:
    return (obj.get("metadata") or {}).get(key) or obj.get("client_reference_id")


def _pledge_for_subscription(sub_id: str | None, metadata: dict | None) -> Pledge:
    query = Q(stripe_subscription_id=sub_id) if sub_id else Q(pk__in=[])
    if metadata and metadata.get("pledge"):
        query |= Q(uuid=metadata["pledge"])
    pledge = Pledge.objects.select_for_update().filter(query).first()
    if pledge is None:
        raise NotReady(f"no pledge for subscription {sub_id}")
    if sub_id and not pledge.stripe_subscription_id:
        pledge.stripe_subscription_id = sub_id
    return pledge


def _donation_for_payment_intent(payment_intent: str | None) -> Donation:
    donation = (
        Donation.objects.select_for_update().filter(stripe_payment_intent_id=payment_intent).first()
        if payment_intent
        else None
    )
    if donation is None:
        raise NotReady(f"no gift for payment {payment_intent}")
    return donation


# --- Checkout ---------------------------------------------------------------------------------


def checkout_completed(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        pledge = (
            Pledge.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "pledge")).first()
        )
        if pledge is None:
            raise NotReady("no pledge for checkout session")
        pledge.stripe_checkout_session_id = pledge.stripe_checkout_session_id or obj["id"]
        pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
        if obj.get("subscription") and not pledge.stripe_subscription_id:
            pledge.stripe_subscription_id = obj["subscription"]
        pledge.checkout_completed_at = pledge.checkout_completed_at or _ts(created)
        pledge.save()
        return pledge
    donation = (
        Donation.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    donation.stripe_checkout_session_id = donation.stripe_checkout_session_id or obj["id"]
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    if obj.get("payment_status") == "paid":
        _gift_succeeded(donation, created)
    elif donation.status == Donation.Status.AWAITING_PAYMENT:
        donation.status = Donation.Status.PROCESSING  # Bacs: money confirmed in 4-7 working days
    donation.save()
    return None


def _gift_succeeded(donation: Donation, created: int) -> None:
    if donation.status != Donation.Status.SUCCEEDED:
        donation.status = Donation.Status.SUCCEEDED
        donation.paid_at = donation.paid_at or _ts(created)
        _after_commit_receipt(donation)


def checkout_async_succeeded(obj: dict, created: int) -> None:
    donation = (
        Donation.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    _gift_succeeded(donation, created)
    donation.save()


def checkout_async_failed(obj: dict, created: int) -> None:
    donation = (
        Donation.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    if donation.status != Donation.Status.SUCCEEDED:
        donation.status = Donation.Status.FAILED
        donation.save()


def checkout_expired(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        pledge = (
            Pledge.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "pledge")).first()
        )
        if pledge is None:
            raise NotReady("no pledge for checkout session")
        pledge.checkout_expired_at = pledge.checkout_expired_at or _ts(created)
        pledge.save()
        return pledge
    donation = (
        Donation.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    if donation.status == Donation.Status.AWAITING_PAYMENT:
        donation.status = Donation.Status.EXPIRED
        donation.save()
    return None


# --- Subscriptions and invoices ---------------------------------------------------------------


def subscription_changed(obj: dict, created: int) -> Pledge:
    pledge = _pledge_for_subscription(obj["id"], obj.get("metadata"))
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    method = (
        (obj.get("default_payment_method") or {})
        if isinstance(obj.get("default_payment_method"), dict)
        else {}
    )
    if method.get("type"):
        pledge.payment_method_type = method["type"]
    if obj.get("status") == "canceled":
        # Final, whatever order the events come in.
        pledge.cancelled_at = pledge.cancelled_at or _ts(
            obj.get("ended_at") or obj.get("canceled_at") or created
        )
        reason = (obj.get("cancellation_details") or {}).get("reason")
        pledge.cancellation_reason = pledge.cancellation_reason or (reason or "")
    if created >= pledge.stripe_status_at:
        pledge.stripe_status_at = created
        pledge.stripe_subscription_status = obj.get("status", "")
        items = (obj.get("items") or {}).get("data") or []
        if items:
            price = items[0].get("price") or {}
            if price.get("unit_amount"):
                pledge.amount_pence = price["unit_amount"]
            period_end = _ts(items[0].get("current_period_end"))
            pledge.next_payment_on = timezone.localdate(period_end) if period_end else None
    pledge.save()
    return pledge


def _invoice_subscription(obj: dict) -> tuple[str | None, dict]:
    details = ((obj.get("parent") or {}).get("subscription_details")) or {}
    return details.get("subscription"), details.get("metadata") or {}


def _invoice_payment_intent(obj: dict) -> str | None:
    for payment in ((obj.get("payments") or {}).get("data")) or []:
        inner = payment.get("payment") or {}
        if inner.get("type") == "payment_intent" and inner.get("payment_intent"):
            return inner["payment_intent"]
    return None


def invoice_paid(obj: dict, created: int) -> Pledge:
    sub_id, metadata = _invoice_subscription(obj)
    pledge = _pledge_for_subscription(sub_id, metadata)
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    pledge.save()
    paid_at = _ts((obj.get("status_transitions") or {}).get("paid_at")) or _ts(created)
    payment_intent = _invoice_payment_intent(obj)
    if payment_intent is None and "payments" not in obj:
        # Webhooks carry no `payments` unless expanded: ask Stripe which payment paid it, so
        # later refunds, disputes and payouts can find this gift.
        from pledges.gateway import GatewayUnavailable, get_gateway

        try:
            payment_intent = get_gateway().invoice_payment_intent(invoice_id=obj["id"])
        except GatewayUnavailable as exc:
            raise NotReady(f"could not ask Stripe how invoice {obj['id']} was paid") from exc
    donation, made = Donation.objects.get_or_create(
        stripe_invoice_id=obj["id"],
        defaults={
            "donor_id": pledge.donor_id,
            "kind": Donation.Kind.MONTHLY,
            "pledge": pledge,
            "amount_pence": obj["amount_paid"],
            "status": Donation.Status.SUCCEEDED,
            "paid_at": paid_at,
            "payment_method_type": pledge.payment_method_type,
            "stripe_payment_intent_id": payment_intent,
        },
    )
    if made:
        _after_commit_receipt(donation)
    elif not donation.stripe_payment_intent_id and payment_intent:
        donation.stripe_payment_intent_id = payment_intent
        donation.save(update_fields=["stripe_payment_intent_id"])
    return pledge


def invoice_payment_failed(obj: dict, created: int) -> Pledge:
    sub_id, metadata = _invoice_subscription(obj)
    pledge = _pledge_for_subscription(sub_id, metadata)
    pledge.save()
    from pledges import emails

    transaction.on_commit(lambda: emails.payment_failed(pledge.pk))
    return pledge


def invoice_action_required(obj: dict, created: int) -> Pledge:
    """The bank wants the donor to confirm the payment (3-D Secure): send them Stripe's link."""
    sub_id, metadata = _invoice_subscription(obj)
    pledge = _pledge_for_subscription(sub_id, metadata)
    pledge.save()
    url = obj.get("hosted_invoice_url") or ""
    from pledges import emails

    transaction.on_commit(lambda: emails.action_required(pledge.pk, url))
    return pledge


def mandate_updated(obj: dict, created: int) -> None:
    """A Direct Debit mandate was refused or cancelled at the bank: tell the donor."""
    bacs = ((obj.get("payment_method_details") or {}).get("bacs_debit")) or {}
    if bacs.get("network_status") not in ("refused", "revoked"):
        return
    from pledges import emails
    from pledges.gateway import get_gateway

    customer = get_gateway().payment_method_customer(
        payment_method_id=obj.get("payment_method") or ""
    )
    for pledge in (
        Pledge.objects.filter(stripe_customer_id=customer, cancelled_at__isnull=True)
        if customer
        else []
    ):
        transaction.on_commit(lambda pk=pledge.pk: emails.mandate_ended(pk))


# --- Refunds and disputes ---------------------------------------------------------------------


REFUND_MONEY_OUT = {"pending", "requires_action", "succeeded"}


def _apply_refund(donation: Donation, refund: dict, created: int) -> None:
    """One Refund object -> one negative line, keyed by the refund's id, latest event wins."""
    adjustment = Adjustment.objects.select_for_update().filter(stripe_id=refund["id"]).first()
    if adjustment is None:
        adjustment = Adjustment(
            stripe_id=refund["id"], donation=donation, kind=Adjustment.Kind.REFUND, event_created=0
        )
    if created >= adjustment.event_created:
        adjustment.event_created = created
        adjustment.status = refund.get("status", "") or ""
        adjustment.amount_pence = (
            -int(refund["amount"])
            if adjustment.status in REFUND_MONEY_OUT or not adjustment.status
            else 0
        )
        adjustment.save()


def _sum_refunds(donation: Donation, floor: int = 0) -> None:
    from django.db.models import Sum

    total = -(
        donation.adjustments.filter(kind=Adjustment.Kind.REFUND).aggregate(t=Sum("amount_pence"))[
            "t"
        ]
        or 0
    )
    donation.refunded_pence = max(total, floor)


def charge_refunded(obj: dict, created: int) -> None:
    """Since API 2022-11-15 a charge carries no list of refunds unless expanded; the
    refund.* events bring each one. Here: the total refunded, and any refunds included."""
    donation = _donation_for_payment_intent(obj.get("payment_intent"))
    for refund in ((obj.get("refunds") or {}).get("data")) or []:
        _apply_refund(donation, refund, created)
    _sum_refunds(donation, floor=int(obj.get("amount_refunded") or 0))
    if not donation.stripe_charge_id:
        donation.stripe_charge_id = obj.get("id", "")
    donation.save()


def refund_changed(obj: dict, created: int) -> None:
    donation = _donation_for_payment_intent(obj.get("payment_intent"))
    _apply_refund(donation, obj, created)
    _sum_refunds(donation)
    donation.save()


# Money is out of the fund while a dispute is open, lost or under appeal; inquiries (warning_*)
# move no money; a won dispute brings it back.
DISPUTE_LOST_OR_OPEN = {
    "needs_response",
    "under_review",
    "lost",
    "appeal_needs_response",
    "appeal_under_review",
}


def dispute_changed(obj: dict, created: int) -> None:
    donation = _donation_for_payment_intent(obj.get("payment_intent"))
    adjustment = Adjustment.objects.select_for_update().filter(stripe_id=obj["id"]).first()
    if adjustment is None:
        adjustment = Adjustment(
            stripe_id=obj["id"], donation=donation, kind=Adjustment.Kind.DISPUTE, event_created=0
        )
    if created >= adjustment.event_created:
        adjustment.event_created = created
        adjustment.status = obj.get("status", "")
        # Money is out of the fund while a dispute is open or lost; back in if we win.
        adjustment.amount_pence = (
            -int(obj["amount"]) if adjustment.status in DISPUTE_LOST_OR_OPEN else 0
        )
        adjustment.created_at = adjustment.created_at or _ts(created)
        adjustment.save()
    donation.disputed = Adjustment.objects.filter(
        donation=donation, kind=Adjustment.Kind.DISPUTE, amount_pence__lt=0
    ).exists()
    donation.save(update_fields=["disputed"])


# --- Payouts ----------------------------------------------------------------------------------


def payout_paid(obj: dict, created: int) -> None:
    """Stripe paid money into the bank: record each gift's fee, net and payout (for finance)."""
    from pledges.gateway import get_gateway

    for line in get_gateway().payout_lines(payout_id=obj["id"]):
        Donation.objects.filter(stripe_payment_intent_id=line["payment_intent"]).update(
            fee_pence=line["fee"],
            net_pence=line["net"],
            payout_id=obj["id"],
            stripe_charge_id=line["charge"],
        )


def _after_commit_receipt(donation: Donation) -> None:
    from pledges import emails

    def send():
        emails.thank_you_receipt(donation.pk)

    transaction.on_commit(send)


HANDLERS = {
    "checkout.session.completed": checkout_completed,
    "checkout.session.async_payment_succeeded": checkout_async_succeeded,
    "checkout.session.async_payment_failed": checkout_async_failed,
    "checkout.session.expired": checkout_expired,
    "customer.subscription.created": subscription_changed,
    "customer.subscription.updated": subscription_changed,
    "customer.subscription.deleted": subscription_changed,
    "customer.subscription.paused": subscription_changed,
    "customer.subscription.resumed": subscription_changed,
    "invoice.paid": invoice_paid,
    "invoice.payment_failed": invoice_payment_failed,
    "invoice.payment_action_required": invoice_action_required,
    "mandate.updated": mandate_updated,
    "charge.refunded": charge_refunded,
    "refund.created": refund_changed,
    "refund.updated": refund_changed,
    "charge.dispute.created": dispute_changed,
    "charge.dispute.updated": dispute_changed,
    "charge.dispute.closed": dispute_changed,
    "charge.dispute.funds_withdrawn": dispute_changed,
    "charge.dispute.funds_reinstated": dispute_changed,
    "payout.paid": payout_paid,
}
