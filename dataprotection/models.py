"""What the retention job did each day, and the privacy notice page editors publish."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


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
