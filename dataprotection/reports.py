"""The admin's retention screens (Reports menu): the schedule itself, how many records fall due
in the next 30 days, and (for those allowed) which ones, by reference only."""

from types import SimpleNamespace

from wagtail.admin.ui.tables import Column

from dataprotection import permissions
from dataprotection.retention import SCHEDULE
from dataprotection.services import due_within
from nolimits.reports import RuleReport

DUE_WITHIN_DAYS = 30


class RetentionScheduleReport(RuleReport):
    page_title = "Retention schedule"
    header_icon = "time"
    rule = permissions.can_view_retention
    index_url_name = "dataprotection_retention_schedule"
    index_results_url_name = "dataprotection_retention_schedule_results"
    columns = [
        Column("name", label="Kind of record"),
        Column("period", label="Kept for"),
        Column("runs_from", label="From"),
        Column("action", label="Then"),
    ]
    list_export = ["name", "period", "runs_from", "action", "why"]

    def get_queryset(self):
        return [
            SimpleNamespace(
                name=k.name,
                period=k.period_text,
                runs_from=k.runs_from,
                action=f"{k.action_text}: {k.then}",
                why=k.why,
            )
            for k in SCHEDULE
        ]


def days_text(by_day) -> str:
    return "; ".join(f"{day:%d %b %Y}: {n}" for day, n in by_day)


class RetentionDueReport(RuleReport):
    page_title = f"Due for removal in the next {DUE_WITHIN_DAYS} days"
    header_icon = "bin"
    rule = permissions.can_view_retention
    index_url_name = "dataprotection_retention_due"
    index_results_url_name = "dataprotection_retention_due_results"
    columns = [
        Column("name", label="Kind of record"),
        Column("count", label="Records"),
        Column("action", label="Then"),
        Column("days", label="On (day: records)"),
    ]
    list_export = ["name", "count", "action", "days"]

    def get_queryset(self):
        return [
            SimpleNamespace(
                name=d.kind.name, count=d.count, action=d.kind.action_text, days=days_text(d.by_day)
            )
            for d in due_within(days=DUE_WITHIN_DAYS)
        ]


class RetentionDueListReport(RuleReport):
    page_title = f"Records due for removal in the next {DUE_WITHIN_DAYS} days"
    header_icon = "list-ul"
    rule = permissions.can_list_retention_due
    index_url_name = "dataprotection_retention_due_list"
    index_results_url_name = "dataprotection_retention_due_list_results"
    columns = [
        Column("day", label="On"),
        Column("name", label="Kind of record"),
        Column("reference", label="Record"),
        Column("action", label="Then"),
    ]
    list_export = ["day", "name", "reference", "action"]

    def get_queryset(self):
        rows = [
            SimpleNamespace(
                day=d.day,
                name=found.kind.name,
                reference=d.reference,
                action=found.kind.action_text,
            )
            for found in due_within(days=DUE_WITHIN_DAYS)
            for d in found.due
        ]
        return sorted(rows, key=lambda r: (r.day, r.name, r.reference))
