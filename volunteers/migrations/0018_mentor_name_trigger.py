"""A mentor's new name moves the data version of each volunteer they mentor: the volunteer's
kept checklist shows it (nolimits.kept_lists)."""

from django.db import migrations

from nolimits.migration_helpers import run_person_version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("nolimits", "0006_person_data_version"),
        ("volunteers", "0017_person_version_triggers"),
    ]

    operations = [
        run_person_version_triggers(
            [
                {
                    "name": "nl_version_mentor",
                    "table": "nolimits_user",
                    "person": "SELECT user_id AS person FROM volunteers_volunteer WHERE mentor_id = {row}.id",
                    "columns": ["full_name"],
                },
            ]
        ),
    ]
