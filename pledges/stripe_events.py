"""What each Stripe event does to our ledger. Called only by services.stripe_event_process.

Every handler is idempotent: it records facts keyed by Stripe ids (update_or_create on unique
fields, "set once" timestamps, status guarded by the event's created time), then the pledge's
status is worked out again from those facts. So the same events in any order, any number of
times, leave the same ledger. An event that refers to something we have not heard of yet raises
NotReady; it is kept as failed and retried (tasks.retry_failed_stripe_events).

Events carry Stripe's objects as the pinned API version shapes them, and no more: an invoice
has no payments, a charge no refunds, a subscription's payment method is an id. What a handler
needs beyond the event it asks Stripe for (pledges.stripe_facts.ask_stripe, through the gateway);
if Stripe cannot be reached the event is NotReady and retried. A gift's status changes only
through nolimits.states, along Donation.TRANSITIONS: a late or repeated event is ignored.
"""

from __future__ import annotations

import logging

from django.db.models import Q, Sum
from django.utils import timezone

from nolimits import states
from pledges import campaign_totals, emails
from pledges import gateway as gateways
from pledges.models import Adjustment, Donation, PayoutLine, Pledge
from pledges.stripe_facts import (
    NotReady,
    ask_stripe,
    declaration_dropped,
    declaration_takes_effect,
    gift_for_charge,
    gift_succeeded,
    join_payout,
    learn_payment,
    pledge_for_subscription,
    receipt_after_commit,
    session_gift,
    session_pledge,
    timestamp,
)

log = logging.getLogger(__name__)

__all__ = ["HANDLERS", "NotReady"]


# --- Checkout ---------------------------------------------------------------------------------


def _pledge_checkout_facts(obj: dict, created: int) -> Pledge:
    pledge = session_pledge(obj)
    pledge.stripe_checkout_session_id = pledge.stripe_checkout_session_id or obj["id"]
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    if obj.get("subscription") and not pledge.stripe_subscription_id:
        pledge.stripe_subscription_id = obj["subscription"]
    pledge.checkout_completed_at = pledge.checkout_completed_at or timestamp(created)
    pledge.save()
    return pledge


def checkout_completed(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = session_gift(obj)
    donation.stripe_checkout_session_id = donation.stripe_checkout_session_id or obj["id"]
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    donation.stripe_customer_id = donation.stripe_customer_id or (obj.get("customer") or "")
    if obj.get("payment_status") == "paid":
        gift_succeeded(donation, created, reason="Stripe: paid at checkout")
    else:  # Bacs: the money is confirmed in 4-7 working days
        if states.move_if_allowed(
            donation, Donation.Status.PROCESSING, reason="Stripe: Direct Debit being collected"
        ):
            campaign_totals.gift_changed(donation)
    learn_payment(donation)
    donation.save()
    return None


def checkout_async_succeeded(obj: dict, created: int) -> Pledge | None:
    """Bacs: the money arrived. For a pledge (subscription mode) the money is the invoice's, so
    this only records what the session says; for a one-off gift it is the gift succeeding."""
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = session_gift(obj)
    donation.stripe_payment_intent_id = donation.stripe_payment_intent_id or obj.get(
        "payment_intent"
    )
    donation.stripe_customer_id = donation.stripe_customer_id or (obj.get("customer") or "")
    gift_succeeded(donation, created, reason="Stripe: Direct Debit collected")
    learn_payment(donation)
    donation.save()
    return None


def checkout_async_failed(obj: dict, created: int) -> Pledge | None:
    """Bacs: the first collection failed. A pledge hears it again from its subscription and
    invoice events (status past_due/incomplete), so here it is only recorded."""
    if obj.get("mode") == "subscription":
        return _pledge_checkout_facts(obj, created)
    donation = session_gift(obj)
    if donation.status != Donation.Status.SUCCEEDED:
        if states.move_if_allowed(
            donation, Donation.Status.FAILED, reason="Stripe: Direct Debit collection failed"
        ):
            campaign_totals.gift_changed(donation)
        declaration_dropped(donation=donation)
    return None


def checkout_expired(obj: dict, created: int) -> Pledge | None:
    if obj.get("mode") == "subscription":
        pledge = session_pledge(obj)
        pledge.checkout_expired_at = pledge.checkout_expired_at or timestamp(created)
        pledge.save()
        if not pledge.checkout_completed_at and not pledge.stripe_subscription_id:
            declaration_dropped(pledge=pledge)
        return pledge
    donation = session_gift(obj)
    if states.move_if_allowed(
        donation, Donation.Status.EXPIRED, reason="Stripe: the donor left the payment page"
    ):
        declaration_dropped(donation=donation)
    return None


# --- Subscriptions and invoices ---------------------------------------------------------------


def subscription_changed(obj: dict, created: int) -> Pledge:
    pledge = pledge_for_subscription(obj["id"], obj.get("metadata"))
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    if obj.get("status") == "canceled":
        # Final, whatever order the events come in.
        pledge.cancelled_at = pledge.cancelled_at or timestamp(
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
                ask_stripe(
                    f"payment method {method}",
                    gateways.get_gateway().payment_method_type,
                    pm_id=method,
                )
                or pledge.payment_method_type
            )
            pledge.stripe_payment_method_id = method
        items = (obj.get("items") or {}).get("data") or []
        if items:
            price = items[0].get("price") or {}
            if price.get("unit_amount"):
                pledge.amount_pence = price["unit_amount"]
            period_end = timestamp(items[0].get("current_period_end"))
            pledge.next_payment_on = timezone.localdate(period_end) if period_end else None
    pledge.save()
    return pledge


def _invoice_subscription(obj: dict) -> tuple[str | None, dict]:
    details = ((obj.get("parent") or {}).get("subscription_details")) or {}
    return details.get("subscription"), details.get("metadata") or {}


def invoice_paid(obj: dict, created: int) -> Pledge:
    sub_id, metadata = _invoice_subscription(obj)
    pledge = pledge_for_subscription(sub_id, metadata)
    pledge.stripe_customer_id = pledge.stripe_customer_id or (obj.get("customer") or "")
    paid_at = timestamp((obj.get("status_transitions") or {}).get("paid_at")) or timestamp(created)
    donation = Donation.objects.select_for_update().filter(stripe_invoice_id=obj["id"]).first()
    made = donation is None
    if made:
        # An invoice event carries no `payments`: ask Stripe which payment paid it, so later
        # refunds, disputes and payouts can find this gift.
        payment_intent = ask_stripe(
            f"how invoice {obj['id']} was paid",
            gateways.get_gateway().invoice_payment_intent,
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
    learn_payment(donation)
    donation.save()
    if not pledge.payment_method_type and donation.payment_method_type:
        pledge.payment_method_type = donation.payment_method_type
    pledge.save()
    if made:
        receipt_after_commit(donation)
    declaration_takes_effect(pledge=pledge)
    return pledge


def invoice_payment_failed(obj: dict, created: int) -> Pledge:
    sub_id, metadata = _invoice_subscription(obj)
    pledge = pledge_for_subscription(sub_id, metadata)
    pledge.save()
    emails.payment_failed(pledge.pk)
    return pledge


def invoice_action_required(obj: dict, created: int) -> Pledge:
    """The bank wants the donor to confirm the payment (3-D Secure): send them Stripe's link."""
    sub_id, metadata = _invoice_subscription(obj)
    pledge = pledge_for_subscription(sub_id, metadata)
    pledge.save()
    url = obj.get("hosted_invoice_url") or ""
    emails.action_required(pledge.pk, url)
    return pledge


def mandate_updated(obj: dict, created: int) -> None:
    """A Direct Debit mandate was refused or cancelled at the bank: tell the donor."""
    bacs = ((obj.get("payment_method_details") or {}).get("bacs_debit")) or {}
    if bacs.get("network_status") not in ("refused", "revoked"):
        return
    customer = ask_stripe(
        "the mandate's customer",
        gateways.get_gateway().payment_method_customer,
        payment_method_id=obj.get("payment_method") or "",
    )
    for pledge in (
        Pledge.objects.filter(stripe_customer_id=customer, cancelled_at__isnull=True)
        if customer
        else []
    ):
        emails.mandate_ended(pledge.pk)


# --- Refunds and disputes ---------------------------------------------------------------------


REFUND_MONEY_OUT = {"pending", "requires_action", "succeeded"}


def _record_adjustment(
    donation: Donation, obj: dict, kind: str, created: int, money_out: set[str]
) -> None:
    """One Refund or Dispute object -> one negative line, keyed by its Stripe id; the latest
    event wins. It takes money out of the fund while its status is one of `money_out`."""
    adjustment = Adjustment.objects.select_for_update().filter(stripe_id=obj["id"]).first()
    if adjustment is None:
        adjustment = Adjustment(
            stripe_id=obj["id"],
            donation=donation,
            kind=kind,
            event_created=0,
            created_at=timestamp(obj.get("created")) or timestamp(created),
        )
    if created >= adjustment.event_created:
        adjustment.event_created = created
        adjustment.status = obj.get("status", "") or ""
        adjustment.amount_pence = -int(obj["amount"]) if adjustment.status in money_out else 0
        adjustment.save()
        campaign_totals.gift_changed(donation)


def _apply_refund(donation: Donation, refund: dict, created: int) -> None:
    _record_adjustment(donation, refund, Adjustment.Kind.REFUND, created, REFUND_MONEY_OUT)


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
    donation = gift_for_charge(obj, "charge")
    donation.stripe_charge_id = donation.stripe_charge_id or obj.get("id", "")
    if int(obj.get("amount_refunded") or 0) > _refunded(donation):
        for refund in ask_stripe(
            f"the refunds of {obj['id']}",
            gateways.get_gateway().charge_refunds,
            charge_id=obj["id"],
        ):
            _apply_refund(donation, refund, created)
    donation.refunded_pence = _refunded(donation)
    donation.save()


def refund_changed(obj: dict, created: int) -> None:
    donation = gift_for_charge(obj, "refund")
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
    donation = gift_for_charge(obj, "dispute")
    _record_adjustment(donation, obj, Adjustment.Kind.DISPUTE, created, DISPUTE_LOST_OR_OPEN)
    donation.disputed = Adjustment.objects.filter(
        donation=donation, kind=Adjustment.Kind.DISPUTE, amount_pence__lt=0
    ).exists()
    donation.save(update_fields=["disputed"])


# --- Payouts ----------------------------------------------------------------------------------


def payout_paid(obj: dict, created: int) -> None:
    """Stripe paid money into the bank. Keep every line of the payout (its balance
    transactions), then join each to its gift; a gift we have not heard of yet is joined when
    its own event arrives (learn_payment), so the order of events never loses a fee."""
    for line in ask_stripe(
        f"the lines of payout {obj['id']}", gateways.get_gateway().payout_lines, payout_id=obj["id"]
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
    charges = [ch for ch in lines.values_list("charge_id", flat=True) if ch]
    for donation in Donation.objects.select_for_update().filter(
        Q(stripe_payment_intent_id__in=intents) | Q(stripe_charge_id__in=charges)
    ):
        join_payout(donation)
        donation.save(update_fields=["fee_pence", "net_pence", "payout_id", "stripe_charge_id"])


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
