"""Triggers that move a volunteer's data version (nolimits.PersonDataVersion, by their user)
whenever their volunteer record, references, DBS checks, training, handbook acceptances,
sessions or expense claims change, and the scheme's version (kept_lists.SCHEME, 0) whenever a
training course, handbook or the volunteering settings change: what their kept checklist and
session list are checked against (nolimits.kept_lists)."""

from django.db import migrations

from nolimits.migration_helpers import run_person_version_triggers

BY_VOLUNTEER = "(SELECT user_id FROM volunteers_volunteer WHERE id = {row}.volunteer_id)"
# Every column of a volunteer but the clearance summary the daily job stores for all 10,000 (the
# checklist works clearance out from the records). tests/volunteers/test_checklist_kept.py
# checks that every other column of the model moves the version.
VOLUNTEER_COLUMNS = [
    "id", "user_id", "route", "gender", "capacity", "areas_covered", "interests",
    "availability", "area", "experience", "volunteering_in_paid_time", "consent_to_checks",
    "consent_to_data", "status", "mentor_id", "interview_done_on", "approved_by_id",
    "approved_at", "applied_at",
]  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("nolimits", "0006_person_data_version"),
        ("volunteers", "0016_sessions_no_link_up_to_matching"),
    ]

    operations = [
        run_person_version_triggers(
            [
                {
                    "name": "nl_version_volunteer",
                    "table": "volunteers_volunteer",
                    "person": "{row}.user_id",
                    "columns": VOLUNTEER_COLUMNS,
                },
                *(
                    {"name": f"nl_version_{name}", "table": table, "person": BY_VOLUNTEER}
                    for name, table in (
                        ("reference", "volunteers_reference"),
                        ("dbs", "volunteers_dbscheck"),
                        ("training", "volunteers_trainingrecord"),
                        ("handbook_acceptance", "volunteers_handbookacceptance"),
                        ("session", "volunteers_volunteersession"),
                    )
                ),
                {
                    "name": "nl_version_dbs_status",
                    "table": "volunteers_dbsstatuscheck",
                    "person": (
                        "(SELECT volunteer.user_id FROM volunteers_dbscheck AS dbs"
                        " JOIN volunteers_volunteer AS volunteer ON volunteer.id = dbs.volunteer_id"
                        " WHERE dbs.id = {row}.dbs_check_id)"
                    ),
                },
                {
                    "name": "nl_version_expense",
                    "table": "volunteers_expenseclaim",
                    "person": (
                        "(SELECT volunteer.user_id FROM volunteers_volunteersession AS logged"
                        " JOIN volunteers_volunteer AS volunteer ON volunteer.id = logged.volunteer_id"
                        " WHERE logged.id = {row}.session_id)"
                    ),
                },
                *(
                    {"name": f"nl_version_{name}", "table": table, "person": "0"}
                    for name, table in (
                        ("course", "volunteers_trainingcourse"),
                        ("handbook", "volunteers_handbook"),
                        ("volunteering_settings", "volunteers_volunteeringsettings"),
                    )
                ),
            ]
        ),
    ]
