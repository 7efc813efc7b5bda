"""Coordinators refer young people and manage matches. Nobody else sees young people's profiles."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

CODENAMES = ["manage_matches"] + [f"{a}_{m}" for m in ("youngperson", "match", "matchreview", "matchstatuschange") for a in ("view", "add", "change")]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Volunteer coordinators": CODENAMES}, ["volunteers"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0005_matching")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
