"""Registration only."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from grants import admin_views
from grants.viewsets import GrantsViewSetGroup


@hooks.register("register_admin_viewset")
def register_grants():
    return GrantsViewSetGroup()


@hooks.register("register_admin_urls")
def grants_urls():
    return [
        path(
            "grants/application/<int:pk>/", admin_views.application_file, name="grants_application"
        ),
        path("grants/payments/", admin_views.payments, name="grants_payments"),
        path("grants/application/<uuid:key>/proof/", admin_views.proof_download, name="grants_proof"),
        path(
            "grants/thank-you/<int:pk>/story/",
            admin_views.thank_you_story,
            name="grants_thank_you_story",
        ),
    ]


class _FinanceMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("grants.record_grant_payment")


@hooks.register("register_admin_menu_item")
def payments_menu():
    return _FinanceMenuItem(
        "Grant payments to record", reverse("grants_payments"), icon_name="pick", order=330
    )


@hooks.register("register_log_actions")
def grant_log_actions(actions):
    actions.register_action("grants.application_viewed", "Viewed application", "Viewed application")


class GrantsPanel(Component):
    name = "grants_today"
    order = 120
    template_name = "grants/admin/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        from grants.models import Application
        from grants.selectors import ready_for_panel, waiting_for
        from pledges.selectors import fund_balance

        return {
            "balance": fund_balance(),
            "waiting_for_me": waiting_for(self.user).count(),
            "ready": ready_for_panel(self.user).count(),
            "to_pay": Application.objects.filter(status__in=["approved", "part_approved"]).count(),
        }


@hooks.register("construct_homepage_panels")
def grants_panel(request, panels):
    if request.user.has_perm("grants.view_application") or request.user.has_perm(
        "grants.record_grant_payment"
    ):
        panels.append(GrantsPanel(request.user))
