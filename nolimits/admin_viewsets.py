"""Shared pieces for Wagtail admin viewsets of operational records."""

from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Records that change only through services: the admin lists, exports and inspects them."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


def register_read_only(*models) -> None:
    for model in models:
        register_permission_policy(model, ReadOnlyPolicy(model), exact_class=True)


class ReadOnlyViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields: list[str] = []
    select_related: tuple[str, ...] = ()

    def get_index_view_kwargs(self, **kwargs):
        # One query for the rows and what they show, however many rows there are.
        queryset = self.model._default_manager.select_related(*self.select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)
