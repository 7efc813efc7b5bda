"""Coordinators see sessions and supervision and decide expenses; Finance sees sessions and
expense claims (to pay them) but nothing about DBS checks."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions

GRANTS = {
    "Volunteer coordinators": ["view_volunteersession", "view_supervisionnote", "view_expenseclaim", "change_expenseclaim", "decide_expenses"],
    "Finance": ["view_expenseclaim", "view_volunteersession"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, GRANTS, ["volunteers"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0003_sessions_expenses_supervision"), ("volunteers", "0002_coordinator_permissions")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
