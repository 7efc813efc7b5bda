"""Council policy choices for volunteering (Settings → Volunteering)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from nolimits.forms import PoundsField


class VolunteeringSettingsForm(WagtailAdminModelForm):
    """Coordinators type and read the expense limits in pounds; they are stored in pence."""

    max_expense_claim_pence = PoundsField(
        label="Largest single expense claim (£)", help_text="In pounds, like 50."
    )
    max_expenses_per_month_pence = PoundsField(
        label="Expenses per volunteer per month (£)", help_text="In pounds, like 100."
    )


@register_setting(icon="group")
class VolunteeringSettings(BaseSiteSetting):
    """Council policy choices for volunteering (Settings → Volunteering)."""

    base_form_class = VolunteeringSettingsForm
    dbs_recheck_years = models.PositiveSmallIntegerField(
        "DBS recheck after (years)",
        default=3,
        help_text="Council policy (VERIFY with HR). A certificate has no expiry date.",
    )
    max_expense_claim_pence = models.PositiveIntegerField(
        "largest single expense claim (pence)", default=5000
    )
    max_expenses_per_month_pence = models.PositiveIntegerField(
        "expenses per volunteer per month (pence)", default=10000
    )
    mileage_rate_pence = models.PositiveSmallIntegerField(
        "mileage rate (pence per mile)", default=45
    )
    reference_link_days = models.PositiveSmallIntegerField(
        "reference links last (days)",
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="How long a referee's emailed link to the reference form works. A chase "
        "after 14 days sends a fresh link.",
    )
    # Matching: how much each part of a suggestion's score counts (relative weights).
    weight_interests = models.PositiveSmallIntegerField(
        "weight for shared interests",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means shared interests count for more.",
    )
    weight_availability = models.PositiveSmallIntegerField(
        "weight for free at the same times",
        default=30,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means matching free times count for more.",
    )
    weight_area = models.PositiveSmallIntegerField(
        "weight for living in the same area",
        default=20,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means being in the same area counts for more.",
    )

    panels = [
        FieldPanel("dbs_recheck_years"),
        FieldPanel("max_expense_claim_pence"),
        FieldPanel("max_expenses_per_month_pence"),
        FieldPanel("mileage_rate_pence"),
        FieldPanel("reference_link_days"),
        MultiFieldPanel(
            [
                FieldPanel("weight_interests"),
                FieldPanel("weight_availability"),
                FieldPanel("weight_area"),
            ],
            heading="Matching weights",
            help_text="Suggestions are scored out of 100 from these parts, in proportion to "
            "their weights. At least one must be more than 0.",
        ),
    ]

    class Meta:
        verbose_name = "volunteering"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight_interests__gt=0)
                | models.Q(weight_availability__gt=0)
                | models.Q(weight_area__gt=0),
                name="matching_weights_not_all_zero",
            )
        ]

    def clean(self):
        super().clean()
        if not (self.weight_interests or self.weight_availability or self.weight_area):
            raise ValidationError(
                "At least one matching weight must be more than 0, or every suggestion would score 0."
            )
