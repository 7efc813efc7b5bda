"""Read-only reports for coordinators (Wagtail ReportView)."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from wagtail.admin.ui.tables import Column

from nolimits.reports import RuleReport
from volunteers import permissions
from volunteers.clearance import PREFETCH, Context, clearance
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


class NotClearedReport(CoordinatorReport):
    page_title = "Not yet cleared, and why"
    index_url_name = "volunteers_report_not_cleared"
    index_results_url_name = "volunteers_report_not_cleared_results"
    columns = [
        Column("volunteer", label="Volunteer"),
        Column("stage", label="Stage"),
        Column("reasons", label="What is missing"),
    ]
    list_export = ["volunteer", "stage", "reasons"]

    def get_queryset(self):
        """A fixed number of queries: the records are prefetched and the rule's shared parts
        (required courses, current handbook, recheck period) loaded once."""
        rows = []
        context = Context.load()
        volunteers = (
            Volunteer.objects.exclude(status="left")
            .select_related("user")
            .prefetch_related(*PREFETCH)
        )
        for volunteer in volunteers:
            result = clearance(volunteer, context=context)
            if not result:
                rows.append(
                    SimpleNamespace(
                        volunteer=volunteer,
                        stage=volunteer.get_status_display(),
                        reasons=" ".join(result.reasons),
                    )
                )
        return rows


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
