"""Read-only reports for coordinators (Wagtail ReportView)."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from wagtail.admin.ui.tables import Column

from nolimits.reports import RuleReport
from volunteers import permissions
from volunteers.clearance import PREFETCH, Context, clearance, cleared_q
from volunteers.models import DBSCheck, Reference, TrainingRecord, Volunteer, VolunteeringSettings


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
        """A fixed number of queries however many volunteers: the latest record of each
        required course per volunteer is picked in Python from one query."""
        today = timezone.localdate()
        until = today + dt.timedelta(days=60)
        years = getattr(VolunteeringSettings.objects.first(), "dbs_recheck_years", 3)
        rows = []
        latest: dict[tuple[int, int], TrainingRecord] = {}
        for record in (
            TrainingRecord.objects.filter(course__required=True)
            .exclude(volunteer__status="left")
            .select_related("volunteer__user", "course")
            .order_by("completed_on", "pk")
        ):
            latest[(record.volunteer_id, record.course_id)] = record
        for record in latest.values():
            if record.expires_on and record.expires_on <= until:
                rows.append(
                    SimpleNamespace(
                        volunteer=record.volunteer,
                        what=record.course.name,
                        due=record.expires_on,
                        days=(record.expires_on - today).days,
                    )
                )
        latest_dbs: dict[int, DBSCheck] = {}
        for check in (
            DBSCheck.objects.filter(decision="accepted")
            .exclude(volunteer__status="left")
            .select_related("volunteer__user")
            .order_by("issue_date", "pk")
        ):
            latest_dbs[check.volunteer_id] = check  # only the certificate that counts
        for check in latest_dbs.values():
            due = check.recheck_due(years)
            if due <= until:
                rows.append(
                    SimpleNamespace(
                        volunteer=check.volunteer,
                        what="DBS recheck",
                        due=due,
                        days=(due - today).days,
                    )
                )
        return sorted(rows, key=lambda r: (r.due, r.volunteer.user.full_name))


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
