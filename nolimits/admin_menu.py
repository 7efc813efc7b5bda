"""An admin menu item shown only to those a named permission rule lets in."""

from wagtail.admin.menu import MenuItem

from nolimits.permissions import rule_allows


class RuleMenuItem(MenuItem):
    """`rule(user)` is a rule from an app's permissions.py: a yes/no, or (allowed, reason)."""

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        return rule_allows(self.rule, request.user)
