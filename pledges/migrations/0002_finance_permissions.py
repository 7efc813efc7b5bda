"""Finance sees and exports giving data (including Gift Aid and payroll) and confirms payroll
runs; Editors set the giving limits and suggested amounts. Nobody else sees giving records."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

FINANCE = [
    "view_pledge", "view_donation", "view_adjustment", "view_giftaiddeclaration", "view_giftaidclaim",
    "add_giftaidclaim", "view_payrollrun", "add_payrollrun", "view_payroll", "view_stripeevent",
]
EDITORS = ["change_givingsettings"]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in (("Finance", FINANCE), ("Editors", EDITORS)):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="pledges", codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
