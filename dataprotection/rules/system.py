"""What the site keeps about its own work: the email outbox, Stripe's event payloads, and the
audit logs of who did and saw what."""

from django.conf import settings

from wagtail.models import ModelLogEntry

from dataprotection.rules.common import Due, days_after, due_by, latest_possible
from grants.models import ApplicationLogEntry
from nolimits.models import OutboxMessage
from pledges.models import StripeEvent

FINISHED_MESSAGES = [OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED]
FINISHED_EVENTS = [
    StripeEvent.Status.PROCESSED,
    StripeEvent.Status.IGNORED,
    StripeEvent.Status.SET_ASIDE,
]


def outbox_due(until) -> list[Due]:
    days = settings.RETENTION_OUTBOX_DAYS
    records = OutboxMessage.objects.filter(
        status__in=FINISHED_MESSAGES, created_at__lt=latest_possible(until, days)
    ).only("pk", "created_at")
    return due_by(
        records, lambda m: days_after(m.created_at, days), lambda m: f"Message #{m.pk}", until
    )


def outbox_delete(due: list[Due], today) -> int:
    return (
        OutboxMessage.objects.filter(pk__in=[d.pk for d in due])
        .delete()[1]
        .get(OutboxMessage._meta.label, 0)
    )


def stripe_events_due(until) -> list[Due]:
    days = settings.RETENTION_STRIPE_EVENT_DAYS
    records = (
        StripeEvent.objects.filter(
            status__in=FINISHED_EVENTS, received_at__lt=latest_possible(until, days)
        )
        .exclude(payload={})
        .only("pk", "received_at", "event_id")
    )
    return due_by(records, lambda e: days_after(e.received_at, days), lambda e: e.event_id, until)


def stripe_events_empty(due: list[Due], today) -> int:
    """The event's id, type, times and status stay (so a late duplicate is still recognised);
    the payload, which holds the customer's name and email address, goes."""
    return StripeEvent.objects.filter(pk__in=[d.pk for d in due]).update(payload={}, error="")


def log_entries_due(model, until, prefix) -> list[Due]:
    days = settings.RETENTION_AUDIT_LOG_DAYS
    records = model.objects.filter(timestamp__lt=latest_possible(until, days)).only(
        "pk", "timestamp"
    )
    return due_by(
        records, lambda e: days_after(e.timestamp, days), lambda e: f"{prefix} #{e.pk}", until
    )


def audit_log_due(until) -> list[Due]:
    return log_entries_due(ModelLogEntry, until, "Log entry")


def audit_log_delete(due: list[Due], today) -> int:
    return ModelLogEntry.objects.filter(pk__in=[d.pk for d in due]).delete()[0]


def application_log_due(until) -> list[Due]:
    return log_entries_due(ApplicationLogEntry, until, "Application log entry")


def application_log_delete(due: list[Due], today) -> int:
    return ApplicationLogEntry.objects.filter(pk__in=[d.pk for d in due]).delete()[0]
