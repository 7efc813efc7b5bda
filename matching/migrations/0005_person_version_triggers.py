"""Triggers that move a volunteer's data version (nolimits.PersonDataVersion, by their user)
whenever their matches, the matches' reviews, or a young person they are matched with change:
their kept checklist shows their young people and their kept session list offers them
(nolimits.kept_lists)."""

from django.db import migrations

from nolimits.migration_helpers import run_person_version_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("nolimits", "0006_person_data_version"),
        ("matching", "0004_sessions_with_a_match"),
        ("volunteers", "0017_person_version_triggers"),
    ]

    operations = [
        run_person_version_triggers(
            [
                {
                    "name": "nl_version_match",
                    "table": "volunteers_match",
                    "person": "(SELECT user_id FROM volunteers_volunteer WHERE id = {row}.volunteer_id)",
                },
                {
                    "name": "nl_version_match_review",
                    "table": "volunteers_matchreview",
                    "person": (
                        "(SELECT volunteer.user_id FROM volunteers_match AS matched"
                        " JOIN volunteers_volunteer AS volunteer ON volunteer.id = matched.volunteer_id"
                        " WHERE matched.id = {row}.match_id)"
                    ),
                },
                {
                    # A young person may have had several volunteers: every one of them.
                    "name": "nl_version_young_person",
                    "table": "volunteers_youngperson",
                    "person": (
                        "SELECT volunteer.user_id AS person FROM volunteers_match AS matched"
                        " JOIN volunteers_volunteer AS volunteer ON volunteer.id = matched.volunteer_id"
                        " WHERE matched.young_person_id = {row}.id"
                    ),
                },
            ]
        ),
    ]
