from django.db import models
from django.utils import timezone

from nolimits.states import StatusChange


class OutboxMessage(models.Model):
    """One email or text message, recorded in the sender's transaction and then delivered by a
    django-q2 task (nolimits.mail). Nothing is sent without a row here, so staff can see what
    went and what failed, and a message is never lost because the mail server was down."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email"
        TEXT = "text", "Text message"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to send"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed (gave up)"

    # A worker claims a waiting message, then it is sent, tried again later, or given up on; a
    # message a dead worker left claimed goes back to waiting.
    TRANSITIONS: dict[str, set[str]] = {
        Status.PENDING: {Status.SENDING},
        Status.SENDING: {Status.SENT, Status.PENDING, Status.FAILED},
        Status.SENT: set(),
        Status.FAILED: set(),
    }

    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.EMAIL)
    to = models.TextField(help_text="Email addresses (comma-separated) or a phone number.")
    subject = models.CharField(max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    provider_reference = models.CharField(
        max_length=100, blank=True, help_text="GOV.UK Notify's id for the message, if it sent it."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "outbox message"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.to}: {self.subject}"

    @property
    def recipients(self) -> list[str]:
        return [address.strip() for address in self.to.split(",") if address.strip()]


class OutboxStatusChange(StatusChange):
    """Each claim, send, retry and give-up of an outbox message."""

    message = models.ForeignKey(
        OutboxMessage, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=OutboxMessage.Status.choices)
    to_status = models.CharField(max_length=30, choices=OutboxMessage.Status.choices)

    class Meta(StatusChange.Meta):
        pass
