"""Registration only. The fund balance is defined by grants (grants/fund.py); finance's fund
panel on the dashboard, which shows it with the monthly givers, is impact's (impact/dashboards.py)."""

from django.urls import path, reverse

from wagtail import hooks

from nolimits.admin_menu import RuleMenuItem
from pledges import admin_views, permissions, views
from pledges.models import CampaignPage
from pledges.viewsets import GivingViewSetGroup


# Innermost (a high order): Wagtail's own checks on a page (allowed methods, view restrictions)
# wrap this, so they run first, as they do for any page.
@hooks.register("on_serve_page", order=100)
def campaign_pages_take_gifts(serve):
    """A campaign page holds the campaign; its gift form is handled by pledges.views.campaign."""

    def serve_page(page, request, args, kwargs):
        if isinstance(page, CampaignPage):
            return views.campaign(request, page)
        return serve(page, request, args, kwargs)

    return serve_page


@hooks.register("register_admin_viewset")
def register_giving():
    return GivingViewSetGroup()


@hooks.register("register_admin_urls")
def giving_urls():
    return [
        path("giving/reconciliation/", admin_views.reconciliation, name="pledges_reconciliation"),
        path("giving/payroll-run/", admin_views.payroll_run, name="pledges_payroll_run"),
    ]


@hooks.register("register_reports_menu_item")
def reconciliation_menu():
    return RuleMenuItem(
        "Monthly reconciliation",
        reverse("pledges_reconciliation"),
        icon_name="table",
        rule=permissions.can_see_finance,
    )


@hooks.register("register_reports_menu_item")
def payroll_menu():
    return RuleMenuItem(
        "Payroll run",
        reverse("pledges_payroll_run"),
        icon_name="date",
        rule=permissions.can_confirm_payroll,
    )
