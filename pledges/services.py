"""Every action that changes giving data. Views, the webhook, admin screens and tasks call these."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

import stripe
from django_q.tasks import async_task

from nolimits import states
from nolimits.models import User
from pledges import emails, permissions
from pledges import gateway as gateways
from pledges.models import (
    Donation,
    GiftAidDeclaration,
    GivingSettings,
    PayrollRun,
    Pledge,
    StripeEvent,
)
from pledges.stripe_events import HANDLERS, NotReady

log = logging.getLogger(__name__)
# A failed event is retried with growing gaps (5 minutes, doubling, at most 6 hours) for about
# four days; after that it stays failed and is shown to finance (dashboard panel, Stripe events).
MAX_EVENT_ATTEMPTS = 25
RETRY_FIRST_GAP = dt.timedelta(minutes=5)
RETRY_MAX_GAP = dt.timedelta(hours=6)


class BadWebhook(Exception):
    """The request is not a genuine, fresh Stripe event."""


@dataclass(frozen=True)
class DeclarationDetails:
    title: str
    first_name: str
    last_name: str
    house_name_or_number: str
    postcode: str


# --- Pledges ----------------------------------------------------------------------------------


def _check_amount(amount_pence: int, low: int, high: int) -> None:
    if not low <= amount_pence <= high:
        raise ValidationError(f"Enter an amount between £{low / 100:.2f} and £{high / 100:.2f}.")


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
    _check_amount(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
    with transaction.atomic():
        pledge = Pledge(donor=donor, method=Pledge.Method.STRIPE, amount_pence=amount_pence)
        pledge.stripe_customer_id = donor_stripe_customer(donor)
        pledge.full_clean()
        pledge.save()
        if declaration:
            declaration_make(
                donor=donor, details=declaration, charity_name=charity_name, for_pledge=pledge
            )
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


def payroll_pledge_create(
    *,
    donor: User,
    amount_pence: int,
    employee_number: str,
    start_month: dt.date,
    limits: GivingSettings,
) -> Pledge:
    if donor.kind != User.Kind.STAFF:
        raise ValidationError("Giving from your pay is for council staff.")
    _check_amount(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
    with transaction.atomic():
        pledge = Pledge(
            donor=donor,
            method=Pledge.Method.PAYROLL,
            amount_pence=amount_pence,
            employee_number=employee_number.upper(),
            payroll_start_month=start_month.replace(day=1),
        )
        pledge.full_clean()
        pledge.save()
        pledge_refresh_status(pledge=pledge, by=donor, reason="Payroll pledge made")
    return pledge


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
    _check_amount(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
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
        transaction.on_commit(lambda: emails.pledge_cancelled(pledge.pk))


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


# --- Campaign gifts ---------------------------------------------------------------------------


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
    _check_amount(amount_pence, limits.minimum_gift_pence, limits.maximum_gift_pence)
    with transaction.atomic():
        donation = Donation(
            donor=donor,
            kind=Donation.Kind.CAMPAIGN,
            campaign=campaign,
            amount_pence=amount_pence,
            stripe_customer_id=donor_stripe_customer(donor),
        )
        donation.full_clean()
        donation.save()
        if declaration:
            declaration_make(
                donor=donor, details=declaration, charity_name=charity_name, for_donation=donation
            )
    try:
        checkout = gateways.get_gateway().payment_checkout(
            donation=donation,
            title=f"Gift to {campaign.title}",
            success_url=success_url(donation),
            cancel_url=cancel_url,
        )
    except gateways.GatewayUnavailable:
        donation.status = Donation.Status.EXPIRED
        donation.save(update_fields=["status"])
        raise
    donation.stripe_checkout_session_id = checkout.session_id
    donation.save(update_fields=["stripe_checkout_session_id"])
    return donation, checkout.url


# --- Gift Aid ---------------------------------------------------------------------------------


def declaration_in_force(donor: User) -> GiftAidDeclaration | None:
    return (
        donor.gift_aid_declarations.made()
        .filter(cancelled_at__isnull=True)
        .order_by("-declared_at")
        .first()
    )


@transaction.atomic
def declaration_make(
    *,
    donor: User,
    details: DeclarationDetails,
    charity_name: str,
    for_pledge: Pledge | None = None,
    for_donation: Donation | None = None,
) -> GiftAidDeclaration:
    """Record a declaration; one already in force is kept, marked as replaced. Made on the way
    to Checkout (for_pledge / for_donation), it waits: it takes effect, and replaces the one in
    force, only when that pledge or gift succeeds (stripe_events), and leaving Checkout deletes it."""
    now = timezone.now()
    waiting = for_pledge is not None or for_donation is not None
    if not waiting:
        for old in (
            donor.gift_aid_declarations.made().select_for_update().filter(cancelled_at__isnull=True)
        ):
            old.cancelled_at = now
            old.cancellation_reason = "Replaced by a new declaration"
            old.save(update_fields=["cancelled_at", "cancellation_reason"])
    declaration = GiftAidDeclaration(
        awaiting_payment=waiting,
        for_pledge=for_pledge,
        for_donation=for_donation,
        donor=donor,
        wording=GiftAidDeclaration.WORDING.format(charity=charity_name),
        charity_name=charity_name,
        title=details.title.strip(),
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        house_name_or_number=details.house_name_or_number.strip(),
        postcode=details.postcode.strip().upper(),
        declared_at=now,
    )
    declaration.full_clean()
    declaration.save()
    return declaration


@transaction.atomic
def declaration_cancel(*, donor: User, reason: str) -> None:
    declaration = declaration_in_force(donor)
    if declaration is None:
        raise ValidationError("You have no Gift Aid declaration to cancel.")
    declaration.cancelled_at = timezone.now()
    declaration.cancellation_reason = reason[:255] or "Cancelled by the donor"
    declaration.save(update_fields=["cancelled_at", "cancellation_reason"])


# --- Payroll ----------------------------------------------------------------------------------


def payroll_pledges_for(month: dt.date):
    """Payroll pledges that take a deduction in `month` (first day of the month)."""
    from django.db.models import Q

    next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    end = dt.datetime.combine(next_month, dt.time.min, tzinfo=timezone.get_default_timezone())
    return (
        Pledge.objects.filter(method=Pledge.Method.PAYROLL, payroll_start_month__lte=month)
        .filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=end))
        .select_related("donor")
        .order_by("employee_number", "pk")
    )


def payroll_pay_date(month: dt.date) -> dt.datetime:
    """When a month's payroll gifts are paid: the last day of the month (at noon). A payroll gift
    is dated on its pay date and counts in the fund only from then."""
    last_day = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(12)))


@transaction.atomic
def payroll_run_confirm(*, month: dt.date, by: User) -> PayrollRun:
    """Finance confirms payroll took the month's deductions: one gift per pledge, never Gift Aided."""
    if not by.has_perm("pledges.add_payrollrun"):
        raise PermissionDenied("Only Finance can confirm a payroll run.")
    month = month.replace(day=1)
    if PayrollRun.objects.filter(month=month).exists():
        raise ValidationError(f"Payroll for {month:%B %Y} has already been confirmed.")
    paid_at = payroll_pay_date(month)
    if paid_at > timezone.now():
        raise ValidationError(
            f"Payroll for {month:%B %Y} is paid on {timezone.localtime(paid_at):%-d %B %Y}: "
            "confirm it once that day has come and the deductions have been taken."
        )
    gifts = [
        Donation(
            donor=p.donor,
            kind=Donation.Kind.PAYROLL,
            pledge=p,
            amount_pence=p.amount_pence,
            status=Donation.Status.SUCCEEDED,
            paid_at=paid_at,
            payroll_month=month,
            payment_method_type="payroll",
        )
        for p in payroll_pledges_for(month)
    ]
    Donation.objects.bulk_create(gifts)
    return PayrollRun.objects.create(
        month=month,
        confirmed_by=by,
        gift_count=len(gifts),
        total_pence=sum(g.amount_pence for g in gifts),
    )


# --- Stripe events ----------------------------------------------------------------------------

# An event created further in the future than this is not from a clock we can trust.
FUTURE_TOLERANCE_SECONDS = 300


def _expected_livemode() -> bool:
    """Live keys (sk_live_, rk_live_) receive live events; test keys and the demo, test ones."""
    return "_live_" in (settings.STRIPE_SECRET_KEY or "")


def _set_aside_reason(data: dict) -> str:
    """Why an event is not from our Stripe set-up, in plain words for finance; "" if it is."""
    version = data.get("api_version")
    if version != stripe.api_version:
        return (
            f"This event was sent in Stripe API version {version or 'unknown'}, but this site "
            f"reads {stripe.api_version}. Set the webhook endpoint's API version to "
            f"{stripe.api_version} in the Stripe Dashboard."
        )
    if bool(data.get("livemode")) != _expected_livemode():
        mode, key = ("live", "test") if data.get("livemode") else ("test", "live")
        return (
            f"This is a {mode} event but the site uses a {key} key: check that the webhook "
            "endpoint and STRIPE_SECRET_KEY belong to the same Stripe mode."
        )
    if data["created"] > time.time() + FUTURE_TOLERANCE_SECONDS:
        return (
            "This event says it was created in the future; check the server's clock and where "
            "the event came from."
        )
    return ""


def _parse_event(payload: bytes) -> dict:
    data = json.loads(payload)
    if not isinstance(data, dict) or data.get("object") != "event":
        raise ValueError("not an event")
    event_id, type_, created = data["id"], data["type"], data["created"]
    inner = data.get("data")
    if not (
        isinstance(event_id, str)
        and 0 < len(event_id) <= 255
        and isinstance(type_, str)
        and 0 < len(type_) <= 100
    ):
        raise ValueError("not an event")
    if not (
        isinstance(created, int)
        and created >= 0
        and isinstance(inner, dict)
        and isinstance(inner.get("object"), dict)
    ):
        raise ValueError("not an event")
    return data


def _store_event(data: dict, *, queue: bool) -> tuple[StripeEvent, bool]:
    """Store an event by its id (the inbox). A repeat changes nothing. Returns (event, is_new)."""
    reason = _set_aside_reason(data)
    try:
        with transaction.atomic():
            event = StripeEvent.objects.create(
                event_id=data["id"],
                type=data["type"],
                created=data["created"],
                livemode=bool(data.get("livemode")),
                payload=data,
                status=StripeEvent.Status.SET_ASIDE if reason else StripeEvent.Status.PENDING,
                error=reason,
            )
            if queue and not reason:
                # Same database as the queue: the task row commits or rolls back with the event.
                async_task(
                    "pledges.tasks.process_stripe_event",
                    event.pk,
                    task_name=f"stripe {data['id']}"[:100],
                )
    except IntegrityError:
        existing = StripeEvent.objects.filter(event_id=data["id"]).first()
        if existing is None:  # a different constraint failed: not a repeat we know
            raise BadWebhook("could not store the event") from None
        return existing, False
    if reason:
        log.warning("Stripe event %s set aside: %s", data["id"], reason)
    return event, True


def stripe_event_ingest(
    *, payload: bytes, signature: str | None, secret: str
) -> tuple[StripeEvent, bool]:
    """Verify, then store the event by its id before anything else. Returns (event, is_new).
    An event from the wrong place (another API version, the other Stripe mode, a future time)
    is stored but set aside with its reason, for finance to see; it is never processed."""
    if not signature:
        raise BadWebhook("missing Stripe-Signature header")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), signature, secret, tolerance=300
        )
        data = _parse_event(payload)
    except (
        stripe.SignatureVerificationError,
        UnicodeDecodeError,
        ValueError,
        KeyError,
        TypeError,
    ) as exc:
        raise BadWebhook(str(exc)) from exc
    return _store_event(data, queue=True)


def stripe_event_process(*, event_pk: int) -> str:
    """Apply one stored event. Idempotent; a failure is kept for a later retry."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_pk)
        if event.status in (
            StripeEvent.Status.PROCESSED,
            StripeEvent.Status.IGNORED,
            StripeEvent.Status.SET_ASIDE,
        ):
            return event.status
        handler = HANDLERS.get(event.type)
        event.attempts += 1
        if handler is None:
            event.status = StripeEvent.Status.IGNORED
        else:
            try:
                with transaction.atomic():
                    obj = event.payload["data"]["object"]
                    pledge = handler(obj, event.created)
                    if pledge is not None:
                        pledge_refresh_status(pledge=pledge, reason=f"Stripe: {event.type}")
                event.status = StripeEvent.Status.PROCESSED
                event.error = ""
            except NotReady as exc:
                event.status = StripeEvent.Status.FAILED
                event.error = f"Not ready: {exc}"
            except Exception as exc:  # kept and retried; never lost
                log.exception("Stripe event %s failed", event.event_id)
                event.status = StripeEvent.Status.FAILED
                event.error = f"{type(exc).__name__}: {exc}"[:2000]
        event.processed_at = timezone.now()
        event.save()
        return event.status


def retry_gap(attempts: int) -> dt.timedelta:
    return min(RETRY_FIRST_GAP * (2 ** max(attempts - 1, 0)), RETRY_MAX_GAP)


def stripe_events_retry_failed(*, now: dt.datetime | None = None) -> int:
    """Retry failed events whose next try is due. Returns how many were retried."""
    now = now or timezone.now()
    retried = 0
    failed = StripeEvent.objects.filter(
        status=StripeEvent.Status.FAILED, attempts__lt=MAX_EVENT_ATTEMPTS
    )
    for pk, attempts, last in failed.values_list("pk", "attempts", "processed_at"):
        if last is None or now - last >= retry_gap(attempts):
            stripe_event_process(event_pk=pk)
            retried += 1
    return retried


def stripe_events_needing_attention() -> int:
    """Events finance should look at: failed for days, or set aside as from the wrong place."""
    return StripeEvent.objects.filter(
        Q(status=StripeEvent.Status.FAILED, attempts__gte=MAX_EVENT_ATTEMPTS)
        | Q(status=StripeEvent.Status.SET_ASIDE)
    ).count()


def stripe_reconcile(*, days: int | None = None) -> int:
    """Catch what never reached us: Stripe's own events of the last `days` days (the Events API
    keeps 30), re-ingested through the same inbox, so one we already have changes nothing.
    Returns how many events were new."""
    days = min(days or settings.STRIPE_RECONCILE_DAYS, 30)
    since = int(timezone.now().timestamp()) - days * 86400
    new = []
    for data in gateways.get_gateway().events_since(since=since, types=sorted(HANDLERS)):
        event, is_new = _store_event(data, queue=False)
        if is_new and event.status == StripeEvent.Status.PENDING:
            new.append(event.pk)
    # In any order: an event about something not seen yet is applied on a later pass.
    waiting = new
    while waiting:
        for pk in waiting:
            stripe_event_process(event_pk=pk)
        still = list(
            StripeEvent.objects.filter(
                pk__in=waiting, status=StripeEvent.Status.FAILED
            ).values_list("pk", flat=True)
        )
        if len(still) == len(waiting):
            break  # no progress: the retry job takes it from here
        waiting = still
    return len(new)


# --- Gift Aid claims and payroll exports -------------------------------------------------------


def gift_aid_claim_prepare(
    *,
    start: dt.date,
    end: dt.date,
    by: User | None,
    mark_claimed: bool = True,
    write: Callable[[list], object] | None = None,
):
    """The HMRC schedule rows for unclaimed eligible gifts in [start, end]. With mark_claimed,
    the gifts are recorded on a new claim in the same transaction, so they are never claimed twice.
    `write(rows)` writes the schedule files inside that transaction, before it commits: if writing
    fails, nothing is marked claimed, and a re-run finds the same gifts and writes the same files."""
    from pledges import giftaid_schedule as schedule
    from pledges.models import GiftAidClaim
    from pledges.selectors import gift_aid_claimable

    if end < start:
        raise ValidationError("The end date must be on or after the start date.")
    with transaction.atomic():
        gifts, ids = [], []
        for item in gift_aid_claimable(start, end):
            declaration = item.declaration
            gifts.append(
                schedule.Gift(
                    donation_id=item.donation_id,
                    title=declaration.title,
                    first_name=declaration.first_name,
                    last_name=declaration.last_name,
                    house=declaration.house_name_or_number,
                    postcode=declaration.postcode,
                    date=timezone.localdate(item.paid_at),
                    amount_pence=item.amount_pence,
                )
            )
            ids.append(item.donation_id)
        rows = schedule.schedule_rows(gifts)
        claim = None
        if mark_claimed and ids:
            claim = GiftAidClaim.objects.create(
                reference=f"GA-{start:%Y%m%d}-{end:%Y%m%d}-{timezone.now():%H%M%S%f}",
                period_start=start,
                period_end=end,
                created_by=by,
                total_pence=sum(g.amount_pence for g in gifts),
            )
            marked = 0
            for chunk_start in range(0, len(ids), 5000):
                marked += Donation.objects.filter(
                    pk__in=ids[chunk_start : chunk_start + 5000], gift_aid_claim__isnull=True
                ).update(gift_aid_claim=claim)
            if marked != len(ids):
                # Another claim took some of these gifts meanwhile: write nothing, claim nothing.
                raise ValidationError(
                    "Some of these gifts were claimed by another run just now. Run the command again."
                )
        if write is not None and rows:
            write(rows)
    return rows, claim


def payroll_export_rows(*, month: dt.date) -> list[dict]:
    return [
        {
            "employee_number": p.employee_number,
            "name": p.donor.full_name,
            "amount": f"{p.amount_pence / 100:.2f}",
            "month": f"{month:%Y-%m}",
            "pledge_reference": str(p.uuid),
        }
        for p in payroll_pledges_for(month.replace(day=1))
    ]
