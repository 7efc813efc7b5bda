"""Wagtail admin for coordinators: volunteers and their records, listed, filtered and exported.

Records change only through the volunteer file (admin_views.py), which calls the services; the
lists here are read-only. Every view of a DBS record (the file, the DBS list, its inspect page) is
written to the audit log.
"""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

import django_filters

from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only
from volunteers import extensions, permissions, services
from volunteers.clearance import cleared_q
from volunteers.models import (
    Booking,
    DBSCheck,
    ExpenseClaim,
    Opportunity,
    Reference,
    SupervisionNote,
    TrainingRecord,
    Volunteer,
    VolunteerSession,
)

register_read_only(
    Opportunity,
    Booking,
    Volunteer,
    Reference,
    TrainingRecord,
    VolunteerSession,
    ExpenseClaim,
    SupervisionNote,
    DBSCheck,
)


class FileColumn(Column):
    def get_value(self, instance):
        return format_html(
            '<a href="{}">Open file</a>', reverse("volunteers_file", args=[instance.pk])
        )


class VolunteerFilterSet(WagtailFilterSet):
    cleared = django_filters.ChoiceFilter(
        label="Cleared to meet young people",
        choices=[("yes", "Cleared"), ("no", "Not cleared")],
        method="filter_cleared",
    )
    expiring_within = django_filters.NumberFilter(
        label="Checks or training expiring within (days)", method="filter_expiring"
    )

    class Meta:
        model = Volunteer
        fields = ["status", "route"]

    def filter_cleared(self, queryset, name, value):
        """From the stored clearance summary (clearance.cleared_q), in the database."""
        cleared = cleared_q()
        return queryset.filter(cleared) if value == "yes" else queryset.exclude(cleared)

    def filter_expiring(self, queryset, name, value):
        from volunteers.models import VolunteeringSettings

        today = timezone.localdate()
        until = today + dt.timedelta(days=int(value))
        years = getattr(VolunteeringSettings.objects.first(), "dbs_recheck_years", 3)
        issued_before = until.replace(year=until.year - years)
        return queryset.filter(
            Q(training__expires_on__lte=until, training__course__required=True)
            | Q(dbs_checks__decision="accepted", dbs_checks__issue_date__lte=issued_before)
        ).distinct()


class VolunteerViewSet(ReadOnlyViewSet):
    model = Volunteer
    icon = "group"
    menu_label = "Volunteers"
    url_prefix = "volunteering/volunteers"
    url_namespace = "volunteering_volunteers"
    list_display = [
        "user",
        "route",
        "status",
        "mentor",
        "applied_at",
        FileColumn("file", label="File"),
    ]
    filterset_class = VolunteerFilterSet
    search_fields = ["user__full_name", "user__email", "area", "interests"]
    list_export = [
        "user.full_name",
        "user.email",
        "route",
        "status",
        "area",
        "mentor.full_name",
        "applied_at",
        "approved_at",
    ]
    export_headings = {
        "user.full_name": "Name",
        "user.email": "Email",
        "mentor.full_name": "Mentor",
    }
    select_related = ("user", "mentor")


class ReferenceViewSet(ReadOnlyViewSet):
    model = Reference
    icon = "mail"
    menu_label = "References"
    url_prefix = "volunteering/references"
    url_namespace = "volunteering_references"
    list_display = ["name", "volunteer", "relationship", "outcome", "requested_on", "received_on"]
    list_filter = ["outcome"]
    search_fields = ["name", "email", "volunteer__user__full_name"]
    list_export = [
        "name",
        "email",
        "relationship",
        "volunteer.user.full_name",
        "outcome",
        "requested_on",
        "received_on",
    ]
    select_related = ("volunteer__user",)


class TrainingRecordViewSet(ReadOnlyViewSet):
    model = TrainingRecord
    icon = "success"
    menu_label = "Training records"
    url_prefix = "volunteering/training"
    url_namespace = "volunteering_training"
    list_display = ["volunteer", "course", "completed_on", "expires_on"]
    list_filter = ["course"]
    search_fields = ["volunteer__user__full_name", "course__name"]
    list_export = ["volunteer.user.full_name", "course.name", "completed_on", "expires_on"]
    select_related = ("volunteer__user", "course")


class SessionViewSet(ReadOnlyViewSet):
    model = VolunteerSession
    icon = "time"
    menu_label = "Sessions"
    url_prefix = "volunteering/sessions"
    url_namespace = "volunteering_sessions"
    list_display = ["volunteer", "date", "minutes"]
    search_fields = ["volunteer__user__full_name"]
    list_export = ["volunteer.user.full_name", "date", "minutes"]
    select_related = ("volunteer__user",)


class ExpenseViewSet(ReadOnlyViewSet):
    model = ExpenseClaim
    icon = "pick"
    menu_label = "Expense claims"
    url_prefix = "volunteering/expenses"
    url_namespace = "volunteering_expenses"
    list_display = ["session", "kind", "amount_pence", "status", "claimed_at", "decided_at"]
    list_filter = ["status", "kind"]
    search_fields = ["session__volunteer__user__full_name", "description"]
    list_export = [
        "session.volunteer.user.full_name",
        "session.date",
        "kind",
        "description",
        "miles",
        "amount_pence",
        "status",
        "decided_at",
        "decision_reason",
    ]
    export_headings = {
        "session.volunteer.user.full_name": "Volunteer",
        "session.date": "Session date",
    }
    select_related = ("session__volunteer__user",)


class SupervisionViewSet(ReadOnlyViewSet):
    model = SupervisionNote
    icon = "comment"
    menu_label = "Supervision notes"
    url_prefix = "volunteering/supervision"
    url_namespace = "volunteering_supervision"
    list_display = ["volunteer", "mentor", "held_on"]
    search_fields = ["volunteer__user__full_name"]
    select_related = ("volunteer__user", "mentor")


class AuditedDBSIndexView(generic.IndexView):
    """Every DBS record shown in the list is written to the audit log (who saw it, when)."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_dbs(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        services.dbs_records_viewed(checks=context.get("object_list", []), by=self.request.user)
        return context


class AuditedDBSInspectView(generic.InspectView):
    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_dbs(request.user):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services.dbs_records_viewed(checks=[self.object], by=self.request.user)
        return context


class DBSCheckViewSet(ReadOnlyViewSet):
    model = DBSCheck
    icon = "lock"
    menu_label = "DBS checks"
    url_prefix = "volunteering/dbs"
    url_namespace = "volunteering_dbs"
    index_view_class = AuditedDBSIndexView
    inspect_view_class = AuditedDBSInspectView
    list_display = [
        "volunteer",
        "level",
        "workforce",
        "issue_date",
        "decision",
        "update_service_subscribed",
    ]
    list_filter = ["decision", "level", "workforce", "update_service_subscribed"]
    search_fields = ["volunteer__user__full_name", "certificate_number"]
    inspect_view_fields = [
        "volunteer",
        "level",
        "workforce",
        "childrens_barred_list_checked",
        "adults_barred_list_checked",
        "certificate_number",
        "issue_date",
        "has_content",
        "update_service_subscribed",
        "decision",
        "decided_by",
        "decided_at",
        "risk_assessment_approved_at",
    ]
    select_related = ("volunteer__user",)


class LinkColumn(Column):
    def __init__(self, name, *, label, url_name, text):
        super().__init__(name, label=label)
        self.url_name, self.text = url_name, text

    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a>', reverse(self.url_name, args=[instance.pk]), self.text
        )


class OpportunityViewSet(ReadOnlyViewSet):
    model = Opportunity
    icon = "date"
    menu_label = "Come-along activities"
    url_prefix = "volunteering/activities"
    url_namespace = "volunteering_activities"
    list_display = ["title", "volunteer", "starts_at", "places", "status"]
    list_filter = ["status"]
    search_fields = ["title", "location", "volunteer__user__full_name"]
    list_export = [
        "title",
        "volunteer.user.full_name",
        "starts_at",
        "location",
        "places",
        "min_age",
        "max_age",
        "lead_adult",
        "status",
    ]
    select_related = ("volunteer__user",)


class VolunteeringViewSetGroup(ModelViewSetGroup):
    menu_label = "Volunteering"
    menu_icon = "group"
    menu_order = 310
    items = (
        VolunteerViewSet,
        OpportunityViewSet,
        DBSCheckViewSet,
        ReferenceViewSet,
        TrainingRecordViewSet,
        SessionViewSet,
        ExpenseViewSet,
        SupervisionViewSet,
    )

    def __init__(self):
        # Apps above volunteers add their viewsets after Volunteers (volunteers/extensions.py).
        self.items = (self.items[0], *extensions.admin_viewsets, *self.items[1:])
        super().__init__()
