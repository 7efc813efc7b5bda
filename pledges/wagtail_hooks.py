"""Registration only. The fund panel on the dashboard is grants' (grants/wagtail_hooks.py):
the fund balance is defined there."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pledges import admin_views
from pledges.viewsets import GivingViewSetGroup


@hooks.register("register_admin_viewset")
def register_giving():
    return GivingViewSetGroup()


@hooks.register("register_admin_urls")
def giving_urls():
    return [
        path("giving/reconciliation/", admin_views.reconciliation, name="pledges_reconciliation"),
        path("giving/payroll-run/", admin_views.payroll_run, name="pledges_payroll_run"),
    ]


class _PermMenuItem(MenuItem):
    def __init__(self, *args, perm: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_reports_menu_item")
def reconciliation_menu():
    return _PermMenuItem(
        "Monthly reconciliation",
        reverse("pledges_reconciliation"),
        icon_name="table",
        perm="pledges.view_donation",
    )


@hooks.register("register_reports_menu_item")
def payroll_menu():
    return _PermMenuItem(
        "Payroll run",
        reverse("pledges_payroll_run"),
        icon_name="date",
        perm="pledges.add_payrollrun",
    )
