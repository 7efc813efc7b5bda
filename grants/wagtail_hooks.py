"""Registration only. The fund's balance (grants.fund) is shown by the grants panel, the fund
panel on finance's dashboard (registered by impact, which shows it with the other figures) and,
through the `nolimits_finance_panels` hook, pledges' finance screen."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from grants import admin_views, permissions
from grants.fund import fund_balance
from grants.models import Application, ApplicationLogEntry
from grants.selectors import ready_for_panel, to_pay, waiting_for
from grants.viewsets import GrantsViewSetGroup
from nolimits.admin_menu import RuleMenuItem


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
        path(
            "grants/application/<uuid:key>/proof/", admin_views.proof_download, name="grants_proof"
        ),
        path(
            "grants/thank-you/<int:pk>/story/",
            admin_views.thank_you_story,
            name="grants_thank_you_story",
        ),
    ]


@hooks.register("register_admin_menu_item")
def payments_menu():
    return RuleMenuItem(
        "Grant payments to record",
        reverse("grants_payments"),
        icon_name="pick",
        order=330,
        rule=permissions.can_record_payment,
    )


@hooks.register("register_log_actions")
def grant_log_actions(actions):
    # Applications keep their own log (grants.models.audit): reference-only labels, and the
    # panel's rules in Wagtail's Site history report.
    actions.register_model(Application, ApplicationLogEntry)
    actions.register_action("grants.application_viewed", "Viewed application", "Viewed application")


class GrantsPanel(Component):
    name = "grants_today"
    order = 120
    template_name = "grants/admin/panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        return {
            "balance": fund_balance(),
            "waiting_for_me": waiting_for(self.user).count(),
            "ready": ready_for_panel(self.user).count(),
            "to_pay": to_pay(self.user).count(),
        }


@hooks.register("construct_homepage_panels")
def grants_panel(request, panels):
    if permissions.works_on_grants(request.user):
        panels.append(GrantsPanel(request.user))


class FundBalanceSection(Component):
    """The fund balance on pledges' finance screen (the monthly reconciliation)."""

    template_name = "grants/admin/fund_balance.html"

    def get_context_data(self, parent_context):
        return {"balance": fund_balance()}


@hooks.register("nolimits_finance_panels")
def fund_balance_on_the_finance_screen(request):
    return FundBalanceSection() if permissions.can_see_fund(request.user) else None
