"""Grants for young people: categories, applications (with their status table), endorsements.

Statuses have plain names for applicants and working names for staff, and change only through
nolimits.states.move (called by grants.services), which logs who did what.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from nolimits.blocks import BaseStreamBlock
from nolimits.files import private_name, private_storage
from nolimits.money import pounds
from nolimits.states import StatusChange


def proof_path(instance, filename: str) -> str:
    return private_name("grants/proof", instance.proof_of_spend_content_type)


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
    max_amount_pence = models.PositiveIntegerField(
        "largest grant", help_text="In pounds, like 500 or 249.99."
    )
    guidance = models.TextField(blank=True, help_text="What it can pay for, in plain words.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    @property
    def max_amount(self) -> str:
        return pounds(self.max_amount_pence)


class Round(models.Model):
    """Optional funding rounds. With none, applications are open all year."""

    name = models.CharField(max_length=100)
    opens_on = models.DateField()
    closes_on = models.DateField()
    budget_pence = models.PositiveIntegerField(
        "budget for the round", help_text="In pounds, like 3000."
    )

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.name

    @property
    def budget(self) -> str:
        return pounds(self.budget_pence)

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

    # What the applicant reads: plain words, and what happens next. Headings with an amount
    # in them ({awarded}, {asked}) are filled in by plain_status().
    PLAIN = {
        Status.DRAFT: (
            "Not sent yet",
            "Finish your answers and send your application when you are ready.",
        ),
        Status.SUBMITTED: ("Sent", "We have your application."),
        Status.AWAITING_ENDORSEMENT: (
            "Waiting for your worker",
            "We have asked your worker to say they support your application. "
            "We will email you when they have.",
        ),
        Status.READY_FOR_PANEL: (
            "Waiting for the panel",
            "Your worker has replied. The panel, which includes young people, will look at "
            "your application next.",
        ),
        Status.IN_REVIEW: (
            "The panel is looking at your application",
            "We will email you as soon as they decide.",
        ),
        Status.APPROVED: (
            "Yes! You have been given {awarded}",
            "The panel said yes to all of it. We will be in touch to arrange the money.",
        ),
        Status.PART_APPROVED: (
            "Yes, you have been given {awarded} of the {asked} you asked for",
            "The panel said yes to part of it. Their message below says why. "
            "We will be in touch to arrange the money.",
        ),
        Status.DECLINED: (
            "Not this time",
            "The panel could not say yes this time. Their message below says why.",
        ),
        Status.MORE_INFO: (
            "The panel needs a bit more information",
            "Read what the panel asked, change your answers, then send your application again.",
        ),
        Status.PAID: ("Paid", "The money has been paid. We hope it helps."),
        Status.CLOSED: ("Finished", "This application is finished."),
        Status.WITHDRAWN: ("Withdrawn", "You stopped this application."),
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
        # Sent again with the information asked for: back to the panel that asked.
        Status.MORE_INFO: {Status.IN_REVIEW, Status.WITHDRAWN},
        Status.APPROVED: {Status.PAID, Status.CLOSED},
        Status.PART_APPROVED: {Status.PAID, Status.CLOSED},
        Status.DECLINED: {Status.CLOSED},
        Status.PAID: {Status.CLOSED},
        Status.CLOSED: set(),
        Status.WITHDRAWN: set(),
    }
    # The applicant may change answers in these statuses (then send, or send again).
    EDITABLE = {Status.DRAFT, Status.MORE_INFO}
    STEPS = [
        "date_of_birth",
        "in_care",
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
    started_for_name = models.CharField(
        max_length=150,
        blank=True,
        help_text="The name the worker typed (shown to them, whatever the account says).",
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
    returned_to_panel_at = models.DateTimeField(
        null=True, blank=True, help_text="Sent again with more information: reviews start again."
    )
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
            (
                "start_application_for_young_person",
                "Can start a grant application with a young person (workers)",
            ),
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
        return pounds(self.amount_pence) if self.amount_pence else ""

    @property
    def amount_in_pounds(self) -> Decimal | None:
        return Decimal(self.amount_pence) / 100 if self.amount_pence else None

    @property
    def awarded_in_pounds(self) -> Decimal | None:
        return Decimal(self.decided_amount_pence) / 100 if self.decided_amount_pence else None

    @property
    def awarded(self) -> str:
        return pounds(self.decided_amount_pence) if self.decided_amount_pence else ""

    @property
    def sent(self) -> bool:
        """Sent at least once: only sent applications reach the panel."""
        return self.submitted_at is not None

    def can_edit(self, user) -> bool:
        return user.is_authenticated and user.pk in (self.applicant_id, self.started_by_id)

    def plain_status(self) -> tuple[str, str]:
        heading, next_step = self.PLAIN[self.status]
        return heading.format(awarded=self.awarded, asked=self.amount), next_step


class ApplicationStatusChange(StatusChange):
    """One entry in an application's history: who did what, when, as a structured event.

    There is no free text here: who is a user or a reference to the endorsement, and what is an
    event code, so grants.history can word each entry for the person reading it (the applicant,
    a young panellist, a staff panellist) and no contact detail can slip past the rules. The
    `reason` every status change has (nolimits.states.StatusChange) is always blank here: a
    check constraint refuses anything else.
    """

    class Event(models.TextChoices):
        SENT = "sent", "Sent by the applicant"
        ENDORSEMENT_ASKED = "endorsement_asked", "Endorsement asked of the worker"
        ENDORSED = "endorsed", "The worker supported the application"
        NOT_ENDORSED = "not_endorsed", "The worker did not support the application"
        REVIEW_STARTED = "review_started", "The panel started reviewing"
        DECIDED = "decided", "The panel decided"
        MORE_INFO_ASKED = "more_info_asked", "The panel asked for more information"
        SENT_AGAIN = "sent_again", "Sent again with more information"
        PAID = "paid", "Paid"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED = "closed", "Closed"
        CHANGED = "changed", "Status changed"

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=Application.Status.choices)
    to_status = models.CharField(max_length=30, choices=Application.Status.choices)
    event = models.CharField(max_length=25, choices=Event.choices, default=Event.CHANGED)
    endorsement = models.ForeignKey(
        "grants.Endorsement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The worker's endorsement this entry is about (who, when not a user).",
    )
    data = models.JSONField(
        default=dict,
        blank=True,
        help_text="Structured details: amount_pence, method, question (the panel's words).",
    )

    class Meta(StatusChange.Meta):
        verbose_name = "history entry"
        verbose_name_plural = "history entries"
        constraints = [
            # The history holds no free text (the privacy rules in grants.history rely on it).
            models.CheckConstraint(condition=models.Q(reason=""), name="grant_history_no_reason")
        ]

    def __str__(self) -> str:
        return f"{self.get_event_display()} ({self.get_to_status_display()})"


class Endorsement(models.Model):
    """A worker's response to a single-use, expiring link. The link carries a signed token id."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="endorsements"
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sent_to = models.EmailField()
    worker_name = models.CharField(max_length=150, blank=True)
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
        amount = pounds(amount_pence or 0)
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
        return f"{pounds(self.amount_pence)} on {self.paid_on:%d %b %Y}"

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence)

    @property
    def amount_in_pounds(self) -> Decimal:
        return Decimal(self.amount_pence) / 100


class ThankYou(models.Model):
    """What the young person wrote afterwards, and whether it may be shared."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="thank_you"
    )
    message = models.TextField(max_length=3000)
    consent_to_share = models.BooleanField(default=False)
    written_at = models.DateTimeField(default=timezone.now)
    story_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The draft story made from it, for an editor to review and publish.",
    )
    story_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    story_made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thank-you"

    def __str__(self) -> str:
        return f"Thank you for {self.application}"

    @property
    def published_with_consent(self) -> bool:
        """Shared on the site as a story, with the young person's consent."""
        story = self.story_page.specific if self.story_page_id else None
        return bool(
            self.consent_to_share
            and story is not None
            and story.live
            and getattr(story, "consent_confirmed", False)
        )
