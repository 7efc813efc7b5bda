"""The Workers role (personal advisers, social workers, keyworkers): they may start a grant
application with a young person beside them. It works on the public site, not the admin."""

from django.db import migrations

from nolimits.migration_helpers import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, {"Workers": ["start_application_for_young_person"]}, ["grants"])


class Migration(migrations.Migration):
    dependencies = [("grants", "0010_history_without_free_text"), ("nolimits", "0003_roles")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
