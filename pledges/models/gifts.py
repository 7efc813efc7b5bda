"""The ledger: a gift (one row per money movement, with its status table and history), the
refunds and disputes against it, and the payout lines that settle it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolimits.fund_movements import MovesTheFund
from nolimits.money import pounds
from nolimits.states import StatusChange
from pledges.models.common import CURRENCY, payment_method_label, yes_no
from pledges.models.pledges import Pledge


class Donation(MovesTheFund):
    """One gift of money: a month of a pledge, a campaign gift, or a payroll deduction."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", "Monthly pledge"
        CAMPAIGN = "campaign", "Campaign gift"
        PAYROLL = "payroll", "Payroll deduction"

    class Status(models.TextChoices):
        AWAITING_PAYMENT = "awaiting_payment", "Not paid yet"
        PROCESSING = "processing", "Processing (Direct Debit)"
        SUCCEEDED = "succeeded", "Received"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Not completed"

    # Every allowed change of a gift's status. A campaign gift starts not paid and is settled
    # once: paid (by card at once, by Bacs after processing), failed, or left unpaid. A received
    # gift stays received (a refund or a dispute is a negative line, not a status), and nothing
    # goes back to "not paid yet". Monthly and payroll gifts are made already received.
    TRANSITIONS: dict[str, set[str]] = {
        Status.AWAITING_PAYMENT: {
            Status.PROCESSING,
            Status.SUCCEEDED,
            Status.FAILED,
            Status.EXPIRED,
        },
        Status.PROCESSING: {Status.SUCCEEDED, Status.FAILED},
        Status.SUCCEEDED: set(),
        Status.FAILED: set(),
        Status.EXPIRED: set(),
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="donations"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    pledge = models.ForeignKey(
        Pledge, on_delete=models.PROTECT, null=True, blank=True, related_name="donations"
    )
    campaign = models.ForeignKey(
        "pledges.CampaignPage",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
    )
    amount_pence = models.PositiveIntegerField()
    currency = models.CharField(max_length=3, default=CURRENCY, editable=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.AWAITING_PAYMENT
    )
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_method_type = models.CharField(max_length=30, blank=True)

    stripe_checkout_session_id = models.CharField(
        max_length=255, unique=True, null=True, blank=True
    )
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    stripe_customer_id = models.CharField(max_length=255, blank=True)
    stripe_charge_id = models.CharField(max_length=255, blank=True)
    fee_pence = models.IntegerField(null=True, blank=True)
    net_pence = models.IntegerField(null=True, blank=True)
    payout_id = models.CharField(max_length=255, blank=True)

    payroll_month = models.DateField(null=True, blank=True)
    refunded_pence = models.PositiveIntegerField(default=0)
    disputed = models.BooleanField(default=False)
    gift_aid_claim = models.ForeignKey(
        "pledges.GiftAidClaim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="donations",
    )

    FUND_FIELDS = ("status", "amount_pence")

    def fund_share(self) -> tuple[int, int, int]:
        """A received gift is in the fund (from its paid date: grants.fund.fund_balance)."""
        return (self.amount_pence if self.status == self.Status.SUCCEEDED else 0, 0, 0)

    class Meta:
        ordering = ["-paid_at", "-created_at"]
        indexes = [
            # The gifts list, newest first, reads a page without sorting every gift.
            models.Index(fields=["-paid_at", "-created_at"], name="pledges_gift_newest_first"),
            models.Index(fields=["status", "paid_at"]),
            models.Index(fields=["kind", "status"]),
            # One giver's gifts (My giving, statements): without it the database reads every
            # received gift through (status, paid_at) to find one giver's, a cost that grows
            # with the whole fund (issue 17: 6 ms of My giving's 19 at 10,000 gifts).
            models.Index(fields=["donor", "status", "paid_at"], name="pledges_gift_by_donor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="donation_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["pledge", "payroll_month"], name="one_payroll_gift_per_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{pounds(self.amount_pence)} {self.get_kind_display().lower()} from {self.donor}"

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence)

    @property
    def payment_method_label(self) -> str:
        return payment_method_label(self.payment_method_type)

    def amount_exact(self) -> str:
        return pounds(self.amount_pence, exact=True)

    amount_exact.short_description = "Amount"

    def refunded(self) -> str:
        return pounds(self.refunded_pence, exact=True)

    refunded.short_description = "Refunded"

    def is_disputed(self) -> str:
        return yes_no(self.disputed)

    is_disputed.short_description = "Disputed"

    def paid_by(self) -> str:
        return payment_method_label(self.payment_method_type)

    paid_by.short_description = "Paid by"

    @property
    def receipt_number(self) -> str:
        """Only a gift that was received has a receipt, so only it has a receipt number."""
        if self.status != self.Status.SUCCEEDED or self.pk is None:
            return ""
        return f"NL-{self.pk:07d}"


class DonationStatusChange(StatusChange):
    """Who or what changed a gift's status, when and why."""

    donation = models.ForeignKey(Donation, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Donation.Status.choices)
    to_status = models.CharField(max_length=30, choices=Donation.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class Adjustment(MovesTheFund):
    """A negative line in the ledger: a refund or a dispute, unique on its Stripe id."""

    class Kind(models.TextChoices):
        REFUND = "refund", "Refund"
        DISPUTE = "dispute", "Dispute"

    donation = models.ForeignKey(Donation, on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    stripe_id = models.CharField(max_length=255, unique=True)
    amount_pence = models.IntegerField(help_text="Negative: money leaving the fund")
    status = models.CharField(max_length=40, blank=True)
    event_created = models.PositiveBigIntegerField(
        default=0, help_text="created time of the latest event applied"
    )
    created_at = models.DateTimeField(default=timezone.now)

    FUND_FIELDS = ("amount_pence",)

    def fund_share(self) -> tuple[int, int, int]:
        return (self.amount_pence, 0, 0)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {pounds(-self.amount_pence)}"


class PayoutLine(models.Model):
    """One line of a Stripe payout (a balance transaction), kept even when its gift is not known
    yet: the gift's fee, net and payout are joined from here whenever the gift appears."""

    balance_transaction_id = models.CharField(max_length=255, unique=True)
    payout_id = models.CharField(max_length=255, db_index=True)
    type = models.CharField(max_length=40)
    charge_id = models.CharField(max_length=255, blank=True)
    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_pence = models.IntegerField()
    fee_pence = models.IntegerField()
    net_pence = models.IntegerField()

    class Meta:
        ordering = ["payout_id", "balance_transaction_id"]

    def __str__(self) -> str:
        return f"{self.payout_id}: {self.type} {pounds(self.net_pence)}"
