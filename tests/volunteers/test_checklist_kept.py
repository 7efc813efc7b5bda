"""What a volunteer's checklist reads of their records is kept in the cache until one of them
changes, or a training course, the handbook or the settings change, or the day does (issue 17,
nolimits.kept_lists). The database's triggers move the versions, so each change below is made a
different way (a service, update(), raw SQL, a bulk write) and then read through the real page."""

import datetime as dt
import re

from django.db import connection
from django.utils import timezone

import pytest
import time_machine

from nolimits import kept_lists
from tests.volunteers.conftest import applicant
from volunteers import clearance, services
from volunteers.models import (
    DBSCheck,
    DBSStatusCheck,
    Handbook,
    Reference,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
)

pytestmark = pytest.mark.django_db
CHECKLIST = "/volunteer/checklist/"


@pytest.fixture
def volunteer(client, home, induction):
    volunteer = applicant()
    client.force_login(volunteer.user)
    return volunteer


def page(client) -> str:
    response = client.get(CHECKLIST)
    assert response.status_code == 200
    return response.content.decode()


def versions(volunteer) -> tuple[int, int]:
    return kept_lists.version_of(volunteer.user_id)


def test_the_second_view_reads_the_kept_records(
    client, volunteer, handbook, django_assert_max_num_queries
):
    page(client)
    first = page(client)
    kept = kept_lists.entry(volunteer.user_id, "checklist")
    assert kept["stamp"]["version"] == list(versions(volunteer))
    # What is kept is what the page shows, drawn: no model row (with secrets the page does not
    # show, like a referee's link token) and no form token (a mark the page fills in).
    assert set(kept["value"]) == {"body"} and isinstance(kept["value"]["body"], str)
    for reference in volunteer.references.all():
        assert str(reference.token) not in kept["value"]["body"]
    served = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first)
    assert served and served[1] != kept_lists.TOKEN_MARK and served[1] not in repr(kept)
    assert "{#" not in first and "#}" not in first  # no template comment shown as text
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')  # masked anew each time
    with django_assert_max_num_queries(8):
        assert token.sub("", page(client)) == token.sub("", first)


def test_each_record_changing_shows_at_once(client, volunteer, coordinator, induction):
    assert "0 of 2 back" in page(client)
    # A reference comes back (a service), and another (update())
    first, second = volunteer.references.all()
    services.reference_record(
        reference=first, by=coordinator, outcome="satisfactory", received_on=timezone.localdate()
    )
    assert "1 of 2 back" in page(client)
    Reference.objects.filter(pk=second.pk).update(outcome="satisfactory")
    assert "1 of 2 back" not in page(client)
    # The interview (the volunteer's own row, raw SQL)
    table = connection.ops.quote_name(Volunteer._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET interview_done_on = %s WHERE id = %s",  # noqa: S608
            [dt.date(2026, 11, 3), volunteer.pk],
        )
    assert "Done 3 November 2026" in page(client)
    # A DBS check recorded, then its status checked
    check = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level=DBSCheck.Level.ENHANCED_BARRED,
        workforce="both",
        childrens_barred_list_checked=True,
        certificate_number="001234567890",
        issue_date=dt.date(2026, 10, 1),
    )
    assert check.get_decision_display() in page(client)
    before = versions(volunteer)
    DBSStatusCheck.objects.create(
        dbs_check=check, checked_on=timezone.localdate(), result="current", checked_by=coordinator
    )
    assert versions(volunteer)[0] > before[0]
    # Training (a bulk write)
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                volunteer=volunteer,
                course=induction,
                completed_on=dt.date(2026, 9, 9),
                recorded_by=coordinator,
            )
        ]
    )
    assert "Done 9 September 2026" in page(client)


def test_the_schemes_courses_handbook_and_settings_show_at_once(client, volunteer, home):
    page(client)
    TrainingCourse.objects.create(name="Online safety refresher", required=True)
    assert "Online safety refresher" in page(client)
    TrainingCourse.objects.filter(name="Online safety refresher").update(name="Online safety")
    assert "Online safety refresher" not in page(client)
    Handbook.objects.create(version="2027.1", summary="New", published_on=dt.date(2026, 1, 2))
    assert "2027.1" in page(client)
    before = versions(volunteer)
    settings = VolunteeringSettings.for_site(home.get_site())
    settings.dbs_recheck_years = 2
    settings.save()
    assert versions(volunteer)[1] > before[1]


def test_a_new_day_draws_the_records_again(client, volunteer, induction, coordinator):
    """A training record expiring is shown as expired from its day, with nothing changed."""
    expires = timezone.localdate() + dt.timedelta(days=1)
    TrainingRecord.objects.create(
        volunteer=volunteer,
        course=induction,
        completed_on=dt.date(2024, 1, 1),
        expires_on=expires,
        recorded_by=coordinator,
    )
    assert "Expired" not in page(client)
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, hours=1)):
        client.force_login(volunteer.user)  # the session of a day before has ended
        assert f"Expired {expires.day} {expires:%B %Y}" in page(client)


def test_every_column_of_a_volunteer_but_the_clearance_summary_moves_the_version(volunteer):
    """The volunteers' update trigger lists its columns (so the daily job storing every
    volunteer's clearance summary does not move 10,000 versions): every other column of the
    model now must be there."""
    table = connection.ops.quote_name(Volunteer._meta.db_table)
    summary = {"cleared_children_until", "cleared_adults_until"}
    for field in Volunteer._meta.concrete_fields:
        column = connection.ops.quote_name(field.column)
        before = versions(volunteer)[0]
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = {column} WHERE id = %s",  # noqa: S608
                [volunteer.pk],
            )
        assert (versions(volunteer)[0] > before) == (field.name not in summary), field.name


def test_storing_clearance_summaries_leaves_the_version_alone(volunteer):
    Volunteer.objects.filter(pk=volunteer.pk).update(
        cleared_children_until=dt.date(2030, 1, 1), cleared_adults_until=dt.date(2030, 1, 1)
    )
    before = versions(volunteer)
    assert clearance.store_summaries([volunteer.pk]) == 1
    assert versions(volunteer) == before


def test_the_handbook_is_accepted_from_the_kept_checklist(volunteer, handbook):
    """The form on a kept checklist carries this browser's own CSRF token: accepting the
    handbook works with Django's CSRF checks on, and the checklist then says so."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(volunteer.user)
    browser.get(CHECKLIST)
    html = browser.get(CHECKLIST).content.decode()
    token = re.search(
        r'action="/volunteer/checklist/handbook/"><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )
    assert token and token[1] != kept_lists.TOKEN_MARK
    response = browser.post("/volunteer/checklist/handbook/", {"csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302
    assert "You accepted it" in browser.get(CHECKLIST).content.decode()


def test_a_mentors_new_name_shows(client, volunteer, coordinator, mentor):
    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    assert mentor.full_name in page(client)
    type(mentor).objects.filter(pk=mentor.pk).update(full_name="Morgan Newname")
    assert "Morgan Newname" in page(client)


def test_a_change_committed_just_before_the_versions_are_read_is_not_kept_stale(
    client, volunteer, coordinator, mentor, monkeypatch
):
    """The view finds the volunteer, then kept() reads the data versions: a change landing in
    between must not be drawn from the view's older copy and kept under the newer version."""
    from nolimits.models import User

    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    page(client)
    read = kept_lists._read

    def a_change_lands_first(person_id, part):
        Volunteer.objects.filter(pk=volunteer.pk).update(interview_done_on=dt.date(2026, 11, 4))
        User.objects.filter(pk=mentor.pk).update(full_name="Nova Mentor")
        return read(person_id, part)

    monkeypatch.setattr(kept_lists, "_read", a_change_lands_first)
    page(client)
    monkeypatch.setattr(kept_lists, "_read", read)
    html = page(client)
    assert "Done 4 November 2026" in html and "Nova Mentor" in html


def test_text_cannot_be_turned_into_a_form_token(client, volunteer):
    """The mark a kept drawing holds where a token goes cannot be typed into a name it shows."""
    reference = volunteer.references.first()
    reference.name = "Ann nolimits-kept-csrf-token kept-csrf- Smith"
    reference.save()
    html = page(client)
    assert "Ann nolimits-kept-csrf-token kept-csrf- Smith" in html
    assert kept_lists.TOKEN_MARK.startswith("kept-csrf-") and len(kept_lists.TOKEN_MARK) > 40
