"""Coordinators approve come-along activities and see their bookings."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = [f"{a}_{m}" for m in ("opportunity", "booking") for a in ("view", "change")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Volunteer coordinators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="volunteers", codename__in=CODENAMES))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0008_opportunity_page")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
