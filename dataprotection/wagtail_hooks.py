"""Registration only: the retention reports (Reports menu), the data protection screens and the
logs of copies and erasures."""

from django.urls import path, reverse

from wagtail import hooks

from dataprotection import admin_views, permissions, reports
from dataprotection.viewsets import DataProtectionViewSetGroup
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


@hooks.register("register_admin_urls")
def data_protection_urls():
    urls = [path("data-protection/", admin_views.find_person, name="dataprotection_find")]
    for kind in admin_views.KINDS:  # /data-protection/user/3/export/, /young-person/7/erase/
        for action, view in (("export", admin_views.export), ("erase", admin_views.erase)):
            urls.append(
                path(
                    f"data-protection/{kind}/<int:pk>/{action}/",
                    view,
                    {"kind": kind},
                    name=f"dataprotection_{action}_{kind.replace('-', '_')}",
                )
            )
    urls.append(
        path("data-protection/erased/<int:pk>/", admin_views.erased, name="dataprotection_erased")
    )
    return urls


@hooks.register("register_admin_menu_item")
def data_protection_menu():
    return RuleMenuItem(
        "Find a person's data",
        reverse("dataprotection_find"),
        icon_name="user",
        order=900,
        rule=permissions.can_find_people,
    )


@hooks.register("register_admin_viewset")
def register_logs():
    return DataProtectionViewSetGroup()
