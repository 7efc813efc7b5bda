"""A monthly pledge (with its status table) and its history."""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from nolimits.money import pounds
from nolimits.states import StatusChange
from pledges.models.common import CURRENCY, payment_method_label

EMPLOYEE_NUMBER_RE = r"^[A-Za-z]{0,3}[0-9]{4,10}$"


class Pledge(models.Model):
    """A promise to give every month, by Stripe (card or Bacs Direct Debit) or by payroll."""

    class Method(models.TextChoices):
        STRIPE = "stripe", "Card or Direct Debit"
        PAYROLL = "payroll", "From my pay"

    class Status(models.TextChoices):
        AWAITING_CHECKOUT = "awaiting_checkout", "Not set up yet"
        PENDING = "pending", "Waiting for the first payment"
        ACTIVE = "active", "Active"
        PAYMENT_FAILED = "payment_failed", "Payment failed"
        PAUSED = "paused", "Paused"
        CANCELLED = "cancelled", "Cancelled"
        ABANDONED = "abandoned", "Not completed"

    # Every allowed change of status, in one place. Stripe's events may arrive in any order, so a
    # pledge can skip states; cancelled and abandoned are final.
    TRANSITIONS: dict[str, set[str]] = {
        Status.AWAITING_CHECKOUT: {
            Status.PENDING, Status.ACTIVE, Status.PAYMENT_FAILED, Status.PAUSED,
            Status.CANCELLED, Status.ABANDONED,
        },
        Status.PENDING: {Status.ACTIVE, Status.PAYMENT_FAILED, Status.PAUSED, Status.CANCELLED},
        Status.ACTIVE: {Status.PAYMENT_FAILED, Status.PAUSED, Status.CANCELLED},
        Status.PAYMENT_FAILED: {Status.ACTIVE, Status.PAUSED, Status.CANCELLED},
        Status.PAUSED: {Status.ACTIVE, Status.PAYMENT_FAILED, Status.CANCELLED},
        Status.CANCELLED: set(),
        Status.ABANDONED: set(),
    }  # fmt: skip

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="pledges"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    amount_pence = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default=CURRENCY, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_CHECKOUT
    )
    created_at = models.DateTimeField(default=timezone.now)

    # Stripe facts, each set idempotently by events (see stripe_events.py).
    stripe_checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_subscription_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_subscription_status = models.CharField(max_length=30, blank=True)
    stripe_status_at = models.PositiveBigIntegerField(
        default=0, help_text="created time of the event that set the status"
    )
    payment_method_type = models.CharField(max_length=30, blank=True)  # card, bacs_debit
    stripe_payment_method_id = models.CharField(max_length=255, blank=True)
    checkout_completed_at = models.DateTimeField(null=True, blank=True)
    checkout_expired_at = models.DateTimeField(null=True, blank=True)
    next_payment_on = models.DateField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=255, blank=True)

    # Payroll facts.
    employee_number = models.CharField(
        max_length=13, blank=True, validators=[RegexValidator(EMPLOYEE_NUMBER_RE)]
    )
    payroll_start_month = models.DateField(
        null=True, blank=True, help_text="First day of the first month"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "method"])]
        permissions = [("view_payroll", "Can see payroll pledges and deductions")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="pledge_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(method="payroll")
                | (~models.Q(employee_number="") & models.Q(payroll_start_month__isnull=False)),
                name="payroll_pledge_has_employee_number_and_start",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{pounds(self.amount_pence)} a month from {self.donor} ({self.get_status_display()})"
        )

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence)

    @property
    def payment_method_label(self) -> str:
        return payment_method_label(self.payment_method_type)

    def monthly_amount(self) -> str:
        return pounds(self.amount_pence, exact=True)

    monthly_amount.short_description = "Amount a month"

    def paid_by(self) -> str:
        if self.method == self.Method.PAYROLL:
            return "From pay"
        return payment_method_label(self.payment_method_type)

    paid_by.short_description = "Paid by"

    @property
    def is_live(self) -> bool:
        return self.status in {
            self.Status.PENDING,
            self.Status.ACTIVE,
            self.Status.PAYMENT_FAILED,
            self.Status.PAUSED,
        }


class PledgeStatusChange(StatusChange):
    """Who or what changed a pledge's status, when and why."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Pledge.Status.choices)
    to_status = models.CharField(max_length=30, choices=Pledge.Status.choices)

    class Meta(StatusChange.Meta):
        pass
