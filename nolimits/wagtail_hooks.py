"""Registration only."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.admin.ui.components import Component

from nolimits import roles
from nolimits.selectors import stale_work
from nolimits.viewsets import OutboxViewSet


@hooks.register("insert_global_admin_css")
def date_input_css():
    """The GOV.UK date input in the admin's look (components/admin_field.html)."""
    return format_html('<link rel="stylesheet" href="{}">', static("nolimits/admin.css"))


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
