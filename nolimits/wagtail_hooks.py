"""Registration only."""

from django.conf import settings

from wagtail import hooks
from wagtail.admin.ui.components import Component

from nolimits import roles
from nolimits.selectors import stale_work
from nolimits.viewsets import OutboxViewSet


@hooks.register("register_admin_viewset")
def register_outbox():
    return OutboxViewSet("outbox")


class WaitingTooLongPanel(Component):
    """Nothing waits in silence: Stripe events, tasks and emails stuck for a few minutes."""

    name = "waiting_too_long"
    order = 50
    template_name = "nolimits/admin/waiting_panel.html"

    def get_context_data(self, parent_context):
        return {"waiting": stale_work(), "minutes": settings.NOLIMITS_STALE_MINUTES}


@hooks.register("construct_homepage_panels")
def waiting_panel(request, panels):
    user = request.user
    if user.is_superuser or user.groups.filter(
        name__in=[roles.FINANCE, roles.PROGRAMME_LEADS]
    ).exists():
        panels.append(WaitingTooLongPanel())
