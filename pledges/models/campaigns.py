"""A giving campaign page."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from nolimits.blocks import BaseStreamBlock
from nolimits.forms import PoundsField
from pledges.models.common import WHOLE_POUNDS, whole_pounds_in_pence


class CampaignPageForm(WagtailAdminPageForm):
    """Editors type and read the target in pounds; it is stored in pence."""

    target_pence = PoundsField(label="Target (£)", help_text="In pounds, like 5000 or 5,000.")


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
        validators=[WHOLE_POUNDS],
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
    base_form_class = CampaignPageForm

    class Meta:
        verbose_name = "campaign"

    def clean(self):
        super().clean()
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The campaign must end after it starts."})

    def suggested_pence(self) -> list[int]:
        return whole_pounds_in_pence(self.suggested_amounts)

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or today <= self.ends_on)


class CampaignTotal(models.Model):
    """A campaign's progress as the ledger gives it, stored so that its page does not sum every
    gift on every view. Written only by ``pledges.campaign_totals.campaign_total_recount``, in
    the same transaction as the gift or refund that changed it (never a page field: publishing a
    revision would put an old total back)."""

    campaign = models.OneToOneField(
        CampaignPage, on_delete=models.CASCADE, primary_key=True, related_name="stored_total"
    )
    received_pence = models.IntegerField(
        default=0, help_text="Succeeded gifts less refunds and disputes against them."
    )
    pending_pence = models.PositiveIntegerField(
        default=0, help_text="Gifts waiting for the bank (Direct Debit processing)."
    )
    givers = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "campaign total"

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.received_pence}p"
