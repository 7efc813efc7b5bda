"""Coordinators' matching reports (Reports menu): who waits for a match, reviews due, quiet matches."""

from types import SimpleNamespace

from wagtail.admin.ui.tables import Column

from matching import permissions
from matching.models import YoungPerson
from matching.selectors import quiet_matches, reviews_due, turning_eighteen
from nolimits.reports import RuleReport


class MatcherReport(RuleReport):
    header_icon = "group"
    rule = permissions.can_manage_matches


class WaitingForMatchReport(MatcherReport):
    page_title = "Waiting for a match"
    index_url_name = "volunteers_report_waiting"
    index_results_url_name = "volunteers_report_waiting_results"
    columns = [
        Column("first_name", label="Young person"),
        Column("area", label="Area"),
        Column("referred_at", label="Referred"),
        Column("worker_name", label="Worker"),
    ]
    list_export = ["first_name", "area", "referred_at", "worker_name"]

    def get_queryset(self):
        return YoungPerson.objects.filter(status=YoungPerson.Status.WAITING).order_by("referred_at")


class ReviewsDueReport(MatcherReport):
    page_title = "Match reviews due"
    index_url_name = "volunteers_report_reviews"
    index_results_url_name = "volunteers_report_reviews_results"
    columns = [
        Column("match", label="Match"),
        Column("kind", label="Review"),
        Column("due_on", label="Due"),
    ]
    list_export = ["match", "kind", "due_on"]

    def get_queryset(self):
        return [
            SimpleNamespace(match=r.match, kind=r.get_kind_display(), due_on=r.due_on)
            for r in reviews_due(within_days=30)
        ]


class QuietMatchesReport(MatcherReport):
    page_title = "Quiet matches (no session for 14 days)"
    index_url_name = "volunteers_report_quiet"
    index_results_url_name = "volunteers_report_quiet_results"
    columns = [
        Column("match", label="Match"),
        Column("last", label="Last session"),
        Column("turning_18", label="Turns 18"),
    ]
    list_export = ["match", "last", "turning_18"]

    def get_queryset(self):
        eighteen = {m.pk: day for m, day in turning_eighteen()}
        rows = [
            SimpleNamespace(
                match=m, last=m.last_session or "none yet", turning_18=eighteen.get(m.pk, "")
            )
            for m in quiet_matches(days=14)
        ]
        quiet_ids = {r.match.pk for r in rows}
        rows += [
            SimpleNamespace(match=m, last="(not quiet)", turning_18=day)
            for m, day in turning_eighteen()
            if m.pk not in quiet_ids
        ]
        return rows
