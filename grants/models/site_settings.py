"""The grants settings editors change in the admin (Settings → Grants)."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
