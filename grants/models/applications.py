"""An application (with its status table and plain words), its history and its endorsements.

Statuses have plain names for applicants and working names for staff, and change only through
nolimits.states.move (called by grants.services), which logs who did what.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from grants.models.fund import Category
from nolimits.files import private_name, private_storage
from nolimits.fund_movements import MovesTheFund
from nolimits.money import pounds
from nolimits.states import StatusChange


def proof_path(instance, filename: str) -> str:
    return private_name("grants/proof", instance.proof_of_spend_content_type)


class Application(MovesTheFund):
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

    FUND_FIELDS = ("status", "decided_amount_pence")

    def fund_share(self) -> tuple[int, int, int]:
        """Approved and not yet paid: committed (paying moves it on to paid, grants.fund)."""
        awarded = self.status in (self.Status.APPROVED, self.Status.PART_APPROVED)
        return (0, (self.decided_amount_pence or 0) if awarded else 0, 0)

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
        # No free text: this is the label of every list, log entry and link that names it.
        name = self.reference if self.pk else "New application"
        return f"{name} ({self.get_status_display()})"

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
