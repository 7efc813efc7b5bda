"""The site's own page types. Campaigns, opportunities and grant pages live in their apps."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from nolimits.blocks import BaseStreamBlock


class HomePage(Page):
    hero_heading = models.CharField(max_length=120, default="Do something for our children")
    hero_text = models.TextField(
        max_length=500,
        blank=True,
        help_text="One or two sentences under the main heading.",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BaseStreamBlock(), blank=True)

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading="Top of the page",
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text")]

    class Meta:
        verbose_name = "home page"


class ContentPage(Page):
    """A standard page: an introduction, then any of the shared blocks."""

    intro = models.TextField(max_length=600, blank=True, help_text="A short summary shown in bold.")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "content page"


class StoryIndexPage(Page):
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    subpage_types = ["nolimits.StoryPage"]
    content_panels = Page.content_panels + [FieldPanel("intro")]
    stories_per_page = 12

    class Meta:
        verbose_name = "stories index"

    def route(self, request, path_components):
        """A story's address is found in one query of the story itself (Wagtail's own routing
        asks for the page, then for its specific row)."""
        if len(path_components) == 1:
            story = StoryPage.objects.child_of(self).filter(slug=path_components[0]).first()
            if story is None:
                raise Http404
            return story.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A story with its own view restriction is left out (a join, not a query of every
        # restriction as ``.public()`` makes); one under a restricted index is served only to
        # those the index lets in. Counted and sliced by the database (Paginator).
        stories = (
            StoryPage.objects.child_of(self)
            .live()
            .filter(view_restrictions__isnull=True)
            .select_related("image")
            .order_by("-date", "-pk")
        )
        context["stories"] = Paginator(stories, self.stories_per_page).get_page(
            request.GET.get("page")
        )
        return context


class StoryPage(Page):
    """A story or piece of news. Stories about young people need their consent."""

    date = models.DateField("published on", default=timezone.localdate)
    summary = models.TextField(max_length=400, help_text="Shown on the stories list.")
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BaseStreamBlock(), blank=True)
    about_young_person = models.BooleanField(
        default=False, help_text="Tick if this story is about a young person or uses their words."
    )
    consent_confirmed = models.BooleanField(
        "consent to share confirmed",
        default=False,
        help_text=(
            "The young person (and, if under 18, their worker) agreed to this story being shared."
        ),
    )

    parent_page_types = ["nolimits.StoryIndexPage"]
    subpage_types: list[str] = []
    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("about_young_person"), FieldPanel("consent_confirmed")],
            heading="Consent",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "story"
        verbose_name_plural = "stories"

    def clean(self):
        super().clean()
        if self.about_young_person and not self.consent_confirmed:
            raise ValidationError(
                {"consent_confirmed": "A story about a young person needs their consent to share."}
            )
