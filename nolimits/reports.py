"""The one base for the admin's reports: each opens only to those its named rule lets in."""

from django.core.exceptions import PermissionDenied

from wagtail.admin.views.reports import ReportView

from nolimits.permissions import rule_allows


class RuleReport(ReportView):
    """A Wagtail report gated by `rule`, a rule from an app's permissions.py (a yes/no, or
    (allowed, reason)), the same rule its menu item uses (nolimits.admin_menu.RuleMenuItem).
    A report that names no rule opens to nobody."""

    rule = None
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        rule = type(self).rule
        if rule is None or not rule_allows(rule, request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
