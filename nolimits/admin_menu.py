"""An admin menu item shown only to those a named permission rule lets in."""

from wagtail.admin.menu import MenuItem


class RuleMenuItem(MenuItem):
    """`rule(user)` is a rule from an app's permissions.py: a yes/no, or (allowed, reason)."""

    def __init__(self, *args, rule, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule = rule

    def is_shown(self, request):
        allowed = self.rule(request.user)
        return bool(allowed[0] if isinstance(allowed, tuple) else allowed)
