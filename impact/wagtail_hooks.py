"""Registration only."""

from django.urls import path, reverse

from wagtail import hooks

from impact import permissions
from impact.report import views as board_report_views
from nolimits.admin_menu import RuleMenuItem

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
