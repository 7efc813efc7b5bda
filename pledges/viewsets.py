"""Wagtail admin for finance: pledges, gifts, Gift Aid, payroll and Stripe events.

Money rows are read-only here: they change only through Stripe's events and the services, so
the admin lists, filters, searches, exports and inspects them but never edits them.
"""

from django.utils import timezone

from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from nolimits.admin_viewsets import ReadOnlyViewSet as BaseReadOnlyViewSet
from nolimits.admin_viewsets import register_read_only
from pledges import permissions
from pledges.models import (
    Donation,
    GiftAidClaim,
    GiftAidDeclaration,
    PayrollRun,
    Pledge,
    StripeEvent,
)

DONOR_HEADINGS = {"donor.full_name": "Donor name", "donor.email": "Donor email"}


class ReadOnlyViewSet(BaseReadOnlyViewSet):
    export_headings = DONOR_HEADINGS


class HistoryInspectView(generic.InspectView):
    """The record's fields, then its history: each change of status, when, who and why."""

    def get_fields(self):
        return [*super().get_fields(), "status_changes"]

    def get_field_label(self, field_name, field):
        if field_name == "status_changes":
            return "History"
        return super().get_field_label(field_name, field)

    def get_status_changes_display_value(self):
        changes = self.object.status_changes.select_related("by")
        return (
            "; ".join(
                f"{timezone.localtime(c.at):%-d %b %Y %H:%M}: {c} ({c.by or 'the system'})"
                for c in changes
            )
            or "No changes yet"
        )


class PledgeIndexView(generic.IndexView):
    """Payroll pledges (employee numbers) only for those allowed to see payroll data."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if not permissions.can_see_payroll(self.request.user):
            queryset = queryset.exclude(method=Pledge.Method.PAYROLL)
        return queryset


class PledgeViewSet(ReadOnlyViewSet):
    index_view_class = PledgeIndexView
    inspect_view_class = HistoryInspectView
    url_prefix = "giving/pledges"
    url_namespace = "giving_pledges"
    model = Pledge
    icon = "repeat"
    menu_label = "Pledges"
    list_display = ["donor", "monthly_amount", "method", "status", "paid_by", "created_at"]
    list_filter = ["status", "method", "payment_method_type"]
    search_fields = [
        "donor__email",
        "donor__full_name",
        "employee_number",
        "stripe_subscription_id",
    ]
    list_export = [
        "uuid",
        "donor.full_name",
        "donor.email",
        "amount_pence",
        "method",
        "status",
        "employee_number",
        "payroll_start_month",
        "created_at",
        "cancelled_at",
    ]
    export_filename = "pledges"
    select_related = ("donor",)


class DonationViewSet(ReadOnlyViewSet):
    inspect_view_class = HistoryInspectView
    url_prefix = "giving/gifts"
    url_namespace = "giving_gifts"
    model = Donation
    icon = "pick"
    menu_label = "Gifts"
    list_display = [
        "receipt_number",
        "donor",
        "amount_exact",
        "kind",
        "status",
        "paid_by",
        "paid_at",
        "refunded",
        "is_disputed",
    ]
    list_filter = ["status", "kind", "disputed", "payment_method_type"]
    search_fields = [
        "donor__email",
        "donor__full_name",
        "stripe_invoice_id",
        "stripe_payment_intent_id",
    ]
    list_export = [
        "id",
        "donor.full_name",
        "donor.email",
        "kind",
        "amount_pence",
        "status",
        "paid_at",
        "payment_method_type",
        "fee_pence",
        "net_pence",
        "refunded_pence",
        "disputed",
        "payout_id",
        "stripe_invoice_id",
        "stripe_payment_intent_id",
    ]
    export_filename = "gifts"
    select_related = ("donor", "campaign", "pledge")


class DeclarationViewSet(ReadOnlyViewSet):
    url_prefix = "giving/gift-aid-declarations"
    url_namespace = "giving_gift_aid_declarations"
    model = GiftAidDeclaration
    icon = "doc-full"
    menu_label = "Gift Aid declarations"
    list_display = ["first_name", "last_name", "postcode", "declared_at", "cancelled_at"]
    list_filter = ["cancelled_at", "covers_past_four_years"]
    search_fields = ["first_name", "last_name", "postcode", "donor__email"]
    list_export = [
        "donor.email",
        "title",
        "first_name",
        "last_name",
        "house_name_or_number",
        "postcode",
        "wording_version",
        "covers_past_four_years",
        "declared_at",
        "cancelled_at",
        "cancellation_reason",
    ]
    export_filename = "gift-aid-declarations"


class ClaimViewSet(ReadOnlyViewSet):
    url_prefix = "giving/gift-aid-claims"
    url_namespace = "giving_gift_aid_claims"
    model = GiftAidClaim
    icon = "tick"
    menu_label = "Gift Aid claims"
    list_display = ["reference", "period_start", "period_end", "total", "created_at"]
    search_fields = ["reference"]
    list_export = ["reference", "period_start", "period_end", "total_pence", "created_at"]


class PayrollRunViewSet(ReadOnlyViewSet):
    url_prefix = "giving/payroll-runs"
    url_namespace = "giving_payroll_runs"
    model = PayrollRun
    icon = "date"
    menu_label = "Payroll runs"
    list_display = ["month", "gifts", "total", "confirmed_by", "confirmed_at"]
    select_related = ("confirmed_by",)
    list_export = ["month", "gift_count", "total_pence", "confirmed_at"]


class StripeEventViewSet(ReadOnlyViewSet):
    inspect_view_class = HistoryInspectView
    url_prefix = "giving/stripe-events"
    url_namespace = "giving_stripe_events"
    model = StripeEvent
    icon = "warning"
    menu_label = "Stripe events"
    list_display = ["event_id", "type", "status", "reason", "attempts", "received_at"]
    list_filter = ["status", "type"]
    search_fields = ["event_id", "type"]
    list_export = ["event_id", "type", "status", "attempts", "error", "received_at", "processed_at"]


# Registered once, here, so every screen (listing buttons, inspect, exports) sees the same rule.
register_read_only(Pledge, Donation, GiftAidDeclaration, GiftAidClaim, PayrollRun, StripeEvent)


class GivingViewSetGroup(ModelViewSetGroup):
    menu_label = "Giving"
    menu_icon = "pick"
    menu_order = 300
    items = (
        PledgeViewSet,
        DonationViewSet,
        DeclarationViewSet,
        ClaimViewSet,
        PayrollRunViewSet,
        StripeEventViewSet,
    )
