"""The panel's part: each member's review, and the editable wording of decisions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel

from grants.models.applications import Application
from nolimits.money import pounds


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
