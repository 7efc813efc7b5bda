"""Coordinators refer young people and manage matches. Nobody else sees young people's profiles."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["manage_matches"] + [f"{a}_{m}" for m in ("youngperson", "match", "matchreview", "matchstatuschange") for a in ("view", "add", "change")]


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
    dependencies = [("volunteers", "0005_matching")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
