"""The fund on the site: what it gives for (categories), when (optional rounds), its page."""

from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from nolimits.blocks import BaseStreamBlock
from nolimits.money import pounds


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(unique=True)
    max_amount_pence = models.PositiveIntegerField(
        "largest grant", help_text="In pounds, like 500 or 249.99."
    )
    guidance = models.TextField(blank=True, help_text="What it can pay for, in plain words.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return self.name

    @property
    def max_amount(self) -> str:
        return pounds(self.max_amount_pence)


class Round(models.Model):
    """Optional funding rounds. With none, applications are open all year."""

    name = models.CharField(max_length=100)
    opens_on = models.DateField()
    closes_on = models.DateField()
    budget_pence = models.PositiveIntegerField(
        "budget for the round", help_text="In pounds, like 3000."
    )

    class Meta:
        ordering = ["-opens_on"]

    def __str__(self) -> str:
        return self.name

    @property
    def budget(self) -> str:
        return pounds(self.budget_pence)

    @classmethod
    def open_now(cls, today=None) -> "Round | None":
        today = today or timezone.localdate()
        return (
            cls.objects.filter(opens_on__lte=today, closes_on__gte=today)
            .order_by("closes_on")
            .first()
        )


class FundPage(Page):
    """Editors describe the fund; the page lists the categories and links to the application."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    max_count = 1

    class Meta:
        verbose_name = "grants fund page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = Category.objects.filter(active=True)
        context["rounds_in_use"] = Round.objects.exists()
        context["open_round"] = Round.open_now()
        context["next_round"] = (
            Round.objects.filter(opens_on__gt=timezone.localdate()).order_by("opens_on").first()
        )
        return context
