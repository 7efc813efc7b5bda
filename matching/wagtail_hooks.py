"""Registration only: the matching screens keep the addresses and menu places they had in
volunteers (the young people, matches and reviews lists join the Volunteering menu through
volunteers/extensions.py, see matching/apps.py)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from matching import admin_views, permissions, reports, selectors
from nolimits.admin_menu import RuleMenuItem

REPORTS = [
    ("waiting", reports.WaitingForMatchReport),
    ("reviews", reports.ReviewsDueReport),
    ("quiet", reports.QuietMatchesReport),
]


@hooks.register("register_admin_urls")
def matching_urls():
    urls = [
        path(
            "volunteering/young-people/<int:pk>/suggestions/",
            admin_views.suggestions,
            name="volunteers_suggestions",
        ),
        path("volunteering/match/<int:pk>/", admin_views.match_file, name="volunteers_match"),
        path("volunteering/cohort/", admin_views.cohort, name="volunteers_cohort"),
    ]
    for slug, view in REPORTS:
        urls.append(path(f"reports/volunteering/{slug}/", view.as_view(), name=view.index_url_name))
        urls.append(
            path(
                f"reports/volunteering/{slug}/results/",
                view.as_view(results_only=True),
                name=view.index_results_url_name,
            )
        )
    return urls


@hooks.register("register_reports_menu_item")
def waiting_menu():
    return RuleMenuItem(
        "Waiting for a match",
        reverse("volunteers_report_waiting"),
        icon_name="user",
        rule=permissions.can_manage_matches,
    )


@hooks.register("register_reports_menu_item")
def reviews_menu():
    return RuleMenuItem(
        "Match reviews due",
        reverse("volunteers_report_reviews"),
        icon_name="date",
        rule=permissions.can_manage_matches,
    )


@hooks.register("register_reports_menu_item")
def quiet_menu():
    return RuleMenuItem(
        "Quiet matches and 18th birthdays",
        reverse("volunteers_report_quiet"),
        icon_name="warning",
        rule=permissions.can_manage_matches,
    )


@hooks.register("register_admin_menu_item")
def cohort_menu():
    return RuleMenuItem(
        "Match a cohort",
        reverse("volunteers_cohort"),
        icon_name="group",
        order=320,
        rule=permissions.can_manage_matches,
    )


class MatchingPanel(Component):
    name = "matching_today"
    order = 111
    template_name = "matching/admin/panel.html"

    def get_context_data(self, parent_context):
        return selectors.coordinator_today()


@hooks.register("construct_homepage_panels")
def matching_panel(request, panels):
    if permissions.can_manage_matches(request.user)[0]:
        panels.append(MatchingPanel())
