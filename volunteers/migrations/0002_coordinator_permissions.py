"""Volunteer coordinators run the pipeline and see DBS records. Mentors see only their own
volunteers (an object rule in volunteers/permissions.py, not a model permission); Finance and
everyone else see nothing here."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COORDINATORS = ["manage_volunteers", "view_dbs"] + [
    f"{action}_{model}"
    for model in ("volunteer", "reference", "dbscheck", "dbsstatuscheck", "trainingrecord", "trainingcourse", "handbook", "handbookacceptance", "volunteerstatuschange")
    for action in ("view", "add", "change")
] + ["change_volunteeringsettings"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Volunteer coordinators")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="volunteers", codename__in=COORDINATORS))


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
