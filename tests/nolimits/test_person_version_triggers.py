"""The triggers that move a person's data version (nolimits.kept_lists) are all in the database
the migrations build. On SQLite, Django alters a table by making it again, which drops its
triggers: a later migration that alters one of these tables must make them again
(migration_helpers.run_person_version_triggers), and this test fails until it does."""

from django.db import connection

import pytest

from nolimits.migration_helpers import person_version_triggers

pytestmark = pytest.mark.django_db

# Every table a kept list is drawn from, with the name its triggers were made under.
WATCHED = {
    "nl_version_gift": "pledges_donation",
    "nl_version_refund": "pledges_adjustment",
    "nl_version_pledge": "pledges_pledge",
    "nl_version_gift_aid": "pledges_giftaiddeclaration",
    "nl_version_volunteer": "volunteers_volunteer",
    "nl_version_reference": "volunteers_reference",
    "nl_version_dbs": "volunteers_dbscheck",
    "nl_version_dbs_status": "volunteers_dbsstatuscheck",
    "nl_version_training": "volunteers_trainingrecord",
    "nl_version_handbook_acceptance": "volunteers_handbookacceptance",
    "nl_version_session": "volunteers_volunteersession",
    "nl_version_expense": "volunteers_expenseclaim",
    "nl_version_course": "volunteers_trainingcourse",
    "nl_version_handbook": "volunteers_handbook",
    "nl_version_volunteering_settings": "volunteers_volunteeringsettings",
    "nl_version_match": "volunteers_match",
    "nl_version_match_review": "volunteers_matchreview",
    "nl_version_young_person": "volunteers_youngperson",
    "nl_version_mentor": "nolimits_user",
}


def triggers_in_the_database() -> set[tuple[str, str]]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
        return set(cursor.fetchall())


def expected_trigger_names(name: str) -> list[str]:
    if connection.vendor == "sqlite":
        return [f"{name}_{what}" for what in ("insert", "update", "delete")]
    return [f"{name}_insert_delete", f"{name}_update"]


def test_every_watched_table_has_its_triggers():
    found = triggers_in_the_database()
    for name, table in WATCHED.items():
        for trigger in expected_trigger_names(name):
            assert (trigger, table) in found, f"{trigger} on {table} is missing"


def test_the_sql_is_written_for_both_databases_and_no_other():
    for vendor in ("sqlite", "postgresql"):
        make, drop = person_version_triggers(vendor, "nl_x", "t", "{row}.donor_id", ["a"])
        assert make and drop and all("{row}" not in sql for sql in make)
    with pytest.raises(RuntimeError, match="SQLite or PostgreSQL"):
        person_version_triggers("mysql", "nl_x", "t", "{row}.donor_id")
