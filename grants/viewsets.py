"""Wagtail admin lists for grants. Records change only through the application file and the
payments screen (services); these lists are read-only."""

from django.urls import reverse
from django.utils.html import format_html

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

import django_filters

from grants.admin_forms import CategoryForm, RoundForm
from grants.models import (
    Application,
    Category,
    DecisionTemplate,
    GrantPayment,
    Review,
    Round,
    ThankYou,
)
from grants.permissions import can_see_identity
from grants.selectors import panel_applications, waiting_for
from grants.templatetags.grants_tags import redact_contacts
from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only
from nolimits.panels import DatePanel

register_read_only(Application, Review, GrantPayment, ThankYou)
register_snippet(DecisionTemplate)


class CategoryViewSet(SnippetViewSet):
    """Categories with their largest grant, typed and shown in pounds."""

    model = Category
    icon = "tag"
    list_display = ["name", "max_amount", "active"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("slug"),
            FieldPanel("max_amount_pence"),
            FieldPanel("guidance"),
            FieldPanel("active"),
        ],
        base_form_class=CategoryForm,
    )


class RoundViewSet(SnippetViewSet):
    """Funding rounds with their budgets, typed and shown in pounds."""

    model = Round
    icon = "date"
    list_display = ["name", "opens_on", "closes_on", "budget"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            DatePanel("opens_on"),
            DatePanel("closes_on"),
            FieldPanel("budget_pence"),
        ],
        base_form_class=RoundForm,
    )


register_snippet(CategoryViewSet)
register_snippet(RoundViewSet)


class OpenColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">Open</a>', reverse("grants_application", args=[instance.pk])
        )


class ApplicationFilterSet(WagtailFilterSet):
    waiting_for_me = django_filters.BooleanFilter(
        label="Waiting for my review", method="filter_waiting"
    )

    class Meta:
        model = Application
        fields = ["status", "category", "round"]

    def filter_waiting(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(pk__in=waiting_for(self.request.user).values("pk"))


class PrivateTextColumn(Column):
    """Free text the applicant typed, with contact details blanked out for a panellist who may
    not see identities (young panellists), as on the application file."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context.get("request")
        if request is None or not can_see_identity(request.user):
            context["value"] = redact_contacts(str(context["value"]))
        return context


class PanelIndexView(IndexView):
    """The panel's list and its export: only what grants.selectors.panel_applications allows,
    and free text without contact details for those who may not see them."""

    PRIVATE_TEXT = ("what_for",)

    def get_base_queryset(self):
        return panel_applications(self.request.user)

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        if not self.is_searching or can_see_identity(self.request.user):
            return found
        # Judged on the words they are shown (contact details blanked), so a search cannot tell
        # a young panellist which applications hold a phone number or an email address.
        query = self.search_query.casefold()
        shown = [
            pk
            for pk, text in found.values_list("pk", "what_for")
            if query in redact_contacts(text).casefold()
        ]
        return found.filter(pk__in=shown)

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not can_see_identity(self.request.user):
            for field in self.PRIVATE_TEXT:
                if field in row:
                    row[field] = redact_contacts(row[field])
        return row


class NoConflictReviewsIndexView(IndexView):
    """Reviews of applications the member may see (never one they declared a conflict on)."""

    def get_base_queryset(self):
        visible = panel_applications(self.request.user).values("pk")
        return Review.objects.filter(application__in=visible).select_related("application")


class ApplicationViewSet(ReadOnlyViewSet):
    model = Application
    icon = "doc-full"
    menu_label = "Applications"
    url_prefix = "grants/applications"
    url_namespace = "grants_applications"
    index_view_class = PanelIndexView
    list_display = [
        "reference",
        "category",
        PrivateTextColumn("what_for", label="What it is for"),
        "amount",
        "status",
        "submitted_at",
        OpenColumn("open", label="Application"),
    ]
    filterset_class = ApplicationFilterSet
    search_fields = ["what_for"]
    list_export = [
        "reference",
        "category.name",
        "what_for",
        "amount_in_pounds",
        "status",
        "submitted_at",
        "awarded_in_pounds",
        "decided_at",
    ]
    export_headings = {
        "amount_in_pounds": "Amount asked (£)",
        "awarded_in_pounds": "Amount awarded (£)",
    }
    select_related = ("category",)
    inspect_view_enabled = (
        False  # the application file (audited, anonymised for young panellists) is the detail view
    )


class PaymentViewSet(ReadOnlyViewSet):
    model = GrantPayment
    icon = "pick"
    menu_label = "Grant payments"
    url_prefix = "grants/payments-made"
    url_namespace = "grants_payments_made"
    list_display = ["application", "amount", "paid_on", "method", "reference"]
    list_filter = ["method"]
    list_export = ["application.reference", "amount_in_pounds", "paid_on", "method", "reference"]
    export_headings = {"amount_in_pounds": "Amount paid (£)"}
    select_related = ("application",)


class ReviewViewSet(ReadOnlyViewSet):
    """Recommendations, without who made them (the application file shows that to staff)."""

    model = Review
    index_view_class = NoConflictReviewsIndexView
    icon = "comment"
    menu_label = "Reviews"
    url_prefix = "grants/reviews"
    url_namespace = "grants_reviews"
    list_display = ["application", "recommendation", "conflict_of_interest", "reviewed_at"]
    list_filter = ["recommendation", "conflict_of_interest"]
    list_export = ["application.reference", "recommendation", "conflict_of_interest", "reviewed_at"]
    select_related = ("application",)


class StoryColumn(Column):
    def get_value(self, instance):
        if instance.story_page_id:
            return format_html(
                '<a href="{}">Edit the draft story</a>',
                reverse("wagtailadmin_pages:edit", args=[instance.story_page_id]),
            )
        if instance.consent_to_share:
            return format_html(
                '<a href="{}">Make a draft story</a>',
                reverse("grants_thank_you_story", args=[instance.pk]),
            )
        return "Not for sharing"


class ThankYouViewSet(ReadOnlyViewSet):
    """What young people wrote; editors turn those shared with consent into story pages."""

    model = ThankYou
    icon = "openquote"
    menu_label = "Thank-yous and stories"
    url_prefix = "grants/thank-yous"
    url_namespace = "grants_thank_yous"
    list_display = [
        "application",
        "consent_to_share",
        "written_at",
        StoryColumn("story", label="Story"),
    ]
    list_filter = ["consent_to_share"]
    search_fields = ["message"]
    inspect_view_fields = ["message", "consent_to_share", "written_at"]
    select_related = ("application",)


class GrantsViewSetGroup(ModelViewSetGroup):
    menu_label = "Grants"
    menu_icon = "doc-full"
    menu_order = 320
    items = (ApplicationViewSet, ReviewViewSet, PaymentViewSet, ThankYouViewSet)
