"""The free-text reason and "who, when not a user" go: 0009 moved them into structured events."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("grants", "0009_history_rows_to_events")]
    operations = [
        migrations.RemoveField(model_name="applicationstatuschange", name="by_description"),
        migrations.RemoveField(model_name="applicationstatuschange", name="reason"),
    ]
