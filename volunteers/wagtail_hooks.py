"""Registration only. The coordinators' dashboard panel shows figures (volunteers by stage), so
impact registers it (impact/dashboards.py), with this app's work queue from
volunteers.selectors.coordinator_today."""

from django.urls import path, reverse

from wagtail import hooks

from nolimits.admin_menu import RuleMenuItem
from volunteers import admin_views, reports
from volunteers.permissions import is_coordinator
from volunteers.viewsets import VolunteeringViewSetGroup


@hooks.register("after_edit_setting")
def volunteering_settings_saved(request, instance):
    """The DBS recheck period is part of the clearance rule: store every summary again."""
    from volunteers.models import VolunteeringSettings
    from volunteers.services import clearance_context_changed

    if isinstance(instance, VolunteeringSettings):
        clearance_context_changed()


@hooks.register("register_admin_viewset")
def register_volunteering():
    return VolunteeringViewSetGroup()


REPORTS = [
    ("expiring", reports.ExpiringReport),
    ("not-cleared", reports.NotClearedReport),
    ("references", reports.WaitingReferencesReport),
    ("mentors", reports.MentorsReport),
]


@hooks.register("register_admin_urls")
def volunteering_urls():
    urls = [
        path("volunteering/file/<int:pk>/", admin_views.volunteer_file, name="volunteers_file"),
        path(
            "volunteering/expenses-to-decide/",
            admin_views.expenses_queue,
            name="volunteers_expenses",
        ),
        path(
            "volunteering/come-along/",
            admin_views.opportunities_queue,
            name="volunteers_opportunities",
        ),
    ]
    for slug, view in REPORTS:
        name = view.index_url_name
        urls.append(path(f"reports/volunteering/{slug}/", view.as_view(), name=name))
        urls.append(
            path(
                f"reports/volunteering/{slug}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            )
        )
    return urls


@hooks.register("register_reports_menu_item")
def expiring_menu():
    return RuleMenuItem(
        "Checks or training expiring",
        reverse("volunteers_report_expiring"),
        icon_name="warning",
        rule=is_coordinator,
    )


@hooks.register("register_reports_menu_item")
def not_cleared_menu():
    return RuleMenuItem(
        "Volunteers not yet cleared",
        reverse("volunteers_report_not_cleared"),
        icon_name="group",
        rule=is_coordinator,
    )


@hooks.register("register_reports_menu_item")
def references_menu():
    return RuleMenuItem(
        "Waiting for references",
        reverse("volunteers_report_references"),
        icon_name="mail",
        rule=is_coordinator,
    )


@hooks.register("register_reports_menu_item")
def mentors_menu():
    return RuleMenuItem(
        "Staff mentors",
        reverse("volunteers_report_mentors"),
        icon_name="user",
        rule=is_coordinator,
    )


@hooks.register("register_admin_menu_item")
def opportunities_menu():
    return RuleMenuItem(
        "Come-along activities",
        reverse("volunteers_opportunities"),
        icon_name="date",
        order=330,
        rule=is_coordinator,
    )


@hooks.register("register_log_actions")
def dbs_log_actions(actions):
    actions.register_action("volunteers.dbs_viewed", "Viewed DBS record", "Viewed DBS record")
