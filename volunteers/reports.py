"""Read-only reports for coordinators (Wagtail ReportView)."""

import datetime as dt
from types import SimpleNamespace

from django.db.models import CharField, Exists, F, OuterRef, Q, Value
from django.utils import timezone

from wagtail.admin.ui.tables import Column

from nolimits.reports import RuleReport
from volunteers import permissions
from volunteers.clearance import PREFETCH, Context, clearance, cleared_q
from volunteers.models import (
    DBSCheck,
    RecheckDue,
    Reference,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
    add_months,
)


class CoordinatorReport(RuleReport):
    header_icon = "group"
    rule = permissions.is_coordinator


class ExpiringReport(CoordinatorReport):
    """DBS rechecks and required training falling due in the next 60 days (or already overdue)."""

    page_title = "Checks or training expiring in 60 days"
    index_url_name = "volunteers_report_expiring"
    index_results_url_name = "volunteers_report_expiring_results"
    columns = [
        Column("volunteer", label="Volunteer"),
        Column("what", label="What"),
        Column("due", label="Due"),
        Column("days", label="Days left"),
    ]
    list_export = ["volunteer", "what", "due", "days"]

    def get_queryset(self):
        """Found, ordered and paginated in the database: only the record that counts (the
        latest of each required course per volunteer, the latest accepted certificate), and only
        those falling due by when they fall due (DBS rechecks by RecheckDue, the database form
        of DBSCheck.recheck_due), then by name, training before a DBS recheck on the same day;
        one list (a UNION) however many volunteers and records there are."""
        today = timezone.localdate()
        until = today + dt.timedelta(days=60)
        years = getattr(VolunteeringSettings.objects.first(), "dbs_recheck_years", 3)
        later_training = TrainingRecord.objects.filter(
            volunteer=OuterRef("volunteer"), course=OuterRef("course")
        ).filter(
            Q(completed_on__gt=OuterRef("completed_on"))
            | Q(completed_on=OuterRef("completed_on"), pk__gt=OuterRef("pk"))
        )
        training = (
            TrainingRecord.objects.filter(course__required=True, expires_on__lte=until)
            .exclude(volunteer__status="left")
            .exclude(Exists(later_training))
            .values(
                volunteer_name=F("volunteer__user__full_name"),
                what=F("course__name"),
                due=F("expires_on"),
                kind=Value(0),
            )
            .order_by()
        )
        later_dbs = DBSCheck.objects.filter(
            volunteer=OuterRef("volunteer"), decision="accepted"
        ).filter(
            Q(issue_date__gt=OuterRef("issue_date"))
            | Q(issue_date=OuterRef("issue_date"), pk__gt=OuterRef("pk"))
        )
        # A day's margin for certificates issued on 29 February; RecheckDue decides.
        issued_by = add_months(until, -12 * years) + dt.timedelta(days=1)
        dbs = (
            DBSCheck.objects.filter(decision="accepted", issue_date__lte=issued_by)
            .exclude(volunteer__status="left")
            .exclude(Exists(later_dbs))
            .alias(recheck_due=RecheckDue("issue_date", years))
            .filter(recheck_due__lte=until)
            .values(
                volunteer_name=F("volunteer__user__full_name"),
                what=Value("DBS recheck", output_field=CharField()),
                due=RecheckDue("issue_date", years),
                kind=Value(1),
            )
            .order_by()
        )
        return training.union(dbs, all=True).order_by("due", "volunteer_name", "kind", "what")

    def decorate_paginated_queryset(self, object_list):
        """The page's rows (every row, for an export), with the days left."""
        today = timezone.localdate()
        return [
            row
            if isinstance(row, SimpleNamespace)
            else SimpleNamespace(
                volunteer=row["volunteer_name"],
                what=row["what"],
                due=row["due"],
                days=(row["due"] - today).days,
            )
            for row in object_list
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Wagtail builds the table before decorating: give it the rows with the days left.
        context["object_list"] = self.decorate_paginated_queryset(context["object_list"])
        context["table"] = self.get_table(context["object_list"])
        return context


class ReasonsColumn(Column):
    """What is missing, worked out by clearance() for the volunteers on the page only."""

    def get_value(self, instance):
        return " ".join(instance.not_cleared_reasons)


class NotClearedReport(CoordinatorReport):
    """Everyone not yet cleared (not counting those who left), found in the database from the
    stored clearance summary (clearance.cleared_q); only the page's volunteers, with their
    records prefetched, are run through clearance() for the reasons."""

    page_title = "Not yet cleared, and why"
    index_url_name = "volunteers_report_not_cleared"
    index_results_url_name = "volunteers_report_not_cleared_results"
    columns = [
        Column("volunteer", label="Volunteer", accessor="user"),
        Column("stage", label="Stage", accessor="get_status_display"),
        ReasonsColumn("reasons", label="What is missing"),
    ]
    list_export = ["volunteer", "stage", "reasons"]

    def get_queryset(self):
        return (
            Volunteer.objects.exclude(status="left")
            .exclude(cleared_q())
            .select_related("user")
            .prefetch_related(*PREFETCH)
            .order_by("user__full_name", "pk")
        )

    def decorate_paginated_queryset(self, object_list):
        volunteers = list(object_list)
        undecided = [v for v in volunteers if not hasattr(v, "not_cleared_reasons")]
        if undecided:
            context = Context.load()
            for volunteer in undecided:
                volunteer.not_cleared_reasons = clearance(volunteer, context=context).reasons
        return volunteers

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Wagtail builds the table before decorating: give it the rows with their reasons.
        context["object_list"] = self.decorate_paginated_queryset(context["object_list"])
        context["table"] = self.get_table(context["object_list"])
        return context

    def to_row_dict(self, item):
        return {
            "volunteer": item.user,
            "stage": item.get_status_display(),
            "reasons": " ".join(item.not_cleared_reasons),
        }


class WaitingReferencesReport(CoordinatorReport):
    page_title = "Waiting for references"
    index_url_name = "volunteers_report_references"
    index_results_url_name = "volunteers_report_references_results"
    columns = [
        Column("volunteer", label="Volunteer"),
        Column("name", label="Referee"),
        Column("email", label="Email"),
        Column("requested_on", label="Asked on"),
    ]
    list_export = ["volunteer", "name", "email", "requested_on"]

    def get_queryset(self):
        return (
            Reference.objects.filter(outcome=Reference.Outcome.WAITING)
            .exclude(volunteer__status="left")
            .select_related("volunteer__user")
            .order_by("requested_on")
        )


class MentorsReport(CoordinatorReport):
    """Staff mentors and the volunteers each one supports."""

    page_title = "Staff mentors"
    index_url_name = "volunteers_report_mentors"
    index_results_url_name = "volunteers_report_mentors_results"
    columns = [
        Column("full_name", label="Mentor"),
        Column("email", label="Email"),
        Column("volunteer_count", label="Volunteers"),
        Column("names", label="Who"),
    ]
    list_export = ["full_name", "email", "volunteer_count", "names"]

    def get_queryset(self):
        from django.db.models import Count, Prefetch, Q

        from nolimits.models import User

        mentors = (
            User.objects.filter(groups__name="Mentors")
            .annotate(volunteer_count=Count("mentees", filter=~Q(mentees__status="left")))
            .prefetch_related(
                Prefetch(
                    "mentees",
                    queryset=Volunteer.objects.exclude(status="left").select_related("user"),
                )
            )
            .order_by("full_name")
        )
        for mentor in mentors:
            mentor.names = ", ".join(v.user.full_name for v in mentor.mentees.all())
        return list(mentors)
