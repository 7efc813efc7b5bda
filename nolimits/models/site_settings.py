from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField

from nolimits.blocks import NavigationStreamBlock


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Who runs the scheme and how to reach them."""

    council_name = models.CharField(max_length=120, default="Borough Council")
    fund_holder_name = models.CharField(
        max_length=120,
        default="the Community Foundation",
        help_text="The charity that holds the No Limits fund.",
    )
    fund_holder_charity_number = models.CharField(max_length=20, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    contact_address = models.TextField(blank=True)

    panels = [
        FieldPanel("council_name"),
        MultiFieldPanel(
            [FieldPanel("fund_holder_name"), FieldPanel("fund_holder_charity_number")],
            heading="Fund holder",
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading="Contact details",
        ),
    ]

    class Meta:
        verbose_name = "site settings"


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    header_links = StreamField(NavigationStreamBlock(), blank=True)
    footer_links = StreamField(NavigationStreamBlock(), blank=True)
    footer_text = models.TextField(
        blank=True, help_text="A line at the foot of every page, e.g. who runs the scheme."
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta:
        verbose_name = "navigation and footer"
