"""Panel chairs and editors, who keep the grant categories, say how they are published."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

CODENAMES = ["change_opendatasettings", "view_opendatasettings"]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Grants panel chairs": CODENAMES, "Editors": CODENAMES}, ["impact"])


class Migration(migrations.Migration):
    dependencies = [("impact", "0001_open_grants_data"), ("grants", "0006_fund_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
