"""Coordinators see young people's status logs, as they see the matches' (README role table)."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

CODENAMES = [f"{a}_youngpersonstatuschange" for a in ("view", "add", "change")]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Volunteer coordinators": CODENAMES}, ["matching"])


class Migration(migrations.Migration):
    dependencies = [("matching", "0002_status_change_logs")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
