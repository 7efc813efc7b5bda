"""Reconciliation with Stripe: fetch the events that never reached the webhook."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from pledges import gateway as gateways
from pledges.models import StripeEvent
from pledges.services.events import stripe_event_process, stripe_event_store
from pledges.stripe_events import HANDLERS


def stripe_reconcile(*, days: int | None = None) -> int:
    """Catch what never reached us: Stripe's own events of the last `days` days (the Events API
    keeps 30), re-ingested through the same inbox, so one we already have changes nothing.
    Returns how many events were new."""
    days = min(days or settings.STRIPE_RECONCILE_DAYS, 30)
    since = int(timezone.now().timestamp()) - days * 86400
    new = []
    for data in gateways.get_gateway().events_since(since=since, types=sorted(HANDLERS)):
        event, is_new = stripe_event_store(data, queue=False)
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
