"""Stripe: every event received (with its status table and history), and the Product our monthly
prices hang off."""

from django.db import models
from django.utils import timezone

from nolimits.states import StatusChange


class StripeEvent(models.Model):
    """Every Stripe event we received, stored by its id before anything else happens."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting"
        PROCESSED = "processed", "Processed"
        IGNORED = "ignored", "Not a type we handle"
        FAILED = "failed", "Failed (will be retried)"
        SET_ASIDE = "set_aside", "Set aside: not from our Stripe set-up"

    # Stored as waiting (or set aside, never applied); applied once. A failure is retried until
    # it is applied; an applied, ignored or set-aside event is never applied again.
    TRANSITIONS: dict[str, set[str]] = {
        Status.PENDING: {Status.PROCESSED, Status.IGNORED, Status.FAILED},
        Status.FAILED: {Status.PROCESSED, Status.IGNORED},
        Status.PROCESSED: set(),
        Status.IGNORED: set(),
        Status.SET_ASIDE: set(),
    }

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    created = models.PositiveBigIntegerField(help_text="Stripe's created time (Unix seconds)")
    livemode = models.BooleanField(default=False)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"

    @property
    def reason(self) -> str:
        """Why it failed or was set aside, in plain words (shown to finance)."""
        return self.error or "–"


class StripeEventStatusChange(StatusChange):
    """When a Stripe event was applied, ignored or failed, and why."""

    event = models.ForeignKey(StripeEvent, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=StripeEvent.Status.choices)
    to_status = models.CharField(max_length=30, choices=StripeEvent.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class StripeProduct(models.Model):
    """The Stripe Product our monthly prices hang off, created once (price_data needs its id)."""

    key = models.CharField(max_length=50, unique=True)
    product_id = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.key}: {self.product_id}"
