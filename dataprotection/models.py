"""What the data protection app keeps: what the retention job did each day, the privacy notice
page editors publish, and the log of every copy made of a person's data (subject access,
download my data) and of every erasure. An erasure's log names the person by a reference, never
by the name it erased."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from nolimits.files import private_storage


class RetentionRun(models.Model):
    """One run of the daily retention job: for each kind, how many records it removed or
    anonymised (counts only, never contents), and any kind that failed (its transaction rolled
    back, the others kept)."""

    day = models.DateField(help_text="The day the schedule was applied for.")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, help_text="Records removed or anonymised, per kind.")
    failures = models.JSONField(default=dict, blank=True, help_text="Kinds that failed, and why.")

    class Meta:
        ordering = ["-started_at"]
        permissions = [
            ("view_retention", "Can see the retention schedule and what falls due"),
            ("view_retention_records", "Can list the records due for removal (references only)"),
        ]

    def __str__(self) -> str:
        return f"Retention run for {self.day:%d %b %Y}: {self.total} records"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class PrivacyNoticePage(RoutablePageMixin, Page):
    """The privacy notice: editors write the introduction and the data protection officer's
    contact; the rest (what we keep, why, how long, what happens then, your rights) comes from
    the retention schedule (dataprotection.retention), so it always says what the job does.
    The young people's version is its own address under the page (`young-people/`)."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Who we are and what this notice covers.",
    )
    dpo_contact = RichTextField(
        "data protection officer's contact",
        features=["bold", "italic", "link"],
        help_text="How to reach the council's data protection officer (email, address).",
    )
    young_intro = RichTextField(
        "introduction for young people",
        features=["bold", "italic", "link"],
        blank=True,
        help_text="Short sentences and simple words.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("dpo_contact"),
        FieldPanel("young_intro"),
    ]
    template = "dataprotection/privacy_notice_page.html"
    max_count = 1

    class Meta:
        verbose_name = "privacy notice"

    def get_context(self, request, *args, **kwargs):
        from dataprotection.notice import for_young_people, notice_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = notice_sections()
        context["young_kinds"] = for_young_people()
        return context

    @path("")
    def full(self, request):
        return self.render(request)

    @path("young-people/")
    def for_young_people(self, request):
        return self.render(request, template="dataprotection/privacy_notice_young.html")


def export_path(instance, filename: str) -> str:
    return f"dataprotection/exports/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.zip"


class AccessExport(models.Model):
    """One copy of everything about one person: who asked, about whom, when, and the ZIP (kept
    only for a person's own copy, until their link expires)."""

    class Kind(models.TextChoices):
        SUBJECT_ACCESS = "subject_access", "Subject access request (staff)"
        OWN_COPY = "own_copy", "Download my data (the person themselves)"

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="access_exports",
    )
    subject_referral = models.ForeignKey(
        "matching.YoungPerson",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="A young person referred for a mentor, who has no account.",
    )
    subject_label = models.CharField(
        "about", max_length=200, help_text="Who it was about, as the search showed them."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)
    file = models.FileField(upload_to=export_path, storage=private_storage, blank=True)
    item_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "copy of a person's data"
        verbose_name_plural = "copies of people's data"
        permissions = [
            ("export_personal_data", "Can download everything held about a person"),
            ("erase_person", "Can erase a person across every app"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subject_user__isnull=False)
                | models.Q(subject_referral__isnull=False),
                name="access_export_has_a_subject",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject_label} ({self.requested_at:%d %b %Y})"


class Erasure(models.Model):
    """One erasure: who did it, of whom (a reference, not the erased name), when, why, and how
    many records were deleted, anonymised and kept."""

    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subject_reference = models.CharField(
        max_length=40, help_text="Like “user 42” or “referral 7”: never the name."
    )
    erased_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(max_length=2000)
    counts = models.JSONField(
        default=dict, blank=True, help_text="For each kind of record: deleted, anonymised and kept."
    )
    kept = models.JSONField(
        default=list, blank=True, help_text="What the law makes us keep, and why."
    )

    class Meta:
        ordering = ["-erased_at", "-pk"]
        verbose_name = "erasure"

    def __str__(self) -> str:
        return f"Erasure of {self.subject_reference} on {self.erased_at:%d %b %Y}"
