"""The grants panel reviews (staff see identities; young panellists never do, see permissions.py);
chairs decide; Finance records payments but sees no case details."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

GRANTS = {
    "Grants panel": ["access_admin", "view_application", "review_application", "see_applicant_identity"],
    "Grants panel chairs": ["access_admin", "view_application", "review_application", "decide_application", "see_applicant_identity", "change_decisiontemplate", "view_decisiontemplate"],
    "Finance": ["record_grant_payment", "view_grantpayment"],
    "Editors": ["view_thankyou"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, GRANTS, ["grants", "wagtailadmin"])


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_panel_decisions_payments"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
