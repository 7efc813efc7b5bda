"""Wagtail admin lists for grants. Records change only through the application file and the
payments screen (services); these lists are read-only."""

from django.urls import reverse
from django.utils.html import format_html

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.models import register_snippet

import django_filters

from grants.models import (
    Application,
    Category,
    DecisionTemplate,
    GrantPayment,
    Review,
    Round,
    ThankYou,
)
from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only

register_read_only(Application, Review, GrantPayment, ThankYou)
register_snippet(DecisionTemplate)
register_snippet(Category)
register_snippet(Round)


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
        return queryset.filter(status=Application.Status.IN_REVIEW).exclude(
            reviews__reviewer=self.request.user
        )


class ApplicationViewSet(ReadOnlyViewSet):
    model = Application
    icon = "doc-full"
    menu_label = "Applications"
    url_prefix = "grants/applications"
    url_namespace = "grants_applications"
    list_display = [
        "reference",
        "category",
        "what_for",
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
        "amount_pence",
        "status",
        "submitted_at",
        "decided_amount_pence",
        "decided_at",
    ]
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
    list_display = ["application", "amount_pence", "paid_on", "method", "reference"]
    list_filter = ["method"]
    list_export = ["application.reference", "amount_pence", "paid_on", "method", "reference"]
    select_related = ("application",)


class ReviewViewSet(ReadOnlyViewSet):
    """Recommendations, without who made them (the application file shows that to staff)."""

    model = Review
    icon = "comment"
    menu_label = "Reviews"
    url_prefix = "grants/reviews"
    url_namespace = "grants_reviews"
    list_display = ["application", "recommendation", "conflict_of_interest", "reviewed_at"]
    list_filter = ["recommendation", "conflict_of_interest"]
    list_export = ["application.reference", "recommendation", "conflict_of_interest", "reviewed_at"]
    select_related = ("application",)


class ThankYouViewSet(ReadOnlyViewSet):
    """What young people wrote; editors turn those shared with consent into story pages."""

    model = ThankYou
    icon = "openquote"
    menu_label = "Thank-yous and stories"
    url_prefix = "grants/thank-yous"
    url_namespace = "grants_thank_yous"
    list_display = ["application", "consent_to_share", "written_at"]
    list_filter = ["consent_to_share"]
    search_fields = ["message"]
    inspect_view_fields = ["message", "consent_to_share", "written_at"]
    select_related = ("application",)


class GrantsViewSetGroup(ModelViewSetGroup):
    menu_label = "Grants"
    menu_icon = "doc-full"
    menu_order = 320
    items = (ApplicationViewSet, ReviewViewSet, PaymentViewSet, ThankYouViewSet)
