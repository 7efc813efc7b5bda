"""Shared by the data migrations that give roles their permissions (kept stable: migrations import it)."""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, grants: dict[str, list[str]], app_labels: list[str]) -> None:
    """Give each named group these permission codenames (from these apps), creating the group
    and any permission rows not made yet (they are normally made after all migrations run)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label__in=app_labels, codename__in=codenames
            )
        )
