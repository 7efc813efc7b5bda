"""Giving money: pledges, gifts (one row per money movement), Gift Aid, payroll, Stripe events.

Money is integer pence in GBP. Every money row is unique on its Stripe id, so an event that
arrives twice, late or out of order cannot count the same money twice.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from nolimits.blocks import BaseStreamBlock
from nolimits.money import pounds
from nolimits.states import StatusChange

CURRENCY = "gbp"
POSTCODE_RE = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"
EMPLOYEE_NUMBER_RE = r"^[A-Za-z]{0,3}[0-9]{4,10}$"


@register_setting(icon="pick")
class GivingSettings(BaseSiteSetting):
    """Limits and suggested amounts, set by editors (Settings → Giving)."""

    suggested_monthly_amounts = models.CharField(
        max_length=100,
        default="5, 10, 20",
        help_text="Whole pounds, separated by commas, e.g. 5, 10, 20.",
        validators=[
            RegexValidator(r"^\s*\d+(\s*,\s*\d+)*\s*$", "Whole pounds, separated by commas.")
        ],
    )
    minimum_monthly_pence = models.PositiveIntegerField(
        "smallest monthly gift (pence)", default=200
    )
    maximum_monthly_pence = models.PositiveIntegerField(
        "largest monthly gift (pence)", default=50_000
    )
    minimum_gift_pence = models.PositiveIntegerField("smallest one-off gift (pence)", default=100)
    maximum_gift_pence = models.PositiveIntegerField(
        "largest one-off gift (pence)", default=100_000
    )

    panels = [
        FieldPanel("suggested_monthly_amounts"),
        MultiFieldPanel(
            [FieldPanel("minimum_monthly_pence"), FieldPanel("maximum_monthly_pence")],
            heading="Monthly pledges",
        ),
        MultiFieldPanel(
            [FieldPanel("minimum_gift_pence"), FieldPanel("maximum_gift_pence")],
            heading="One-off gifts",
        ),
    ]

    class Meta:
        verbose_name = "giving"

    def suggested_pence(self) -> list[int]:
        return [int(x) * 100 for x in self.suggested_monthly_amounts.split(",") if x.strip()]

    def clean(self):
        if self.minimum_monthly_pence >= self.maximum_monthly_pence:
            raise ValidationError("The smallest monthly gift must be less than the largest.")
        if self.minimum_gift_pence >= self.maximum_gift_pence:
            raise ValidationError("The smallest one-off gift must be less than the largest.")


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


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def count_of(n: int, thing: str) -> str:
    """'1 gift', '2 gifts'."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


PAYMENT_METHOD_LABELS = {
    "card": "Card",
    "bacs_debit": "Bacs Direct Debit",
    "payroll": "From pay",
}


def payment_method_label(kind: str) -> str:
    return PAYMENT_METHOD_LABELS.get(kind, kind.replace("_", " ").capitalize() or "Not known yet")


class PledgeStatusChange(StatusChange):
    """Who or what changed a pledge's status, when and why."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Pledge.Status.choices)
    to_status = models.CharField(max_length=30, choices=Pledge.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class Donation(models.Model):
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

    class Meta:
        ordering = ["-paid_at", "-created_at"]
        indexes = [
            models.Index(fields=["status", "paid_at"]),
            models.Index(fields=["kind", "status"]),
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


class Adjustment(models.Model):
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


class GiftAidDeclarationQuerySet(models.QuerySet):
    def made(self):
        """Declarations that took effect: not one still waiting for its first gift."""
        return self.filter(awaiting_payment=False)


class GiftAidDeclaration(models.Model):
    """An HMRC-model Gift Aid declaration. Never deleted: a change or cancellation is recorded."""

    WORDING_VERSION = "2026-11-hmrc-model-v1"
    WORDING = (
        "Yes, I want to Gift Aid my donations to {charity}, today, in the future and in the past "
        "4 years. I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital "
        "Gains Tax than the amount of Gift Aid claimed on all my donations in that tax year it is "
        "my responsibility to pay any difference."
    )

    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gift_aid_declarations"
    )
    wording_version = models.CharField(max_length=40, default=WORDING_VERSION)
    wording = models.TextField()
    charity_name = models.CharField(max_length=120)
    title = models.CharField(max_length=4, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    house_name_or_number = models.CharField(max_length=40)
    postcode = models.CharField(max_length=8, validators=[RegexValidator(POSTCODE_RE)])
    covers_past_four_years = models.BooleanField(default=True)
    declared_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=20, default="online")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=255, blank=True)
    # Made on the way to Checkout: it takes effect only when that pledge or gift succeeds, and is
    # deleted if the donor leaves Checkout (a declaration that never took effect was never made).
    awaiting_payment = models.BooleanField(default=False)
    for_pledge = models.ForeignKey(
        Pledge, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    for_donation = models.ForeignKey(
        Donation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GiftAidDeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at", "-pk"]

    def __str__(self) -> str:
        state = f"cancelled {self.cancelled_at:%d %b %Y}" if self.cancelled_at else "in force"
        return f"Gift Aid declaration by {self.first_name} {self.last_name} ({state})"

    def covers(self, when) -> bool:
        """Is a gift made at `when` covered by this declaration?"""
        if self.cancelled_at and when >= self.cancelled_at:
            return False
        if when >= self.declared_at:
            return True
        if self.covers_past_four_years:
            return when >= self.declared_at.replace(year=self.declared_at.year - 4)
        return False


class GiftAidClaim(models.Model):
    """A schedule sent to HMRC. Every donation in it points here, so it is never claimed twice."""

    reference = models.CharField(max_length=40, unique=True)
    period_start = models.DateField()
    period_end = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    total_pence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    def total(self) -> str:
        return pounds(self.total_pence, exact=True)

    total.short_description = "Total claimed on"


class PayrollRun(models.Model):
    """Finance's confirmation that a month's payroll deductions were taken."""

    month = models.DateField(unique=True, help_text="First day of the month")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    confirmed_at = models.DateTimeField(default=timezone.now)
    total_pence = models.PositiveIntegerField(default=0)
    gift_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Payroll {self.month:%B %Y}"

    def total(self) -> str:
        return pounds(self.total_pence, exact=True)

    total.short_description = "Total"

    def gifts(self) -> str:
        return count_of(self.gift_count, "gift")

    gifts.short_description = "Gifts"


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


class CampaignPage(Page):
    """A giving campaign: a story, a target and one-off gifts through Checkout (payment mode)."""

    summary = models.TextField(max_length=400, help_text="One or two sentences shown at the top.")
    target_pence = models.PositiveIntegerField("target (pence)", help_text="e.g. 500000 for £5,000")
    starts_on = models.DateField()
    ends_on = models.DateField(
        null=True, blank=True, help_text="Leave blank for a campaign with no end."
    )
    suggested_amounts = models.CharField(
        max_length=100,
        default="10, 25, 50",
        help_text="Whole pounds, separated by commas.",
        validators=[
            RegexValidator(r"^\s*\d+(\s*,\s*\d+)*\s*$", "Whole pounds, separated by commas.")
        ],
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("target_pence"),
                FieldPanel("starts_on"),
                FieldPanel("ends_on"),
                FieldPanel("suggested_amounts"),
            ],
            heading="Target and dates",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "campaign"

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The campaign must end after it starts."})

    def suggested_pence(self) -> list[int]:
        return [int(x) * 100 for x in self.suggested_amounts.split(",") if x.strip()]

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)
