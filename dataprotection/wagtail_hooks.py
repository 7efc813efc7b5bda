"""Registration only: the retention reports (Reports menu)."""

from django.urls import path, reverse

from wagtail import hooks

from dataprotection import permissions, reports
from nolimits.admin_menu import RuleMenuItem

REPORTS = [
    ("schedule", reports.RetentionScheduleReport, "Retention schedule", "time",
     permissions.can_view_retention),
    ("due", reports.RetentionDueReport, "Due for removal (30 days)", "bin",
     permissions.can_view_retention),
    ("due/records", reports.RetentionDueListReport, "Records due for removal", "list-ul",
     permissions.can_list_retention_due),
]  # fmt: skip


@hooks.register("register_admin_urls")
def retention_urls():
    urls = []
    for slug, view, *_ in REPORTS:
        urls.append(path(f"reports/retention/{slug}/", view.as_view(), name=view.index_url_name))
        urls.append(
            path(
                f"reports/retention/{slug}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            )
        )
    return urls


def menu_item(view, label, icon, rule):
    return lambda: RuleMenuItem(label, reverse(view.index_url_name), icon_name=icon, rule=rule)


for _slug, _view, _label, _icon, _rule in REPORTS:
    hooks.register("register_reports_menu_item", menu_item(_view, _label, _icon, _rule))
