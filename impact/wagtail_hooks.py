"""Registration only: the top floor's admin screens, menu items and dashboard panels."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from grants.permissions import can_see_fund
from impact import dashboards, permissions
from impact.champions import admin_views as champion_views
from impact.champions.models import Encouragement
from impact.report import views as board_report_views
from nolimits.admin_menu import RuleMenuItem
from volunteers.permissions import is_coordinator

# --- The board report (impact/report/) ------------------------------------------------------------


@hooks.register("register_admin_urls")
def board_report_urls():
    return [
        path("reports/board-report/", board_report_views.board_report, name="impact_board_report"),
        path(
            "reports/board-report/<int:pk>/pdf/",
            board_report_views.stored_board_report,
            {"file_format": "pdf"},
            name="impact_stored_board_report_pdf",
        ),
        path(
            "reports/board-report/<int:pk>/ods/",
            board_report_views.stored_board_report,
            {"file_format": "ods"},
            name="impact_stored_board_report_ods",
        ),
    ]


@hooks.register("register_reports_menu_item")
def board_report_menu():
    return RuleMenuItem(
        "Corporate Parenting Board report",
        reverse("impact_board_report"),
        icon_name="doc-full",
        rule=permissions.can_make_board_report,
    )


# --- Participation by directorate (issue 15 item 4) ---------------------------------------------


@hooks.register("register_admin_urls")
def participation_urls():
    return [
        path("impact/directorates/", champion_views.participation, name="impact_participation"),
        path(
            "impact/directorates/<slug:key>/",
            champion_views.directorate,
            name="impact_directorate",
        ),
        path("impact/encouragement/", champion_views.encouragement, name="impact_encouragement"),
        path("impact/champions/", champion_views.champions, name="impact_champions"),
    ]


@hooks.register("register_admin_menu_item")
def participation_menu():
    return RuleMenuItem(
        "Participation by directorate",
        reverse("impact_participation"),
        icon_name="group",
        order=350,
        rule=permissions.can_see_participation,
    )


@hooks.register("register_admin_menu_item")
def encouragement_menu():
    return RuleMenuItem(
        "Encouragement to share",
        reverse("impact_encouragement"),
        icon_name="mail",
        order=351,
        rule=permissions.can_see_encouragement,
    )


@hooks.register("register_admin_menu_item")
def champions_menu():
    return RuleMenuItem(
        "Directorate champions",
        reverse("impact_champions"),
        icon_name="user",
        order=352,
        rule=permissions.can_manage_champions,
    )


class EncouragementViewSet(SnippetViewSet):
    model = Encouragement
    icon = "mail"
    list_display = ["title", "channel", "sort_order"]
    copy_view_enabled = False


register_snippet(EncouragementViewSet)


# --- Dashboards that show figures (issue 15 item 1) ---------------------------------------------


@hooks.register("construct_homepage_panels")
def figures_panels(request, panels):
    user = request.user
    if permissions.can_see_programme_figures(user):
        panels.append(dashboards.ProgrammeFiguresPanel())
    if can_see_fund(user):
        panels.append(dashboards.FundPanel())
    if is_coordinator(user):
        panels.append(dashboards.VolunteeringPanel())
