"""Volunteer coordinators run the pipeline and see DBS records. Mentors see only their own
volunteers (an object rule in volunteers/permissions.py, not a model permission); Finance and
everyone else see nothing here."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

COORDINATORS = ["manage_volunteers", "view_dbs"] + [
    f"{action}_{model}"
    for model in ("volunteer", "reference", "dbscheck", "dbsstatuscheck", "trainingrecord", "trainingcourse", "handbook", "handbookacceptance", "volunteerstatuschange")
    for action in ("view", "add", "change")
] + ["change_volunteeringsettings"]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Volunteer coordinators": COORDINATORS}, ["volunteers"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0001_initial"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
