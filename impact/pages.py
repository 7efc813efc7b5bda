"""The public impact page: a Wagtail page editors place and introduce; the figures, charts and
tables under their words come from impact.figures, through impact.public_figures (cached, with
small numbers suppressed)."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from impact.public_page import page_figures
from nolimits.blocks import BaseStreamBlock


class ImpactPage(Page):
    """What No Limits has done: this financial year and since it began, with charts of money in
    and grants out by month, each followed by a table of the same figures."""

    intro = RichTextField(
        features=["bold", "italic", "link"],
        blank=True,
        help_text="A few words above the figures: what No Limits is for.",
    )
    body = StreamField(
        BaseStreamBlock(),
        blank=True,
        help_text="Shown after the figures: a story, or a call to give money or time.",
    )

    max_count = 1
    parent_page_types = ["nolimits.HomePage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "impact page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["impact"] = page_figures(self)
        return context
