"""Grants for young people: categories, applications (with their status table), endorsements.

Statuses have plain names for applicants and working names for staff, and change only through
grants.services, which logs who and why.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from nolimits.blocks import BaseStreamBlock
from volunteers.models import private_storage


def proof_path(instance, filename: str) -> str:
    """Server-made names only: nothing the uploader typed reaches the file system."""
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.proof_of_spend_content_type, "bin"
    )
    return f"grants/proof/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


@register_setting(icon="pick")
class GrantsSettings(BaseSiteSetting):
    endorsement_link_days = models.PositiveSmallIntegerField(
        "endorsement links last (days)", default=14
    )
    endorsement_reminder_working_days = models.PositiveSmallIntegerField(
        "remind the worker after (working days)", default=5
    )
    retention_days = models.PositiveIntegerField(
        "anonymise closed applications after (days)",
        default=730,
        help_text="Council policy (VERIFY with the DPO).",
    )

    panels = [
        FieldPanel("endorsement_link_days"),
        FieldPanel("endorsement_reminder_working_days"),
        FieldPanel("retention_days"),
    ]

    class Meta:
        verbose_name = "grants"


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    max_amount_pence = models.PositiveIntegerField("largest grant (pence)")
    guidance = models.TextField(blank=True, help_text="What it can pay for, in plain words.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    @property
    def max_amount(self) -> str:
        return f"£{self.max_amount_pence / 100:,.0f}"


class Round(models.Model):
    """Optional funding rounds. With none, applications are open all year."""

    name = models.CharField(max_length=100)
    opens_on = models.DateField()
    closes_on = models.DateField()
    budget_pence = models.PositiveIntegerField("budget for the round (pence)")

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def open_now(cls, today=None) -> "Round | None":
        today = today or timezone.localdate()
        return (
            cls.objects.filter(opens_on__lte=today, closes_on__gte=today)
            .order_by("closes_on")
            .first()
        )


class FundPage(Page):
    """Editors describe the fund; the page lists the categories and links to the application."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "grants fund page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = Category.objects.filter(active=True)
        context["rounds_in_use"] = Round.objects.exists()
        context["open_round"] = Round.open_now()
        context["next_round"] = (
            Round.objects.filter(opens_on__gt=timezone.localdate()).order_by("opens_on").first()
        )
        return context


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        AWAITING_ENDORSEMENT = "awaiting_endorsement", "Waiting for endorsement"
        READY_FOR_PANEL = "ready_for_panel", "Ready for panel"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PART_APPROVED = "part_approved", "Part approved"
        DECLINED = "declined", "Declined"
        MORE_INFO = "more_info", "More information needed"
        PAID = "paid", "Paid"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # What the applicant reads: plain words, and what happens next.
    PLAIN = {
        Status.DRAFT: ("Not sent yet", "Finish your application and send it when you are ready."),
        Status.SUBMITTED: ("Sent", "We have your application."),
        Status.AWAITING_ENDORSEMENT: (
            "Waiting for your worker",
            "We have asked your worker to support your application. We will let you know when they have.",
        ),
        Status.READY_FOR_PANEL: (
            "Waiting for the panel",
            "The panel, which includes young people, will look at your application at its next meeting.",
        ),
        Status.IN_REVIEW: ("With the panel", "The panel is looking at your application now."),
        Status.APPROVED: ("Yes!", "The panel said yes. We will arrange the money with you."),
        Status.PART_APPROVED: (
            "Yes, for part of it",
            "The panel said yes to part of what you asked for. We will arrange the money with you.",
        ),
        Status.DECLINED: (
            "Not this time",
            "The panel could not say yes this time. We have sent you the reason.",
        ),
        Status.MORE_INFO: (
            "We need a bit more information",
            "Please look at the message we sent you.",
        ),
        Status.PAID: ("Paid", "The money has been paid."),
        Status.CLOSED: ("Finished", "This application is finished."),
        Status.WITHDRAWN: ("Withdrawn", "You withdrew this application."),
    }
    TRANSITIONS: dict[str, set[str]] = {
        Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
        Status.SUBMITTED: {Status.AWAITING_ENDORSEMENT, Status.WITHDRAWN},
        Status.AWAITING_ENDORSEMENT: {Status.READY_FOR_PANEL, Status.WITHDRAWN},
        Status.READY_FOR_PANEL: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.IN_REVIEW: {
            Status.APPROVED,
            Status.PART_APPROVED,
            Status.DECLINED,
            Status.MORE_INFO,
            Status.WITHDRAWN,
        },
        Status.MORE_INFO: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.APPROVED: {Status.PAID, Status.CLOSED},
        Status.PART_APPROVED: {Status.PAID, Status.CLOSED},
        Status.DECLINED: {Status.CLOSED},
        Status.PAID: {Status.CLOSED},
        Status.CLOSED: set(),
        Status.WITHDRAWN: set(),
    }
    STEPS = [
        "about_you",
        "category",
        "what_for",
        "amount",
        "how_it_helps",
        "quotes",
        "worker",
        "check",
    ]

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_applications"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="grant_applications_started",
        help_text="A worker who started the application with the young person.",
    )
    status = models.CharField(max_length=25, choices=Status.choices, default=Status.DRAFT)
    date_of_birth = models.DateField(null=True, blank=True)
    care_experienced = models.BooleanField(null=True, blank=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, null=True, blank=True)
    round = models.ForeignKey(
        "grants.Round", on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    what_for = models.CharField(max_length=200, blank=True)
    amount_pence = models.PositiveIntegerField(null=True, blank=True)
    how_it_helps = models.TextField(max_length=3000, blank=True)
    quotes_and_links = models.TextField(max_length=2000, blank=True)
    worker_name = models.CharField(max_length=150, blank=True)
    worker_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_amount_pence = models.PositiveIntegerField(null=True, blank=True)
    decision_message = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    proof_of_spend_requested = models.BooleanField(default=False)
    proof_of_spend = models.FileField(upload_to=proof_path, storage=private_storage, blank=True)
    proof_of_spend_content_type = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("review_application", "Can review applications on the panel"),
            ("decide_application", "Can decide applications (panel chair)"),
            ("record_grant_payment", "Can record grant payments"),
            ("see_applicant_identity", "Can see applicants' full names and contact details"),
        ]

    def __str__(self) -> str:
        return f"{self.what_for or 'Application'} ({self.get_status_display()})"

    @property
    def reference(self) -> str:
        return f"G-{self.pk:05d}"

    @property
    def first_name(self) -> str:
        return self.applicant.get_short_name() if self.applicant_id else "Applicant"

    @property
    def amount(self) -> str:
        return f"£{self.amount_pence / 100:,.2f}".replace(".00", "") if self.amount_pence else ""

    def can_edit(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.applicant_id, self.started_by_id)

    def plain_status(self) -> tuple[str, str]:
        return self.PLAIN[self.status]


class ApplicationStatusChange(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=25, choices=Application.Status.choices)
    to_status = models.CharField(max_length=25, choices=Application.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by_description = models.CharField(
        max_length=150, blank=True, help_text="Who, when not a user (e.g. the worker)."
    )
    reason = models.CharField(max_length=300)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}: {self.reason}"


class Endorsement(models.Model):
    """A worker's response to a single-use, expiring link. The link carries a signed token id."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="endorsements"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sent_to = models.EmailField()
    sent_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    used_at = models.DateTimeField(null=True, blank=True)
    endorsed = models.BooleanField(null=True, blank=True)
    care_experienced_confirmed = models.BooleanField(default=False)
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Endorsement of {self.application} by {self.sent_to}"


class Review(models.Model):
    """A panel member's recommendation, or their declared conflict of interest."""

    class Recommendation(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        MORE_INFO = "more_info", "Needs more information"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_reviews"
    )
    conflict_of_interest = models.BooleanField(default=False)
    recommendation = models.CharField(max_length=10, choices=Recommendation.choices, blank=True)
    comment = models.TextField(blank=True, max_length=2000)
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["reviewed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_member"
            )
        ]

    def __str__(self) -> str:
        return (
            "Conflict of interest"
            if self.conflict_of_interest
            else f"{self.get_recommendation_display()} by {self.reviewer}"
        )


class DecisionTemplate(models.Model):
    """Editable wording for the message the applicant gets with a decision."""

    outcome = models.CharField(
        max_length=25,
        choices=[
            (s.value, s.label)
            for s in (
                Application.Status.APPROVED,
                Application.Status.PART_APPROVED,
                Application.Status.DECLINED,
                Application.Status.MORE_INFO,
            )
        ],
        unique=True,
    )
    text = models.TextField(help_text="Use {name}, {amount} and {what_for}.")

    panels = [FieldPanel("outcome"), FieldPanel("text")]

    def __str__(self) -> str:
        return self.get_outcome_display()

    def render(self, application: Application, amount_pence: int | None) -> str:
        amount = f"£{(amount_pence or 0) / 100:,.2f}".replace(".00", "")
        return self.text.format(
            name=application.first_name, amount=amount, what_for=application.what_for
        )


class GrantPayment(models.Model):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        PURCHASE_CARD = "purchase_card", "Council purchase card"
        VOUCHER = "voucher", "Voucher"
        SUPPLIER = "supplier", "Paid to a supplier"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="payment"
    )
    amount_pence = models.PositiveIntegerField()
    paid_on = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices)
    reference = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"£{self.amount_pence / 100:,.2f} on {self.paid_on:%d %b %Y}"


class ThankYou(models.Model):
    """What the young person wrote afterwards, and whether it may be shared."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="thank_you"
    )
    message = models.TextField(max_length=3000)
    consent_to_share = models.BooleanField(default=False)
    written_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Thank you for {self.application}"
