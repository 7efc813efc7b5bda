"""The Stripe inbox: verify and store each event by its id, apply it once, retry what failed."""

from __future__ import annotations

import datetime as dt
import json
import logging
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

import stripe
from django_q.tasks import async_task

from nolimits import states
from pledges.models import StripeEvent
from pledges.services.pledges import pledge_refresh_status
from pledges.stripe_events import HANDLERS, NotReady

log = logging.getLogger(__name__)
# A failed event is retried with growing gaps (5 minutes, doubling, at most 6 hours) for about
# four days; after that it stays failed and is shown to finance (dashboard panel, Stripe events).
MAX_EVENT_ATTEMPTS = 25
RETRY_FIRST_GAP = dt.timedelta(minutes=5)
RETRY_MAX_GAP = dt.timedelta(hours=6)
# An event created further in the future than this is not from a clock we can trust.
FUTURE_TOLERANCE_SECONDS = 300


class BadWebhook(Exception):
    """The request is not a genuine, fresh Stripe event."""


def _expected_livemode() -> bool:
    """Live keys (sk_live_, rk_live_) receive live events; test keys and the demo, test ones."""
    return "_live_" in (settings.STRIPE_SECRET_KEY or "")


def _set_aside_reason(data: dict) -> str:
    """Why an event is not from our Stripe set-up, in plain words for finance; "" if it is."""
    version = data.get("api_version")
    if version != stripe.api_version:
        return (
            f"This event was sent in Stripe API version {version or 'unknown'}, but this site "
            f"reads {stripe.api_version}. In the Stripe Dashboard set the webhook endpoint's "
            f"API version to {stripe.api_version}; events the daily reconciliation fetches "
            "come in the account's default API version, so upgrade that to it too."
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


def stripe_event_store(data: dict, *, queue: bool) -> tuple[StripeEvent, bool]:
    """Store an event by its id (the inbox). A repeat changes nothing. Returns (event, is_new).
    With `queue`, a task to apply it is queued in the same transaction."""
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
    return stripe_event_store(data, queue=True)


def stripe_event_process(*, event_pk: int) -> str:
    """Apply one stored event. Idempotent; a failure is kept for a later retry. The row is
    locked while it is applied, so two workers never apply the same event."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().get(pk=event_pk)
        if not states.next_states(event):  # processed, ignored or set aside: nothing to do
            return event.status
        handler = HANDLERS.get(event.type)
        event.attempts += 1
        if handler is None:
            to, event.error = StripeEvent.Status.IGNORED, ""
        else:
            try:
                with transaction.atomic():
                    pledge = handler(event.payload["data"]["object"], event.created)
                    if pledge is not None:
                        pledge_refresh_status(pledge=pledge, reason=f"Stripe: {event.type}")
                to, event.error = StripeEvent.Status.PROCESSED, ""
            except NotReady as exc:
                to, event.error = StripeEvent.Status.FAILED, f"Not ready: {exc}"
            except Exception as exc:  # kept and retried; never lost
                log.exception("Stripe event %s failed", event.event_id)
                to, event.error = StripeEvent.Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000]
        event.processed_at = timezone.now()
        changed = ["attempts", "error", "processed_at"]
        if to == event.status:  # a retry that failed again: the count and the reason change
            event.save(update_fields=changed)
        else:
            states.move(event, to, reason=event.error or f"Applied {event.type}", also_save=changed)
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
