"""What each Stripe event does to our ledger. Called only by services.stripe_event_process.

Every handler is idempotent: it records facts keyed by Stripe ids (update_or_create on unique
fields, "set once" timestamps, status guarded by the event's created time), then the pledge's
status is worked out again from those facts. So the same events in any order, any number of
times, leave the same ledger. An event that refers to something we have not heard of yet raises
NotReady; it is kept as failed and retried (tasks.retry_failed_stripe_events).

Events carry Stripe's objects as the pinned API version shapes them, and no more: an invoice
has no payments, a charge no refunds, a subscription's payment method is an id. What a handler
needs beyond the event it asks Stripe for through the gateway (`_gateway()`); if Stripe cannot be
reached the event is NotReady and retried.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from pledges.models import Adjustment, Donation, GiftAidDeclaration, PayoutLine, Pledge

log = logging.getLogger(__name__)


class NotReady(Exception):
    """The event refers to an object we do not know yet; try again later."""


def _ts(value: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value else None


def _gateway():
    from pledges.gateway import get_gateway

    return get_gateway()


def _ask(what: str, fn, **kwargs):
    """Ask Stripe for something the event does not carry; unreachable means try again later."""
    from pledges.gateway import GatewayUnavailable

    try:
        return fn(**kwargs)
    except GatewayUnavailable as exc:
        raise NotReady(f"could not ask Stripe for {what}") from exc


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


def _donation_for_charge(obj: dict, what: str) -> Donation:
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


def _session_pledge(obj: dict) -> Pledge:
    pledge = Pledge.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "pledge")).first()
    if pledge is None:
        raise NotReady("no pledge for checkout session")
    return pledge


def _session_donation(obj: dict) -> Donation:
    donation = (
        Donation.objects.select_for_update().filter(uuid=_metadata_uuid(obj, "donation")).first()
    )
    if donation is None:
        raise NotReady("no gift for checkout session")
    return donation


def _learn_payment(donation: Donation) -> None:
    """Fill in how a gift was paid (card or Bacs) and its charge, from its payment intent, then
    join any payout line already seen for it. Idempotent: asks Stripe only while unknown."""
    if not donation.stripe_payment_intent_id:
        return
    if not donation.payment_method_type or not donation.stripe_charge_id:
        method, charge = _ask(
            f"payment {donation.stripe_payment_intent_id}",
            _gateway().payment_details,
            payment_intent_id=donation.stripe_payment_intent_id,
        )
        donation.payment_method_type = donation.payment_method_type or method or ""
        donation.stripe_charge_id = donation.stripe_charge_id or charge or ""
    _join_payout(donation)


def _join_payout(donation: Donation) -> None:
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


def _declaration_takes_effect(*, pledge: Pledge | None = None, donation: Donation | None = None):
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


def _declaration_dropped(*, pledge: Pledge | None = None, donation: Donation | None = None):
    query = Q(for_pledge=pledge) if pledge is not None else Q(for_donation=donation)
    GiftAidDeclaration.objects.filter(query, awaiting_payment=True).delete()


# --- Checkout ---------------------------------------------------------------------------------


def _pledge_checkout_facts(obj: dict, created: int) -> Pledge:
    pledge = _session_pledge(obj)
    pledge.stripe_checkout_session_id = pledge.stripe_checkout_session_id or obj["id"]
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    if obj.get("subscription") and not pledge.stripe_subscription_id:
        pledge.stripe_subscription_id = obj["subscription"]
    pledge.checkout_completed_at = pledge.checkout_completed_at or _ts(created)
    pledge.save()
    return pledge


def checkout_completed(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = _session_donation(obj)
    donation.stripe_checkout_session_id = donation.stripe_checkout_session_id or obj["id"]
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    donation.stripe_customer_id = donation.stripe_customer_id or (obj.get("customer") or "")
    if obj.get("payment_status") == "paid":
        _gift_succeeded(donation, created)
    elif donation.status == Donation.Status.AWAITING_PAYMENT:
        donation.status = Donation.Status.PROCESSING  # Bacs: money confirmed in 4-7 working days
    _learn_payment(donation)
    donation.save()
    return None


def _gift_succeeded(donation: Donation, created: int) -> None:
    if donation.status != Donation.Status.SUCCEEDED:
        donation.status = Donation.Status.SUCCEEDED
        donation.paid_at = donation.paid_at or _ts(created)
        _after_commit_receipt(donation)
    _declaration_takes_effect(donation=donation)


def checkout_async_succeeded(obj: dict, created: int) -> Pledge | None:
    """Bacs: the money arrived. For a pledge (subscription mode) the money is the invoice's, so
    this only records what the session says; for a one-off gift it is the gift succeeding."""
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = _session_donation(obj)
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    donation.stripe_customer_id = donation.stripe_customer_id or (obj.get("customer") or "")
    _gift_succeeded(donation, created)
    _learn_payment(donation)
    donation.save()
    return None


def checkout_async_failed(obj: dict, created: int) -> Pledge | None:
    """Bacs: the first collection failed. A pledge hears it again from its subscription and
    invoice events (status past_due/incomplete), so here it is only recorded."""
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = _session_donation(obj)
    if donation.status != Donation.Status.SUCCEEDED:
        donation.status = Donation.Status.FAILED
        donation.save()
        _declaration_dropped(donation=donation)
    return None


def checkout_expired(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        pledge = _session_pledge(obj)
        pledge.checkout_expired_at = pledge.checkout_expired_at or _ts(created)
        pledge.save()
        if not pledge.checkout_completed_at and not pledge.stripe_subscription_id:
            _declaration_dropped(pledge=pledge)
        return pledge
    donation = _session_donation(obj)
    if donation.status == Donation.Status.AWAITING_PAYMENT:
        donation.status = Donation.Status.EXPIRED
        donation.save()
        _declaration_dropped(donation=donation)
    return None


# --- Subscriptions and invoices ---------------------------------------------------------------


def subscription_changed(obj: dict, created: int) -> Pledge:
    pledge = _pledge_for_subscription(obj["id"], obj.get("metadata"))
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
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
        method = obj.get("default_payment_method")
        if isinstance(method, dict):  # expanded (reconciliation may ask for it)
            pledge.stripe_payment_method_id = method.get("id", "")
            pledge.payment_method_type = method.get("type") or pledge.payment_method_type
        elif method and method != pledge.stripe_payment_method_id:
            pledge.payment_method_type = (
                _ask(f"payment method {method}", _gateway().payment_method_type, pm_id=method)
                or pledge.payment_method_type
            )
            pledge.stripe_payment_method_id = method
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


def invoice_paid(obj: dict, created: int) -> Pledge:
    sub_id, metadata = _invoice_subscription(obj)
    pledge = _pledge_for_subscription(sub_id, metadata)
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    paid_at = _ts((obj.get("status_transitions") or {}).get("paid_at")) or _ts(created)
    donation = Donation.objects.select_for_update().filter(stripe_invoice_id=obj["id"]).first()
    made = donation is None
    if made:
        # An invoice event carries no `payments`: ask Stripe which payment paid it, so later
        # refunds, disputes and payouts can find this gift.
        payment_intent = _ask(
            f"how invoice {obj['id']} was paid",
            _gateway().invoice_payment_intent,
            invoice_id=obj["id"],
        )
        donation = Donation(
            stripe_invoice_id=obj["id"],
            donor_id=pledge.donor_id,
            kind=Donation.Kind.MONTHLY,
            pledge=pledge,
            amount_pence=obj["amount_paid"],
            status=Donation.Status.SUCCEEDED,
            paid_at=paid_at,
            stripe_payment_intent_id=payment_intent,
            stripe_customer_id=obj.get("customer") or "",
        )
    _learn_payment(donation)
    donation.save()
    if not pledge.payment_method_type and donation.payment_method_type:
        pledge.payment_method_type = donation.payment_method_type
    pledge.save()
    if made:
        _after_commit_receipt(donation)
    _declaration_takes_effect(pledge=pledge)
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

    customer = _ask(
        "the mandate's customer",
        _gateway().payment_method_customer,
        payment_method_id=obj.get("payment_method") or "",
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
            stripe_id=refund["id"],
            donation=donation,
            kind=Adjustment.Kind.REFUND,
            event_created=0,
            created_at=_ts(refund.get("created")) or _ts(created),
        )
    if created >= adjustment.event_created:
        adjustment.event_created = created
        adjustment.status = refund.get("status", "") or ""
        adjustment.amount_pence = (
            -int(refund["amount"]) if adjustment.status in REFUND_MONEY_OUT else 0
        )
        adjustment.save()


def _refunded(donation: Donation) -> int:
    return -(
        donation.adjustments.filter(kind=Adjustment.Kind.REFUND).aggregate(t=Sum("amount_pence"))[
            "t"
        ]
        or 0
    )


def charge_refunded(obj: dict, created: int) -> None:
    """A charge's refunds. Since API 2022-11-15 the charge in an event carries no list of
    refunds, only `amount_refunded`; when that is more than we have recorded, ask Stripe for the
    charge's refunds, so each becomes its own negative line (refund.* events give the same)."""
    donation = _donation_for_charge(obj, "charge")
    donation.stripe_charge_id = donation.stripe_charge_id or obj.get("id", "")
    if int(obj.get("amount_refunded") or 0) > _refunded(donation):
        for refund in _ask(
            f"the refunds of {obj['id']}", _gateway().charge_refunds, charge_id=obj["id"]
        ):
            _apply_refund(donation, refund, created)
    donation.refunded_pence = _refunded(donation)
    donation.save()


def refund_changed(obj: dict, created: int) -> None:
    donation = _donation_for_charge(obj, "refund")
    _apply_refund(donation, obj, created)
    donation.refunded_pence = _refunded(donation)
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
    donation = _donation_for_charge(obj, "dispute")
    adjustment = Adjustment.objects.select_for_update().filter(stripe_id=obj["id"]).first()
    if adjustment is None:
        adjustment = Adjustment(
            stripe_id=obj["id"],
            donation=donation,
            kind=Adjustment.Kind.DISPUTE,
            event_created=0,
            created_at=_ts(obj.get("created")) or _ts(created),
        )
    if created >= adjustment.event_created:
        adjustment.event_created = created
        adjustment.status = obj.get("status", "")
        adjustment.amount_pence = (
            -int(obj["amount"]) if adjustment.status in DISPUTE_LOST_OR_OPEN else 0
        )
        adjustment.save()
    donation.disputed = Adjustment.objects.filter(
        donation=donation, kind=Adjustment.Kind.DISPUTE, amount_pence__lt=0
    ).exists()
    donation.save(update_fields=["disputed"])


# --- Payouts ----------------------------------------------------------------------------------


def payout_paid(obj: dict, created: int) -> None:
    """Stripe paid money into the bank. Keep every line of the payout (its balance
    transactions), then join each to its gift; a gift we have not heard of yet is joined when
    its own event arrives (_learn_payment), so the order of events never loses a fee."""
    for line in _ask(
        f"the lines of payout {obj['id']}", _gateway().payout_lines, payout_id=obj["id"]
    ):
        PayoutLine.objects.update_or_create(
            balance_transaction_id=line["id"],
            defaults={
                "payout_id": obj["id"],
                "type": line["type"],
                "charge_id": line.get("charge") or "",
                "payment_intent_id": line.get("payment_intent") or "",
                "amount_pence": line["amount"],
                "fee_pence": line["fee"],
                "net_pence": line["net"],
            },
        )
    lines = PayoutLine.objects.filter(payout_id=obj["id"], type__in=("charge", "payment"))
    intents = [pi for pi in lines.values_list("payment_intent_id", flat=True) if pi]
    for donation in Donation.objects.select_for_update().filter(
        stripe_payment_intent_id__in=intents
    ):
        _join_payout(donation)
        donation.save(update_fields=["fee_pence", "net_pence", "payout_id", "stripe_charge_id"])


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
    "charge.refund.updated": refund_changed,
    "refund.created": refund_changed,
    "refund.updated": refund_changed,
    "refund.failed": refund_changed,
    "charge.dispute.created": dispute_changed,
    "charge.dispute.updated": dispute_changed,
    "charge.dispute.closed": dispute_changed,
    "charge.dispute.funds_withdrawn": dispute_changed,
    "charge.dispute.funds_reinstated": dispute_changed,
    "payout.paid": payout_paid,
}
