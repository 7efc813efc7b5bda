"""Panel chairs and editors keep the categories (with their maximums), rounds and budgets."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{a}_{m}" for m in ("category", "round") for a in ("add", "change", "view")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ("Grants panel chairs", "Editors"):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="grants", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_rounds")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
