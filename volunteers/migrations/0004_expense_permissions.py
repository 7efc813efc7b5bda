"""Coordinators see sessions and supervision and decide expenses; Finance sees sessions and
expense claims (to pay them) but nothing about DBS checks."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Volunteer coordinators": ["view_volunteersession", "view_supervisionnote", "view_expenseclaim", "change_expenseclaim", "decide_expenses"],
    "Finance": ["view_expenseclaim", "view_volunteersession"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="volunteers", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0003_sessions_expenses_supervision"), ("volunteers", "0002_coordinator_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
