"""The giving limits and suggested amounts that editors set (Settings → Giving)."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from nolimits.forms import PoundsField
from pledges.models.common import WHOLE_POUNDS, whole_pounds_in_pence


class GivingSettingsForm(WagtailAdminModelForm):
    """Editors type and read the limits in pounds; they are stored in pence."""

    minimum_monthly_pence = PoundsField(
        label="Smallest monthly gift (£)", help_text="In pounds, like 2 or 2.50."
    )
    maximum_monthly_pence = PoundsField(
        label="Largest monthly gift (£)", help_text="In pounds, like 500."
    )
    minimum_gift_pence = PoundsField(
        label="Smallest one-off gift (£)", help_text="In pounds, like 1."
    )
    maximum_gift_pence = PoundsField(
        label="Largest one-off gift (£)", help_text="In pounds, like 1000."
    )


@register_setting(icon="pick")
class GivingSettings(BaseSiteSetting):
    """Limits and suggested amounts, set by editors (Settings → Giving)."""

    base_form_class = GivingSettingsForm

    suggested_monthly_amounts = models.CharField(
        max_length=100,
        default="5, 10, 20",
        help_text="Whole pounds, separated by commas, e.g. 5, 10, 20.",
        validators=[WHOLE_POUNDS],
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
        return whole_pounds_in_pence(self.suggested_monthly_amounts)

    def clean(self):
        if self.minimum_monthly_pence >= self.maximum_monthly_pence:
            raise ValidationError("The smallest monthly gift must be less than the largest.")
        if self.minimum_gift_pence >= self.maximum_gift_pence:
            raise ValidationError("The smallest one-off gift must be less than the largest.")
