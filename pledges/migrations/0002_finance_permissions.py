"""Finance sees and exports giving data (including Gift Aid and payroll) and confirms payroll
runs; Editors set the giving limits and suggested amounts. Nobody else sees giving records."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

FINANCE = [
    "view_pledge", "view_donation", "view_adjustment", "view_giftaiddeclaration", "view_giftaidclaim",
    "add_giftaidclaim", "view_payrollrun", "add_payrollrun", "view_payroll", "view_stripeevent",
]
EDITORS = ["change_givingsettings"]


def grant(apps, schema_editor):
    grant_permissions(apps, {"Finance": FINANCE, "Editors": EDITORS}, ["pledges"])


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
