"""Time a volunteer gave, and the expense claims (with private receipts) made on it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolimits.files import private_name, private_storage
from nolimits.states import StatusChange
from volunteers.models.volunteers import Volunteer


class VolunteerSession(models.Model):
    """Time a volunteer gave: a date, how long and what they did. Whether it was with their
    young person is the matching app's record (matching.models.MatchSession), kept above."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    what_happened = models.TextField(max_length=2000)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.volunteer} on {self.date:%d %b %Y} ({self.minutes} minutes)"


def receipt_path(instance, filename: str) -> str:
    return private_name("receipts", instance.receipt_content_type)


class ExpenseClaim(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", "Mileage"
        OTHER = "other", "Other costs (with a receipt)"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    # A coordinator decides a waiting claim once (volunteers.services.expense_decide).
    TRANSITIONS: dict[str, set[str]] = {
        Status.WAITING: {Status.APPROVED, Status.REFUSED},
        Status.APPROVED: set(),
        Status.REFUSED: set(),
    }

    session = models.ForeignKey(VolunteerSession, on_delete=models.PROTECT, related_name="expenses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=200)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    amount_pence = models.PositiveIntegerField()
    receipt = models.FileField(upload_to=receipt_path, storage=private_storage, blank=True)
    receipt_content_type = models.CharField(max_length=50, blank=True)
    # The receipt's download address uses this unguessable key, never the row's number.
    receipt_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-claimed_at"]
        permissions = [("decide_expenses", "Can approve or refuse expense claims")]

    def __str__(self) -> str:
        return (
            f"£{self.amount_pence / 100:.2f} {self.get_kind_display().lower()} for {self.session}"
        )


class ExpenseClaimStatusChange(StatusChange):
    """Who approved or refused an expense claim, when and why."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=ExpenseClaim.Status.choices)
    to_status = models.CharField(max_length=30, choices=ExpenseClaim.Status.choices)

    class Meta(StatusChange.Meta):
        pass
