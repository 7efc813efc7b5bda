"""Coordinators approve come-along activities and see their bookings."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

CODENAMES = [f"{a}_{m}" for m in ("opportunity", "booking") for a in ("view", "change")]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Volunteer coordinators": CODENAMES}, ["volunteers"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0008_opportunity_page")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
