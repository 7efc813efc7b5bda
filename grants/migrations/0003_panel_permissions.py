"""The grants panel reviews (staff see identities; young panellists never do, see permissions.py);
chairs decide; Finance records payments but sees no case details."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Grants panel": ["access_admin", "view_application", "review_application", "see_applicant_identity"],
    "Grants panel chairs": ["access_admin", "view_application", "review_application", "decide_application", "see_applicant_identity", "change_decisiontemplate", "view_decisiontemplate"],
    "Finance": ["record_grant_payment", "view_grantpayment"],
    "Editors": ["view_thankyou"],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label__in=["grants", "wagtailadmin"], codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("grants", "0002_panel_decisions_payments"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
