"""The one way the site sends an email or a text message. Every app calls `send_email` (or
`send_to_person` for someone's own news); nothing else sends mail.

Each message is an OutboxMessage row written in the caller's transaction, then delivered by a
django-q2 task: through SMTP (EMAIL_URL, with EMAIL_TIMEOUT), or through GOV.UK Notify when
GOVUK_NOTIFY_API_KEY is set. With the ORM broker the task is queued in the same transaction, so
a rolled-back action sends nothing and a committed one always has its message waiting. A mail
server that is down never fails the caller: the row waits and `send_waiting` (every minute)
tries again with a growing pause, up to NOLIMITS_OUTBOX_MAX_ATTEMPTS, then marks it failed,
which the dashboards and /healthz report.

Subjects get the "[No Limits]" prefix here, so callers pass the plain subject.
"""

import logging
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nolimits import states
from nolimits.models import OutboxMessage

log = logging.getLogger("nolimits.mail")
PREFIX = "[No Limits] "
SMS_MAX_LENGTH = 918  # GOV.UK Notify's limit for one text message


def send_email(to: str | Iterable[str], subject: str, body: str) -> None:
    """Queue a plain-text email to one address or several."""
    queue_email(to, f"{PREFIX}{subject}", body)


def send_to_person(user, subject: str, body: str) -> None:
    """News for one person about their own things, the way they chose: a text message to their
    mobile when they asked for texts (and GOV.UK Notify is set up to send them), else email."""
    if (
        user.contact_by == user.ContactBy.TEXT
        and user.phone_number
        and settings.GOVUK_NOTIFY_API_KEY
    ):
        text = f"No Limits: {subject}\n\n{body}"
        if len(text) > SMS_MAX_LENGTH:
            text = text[: SMS_MAX_LENGTH - 1] + "…"
        _queue(OutboxMessage.Channel.TEXT, user.phone_number, subject, text)
    else:
        send_email(user.email, subject, body)


def queue_email(to: str | Iterable[str], subject: str, body: str) -> None:
    """Queue an email whose subject is final (allauth's, which carry their own prefix)."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    if not recipients:
        return
    # Notify sends to one address at a time: one row each, so a retry never repeats one.
    groups = [[r] for r in recipients] if settings.GOVUK_NOTIFY_API_KEY else [recipients]
    for group in groups:
        _queue(OutboxMessage.Channel.EMAIL, ", ".join(group), subject, body)


# --- The demo's history (impact.demo_history) --------------------------------------------------
_history = threading.local()


@contextmanager
def not_for_the_past():
    """Inside this block no message is queued. Only for the demo's history, which replays the
    services at past moments (`load_demo`): what they would have sent then is no news today,
    and nobody is there to read it."""
    _history.on = True
    try:
        yield
    finally:
        _history.on = False


def _queue(channel: str, to: str, subject: str, body: str) -> None:
    if getattr(_history, "on", False):
        return
    message = OutboxMessage.objects.create(channel=channel, to=to, subject=subject[:300], body=body)
    conf = settings.Q_CLUSTER
    if conf.get("sync") or conf.get("orm"):
        # The ORM broker's queue row is part of this transaction: it exists only if the caller's
        # work commits, and the worker sees it only then.
        _enqueue(message.pk)
    else:
        transaction.on_commit(lambda: _enqueue(message.pk), robust=True)


def _enqueue(message_id: int) -> None:
    from django_q.tasks import async_task

    async_task("nolimits.mail.deliver", message_id, task_name=f"outbox-{message_id}")


def deliver(message_id: int) -> None:
    """Send one waiting message (a django-q2 task). Never raises: a failure is recorded on the
    row and tried again later. A message is claimed before it is sent, so it is sent once."""
    now = timezone.now()
    Status = OutboxMessage.Status
    claimed = states.move_row(
        OutboxMessage,
        message_id,
        Status.PENDING,
        Status.SENDING,
        reason="Claimed by the worker",
        where={"next_attempt_at__lte": now},
        attempts=F("attempts") + 1,
        updated_at=now,
    )
    if not claimed:
        return
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        reference = _send(message)
    except Exception as exc:  # any failure of the mail server or Notify: record, retry later
        given_up = message.attempts >= settings.NOLIMITS_OUTBOX_MAX_ATTEMPTS
        pause = timedelta(
            seconds=settings.NOLIMITS_OUTBOX_FIRST_RETRY_SECONDS * 2 ** (message.attempts - 1)
        )
        error = f"{type(exc).__name__}: {exc}"[:2000]
        states.move_row(
            OutboxMessage,
            message_id,
            Status.SENDING,
            Status.FAILED if given_up else Status.PENDING,
            reason=(f"Gave up after {message.attempts} attempts" if given_up else "Will try again")
            + f": {type(exc).__name__}",
            last_error=error,
            next_attempt_at=timezone.now() + pause,
            updated_at=timezone.now(),
        )
        log.warning(
            "outbox message %s not sent (attempt %s): %s",
            message_id,
            message.attempts,
            type(exc).__name__,
        )
        return
    states.move_row(
        OutboxMessage,
        message_id,
        Status.SENDING,
        Status.SENT,
        reason="Sent",
        sent_at=timezone.now(),
        updated_at=timezone.now(),
        provider_reference=reference,
        last_error="",
    )


def send_waiting() -> int:
    """Scheduled every minute: send what is due, and free messages a dead worker left claimed."""
    now = timezone.now()
    stuck_before = now - timedelta(seconds=max(settings.EMAIL_TIMEOUT * 3, 300))
    stuck = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.SENDING, updated_at__lt=stuck_before
    ).values_list("pk", flat=True)
    for message_id in list(stuck):
        states.move_row(
            OutboxMessage,
            message_id,
            OutboxMessage.Status.SENDING,
            OutboxMessage.Status.PENDING,
            reason="Released: the worker that claimed it stopped",
            where={"updated_at__lt": stuck_before},
            updated_at=now,
        )
    due = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, next_attempt_at__lte=now
    ).values_list("pk", flat=True)[:200]
    sent = 0
    for message_id in list(due):
        deliver(message_id)
        sent += 1
    return sent


def _send(message: OutboxMessage) -> str:
    """Hand one message to SMTP or Notify; returns Notify's id for it (or "")."""
    if settings.GOVUK_NOTIFY_API_KEY:
        return _send_with_notify(message)
    if message.channel != OutboxMessage.Channel.EMAIL:
        raise RuntimeError("Text messages need GOV.UK Notify (GOVUK_NOTIFY_API_KEY).")
    connection = get_connection(settings.NOLIMITS_EMAIL_DELIVERY_BACKEND)
    EmailMessage(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        message.recipients,
        connection=connection,
    ).send()
    return ""


class OutboxBackend(BaseEmailBackend):
    """settings.EMAIL_BACKEND: whatever else in Django sends an email (allauth's confirmations
    and password resets) goes through the outbox too. Delivery uses the backend EMAIL_URL
    names (NOLIMITS_EMAIL_DELIVERY_BACKEND)."""

    def send_messages(self, email_messages):
        for message in email_messages:
            queue_email(message.recipients(), message.subject, message.body)
        return len(email_messages)


def notify_client():
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(
        settings.GOVUK_NOTIFY_API_KEY,
        base_url=settings.GOVUK_NOTIFY_BASE_URL,
        timeout=settings.EMAIL_TIMEOUT,
    )


def _send_with_notify(message: OutboxMessage) -> str:
    """Notify sends from templates: ours have ((subject)) and ((body)) and nothing else."""
    client = notify_client()
    reference = f"outbox-{message.pk}"
    if message.channel == OutboxMessage.Channel.TEXT:
        response = client.send_sms_notification(
            phone_number=message.to,
            template_id=settings.GOVUK_NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"body": message.body},
            reference=reference,
        )
    else:
        response = client.send_email_notification(
            email_address=message.to,
            template_id=settings.GOVUK_NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": message.subject, "body": message.body},
            reference=reference,
        )
    return str(response.get("id", ""))
