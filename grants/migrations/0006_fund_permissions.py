"""Panel chairs and editors keep the categories (with their maximums), rounds and budgets."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

CODENAMES = [f"{a}_{m}" for m in ("category", "round") for a in ("add", "change", "view")]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Grants panel chairs": CODENAMES, "Editors": CODENAMES}, ["grants"])


class Migration(migrations.Migration):
    dependencies = [("grants", "0005_rounds")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
