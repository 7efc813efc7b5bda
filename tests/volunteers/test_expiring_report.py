"""The coordinators' "Checks or training expiring in 60 days" report (volunteers.reports
.ExpiringReport) is found, ordered and paginated in the database: it lists exactly what the rule
in Python lists (DBSCheck.recheck_due, the latest record that counts), in the same order, and
RecheckDue (recheck_due in SQL) gives the same day as recheck_due for every issue date."""

import csv
import datetime as dt
import io

from django.utils import timezone

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.factories import UserFactory
from volunteers.models import (
    DBSCheck,
    RecheckDue,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
)

pytestmark = pytest.mark.django_db

URL = "/admin/reports/volunteering/expiring/"
# The report runs 60 days on from here: to 28 February 2027, the day a certificate issued on
# 29 February 2024 is due for its three-yearly recheck (SQLite's own date arithmetic says 1 March).
TODAY = dt.datetime(2026, 12, 30, 12, tzinfo=dt.UTC)


def volunteer(n: int, status: str = "active") -> Volunteer:
    user = UserFactory(full_name=f"Volunteer {n:03d}")
    return Volunteer.objects.create(user=user, route="one_to_one", status=status, area="Riverside")


def check(who: Volunteer, issued: dt.date, by, decision: str = "accepted") -> DBSCheck:
    return DBSCheck.objects.create(
        volunteer=who,
        level="enhanced_barred",
        workforce="both",
        childrens_barred_list_checked=True,
        certificate_number="001234567890",
        issue_date=issued,
        decision=decision,
        recorded_by=by,
    )


def test_recheck_due_in_the_database_is_recheck_due_for_every_day(coordinator):
    who = volunteer(1)
    days = [dt.date(2019, 12, 1) + dt.timedelta(days=i) for i in range(5 * 366 + 90)]
    DBSCheck.objects.bulk_create(
        DBSCheck(
            volunteer=who,
            level="enhanced",
            workforce="both",
            certificate_number="001234567890",
            issue_date=day,
            recorded_by=coordinator,
        )
        for day in days
    )
    assert dt.date(2020, 2, 29) in days and dt.date(2024, 2, 29) in days
    for years in (1, 2, 3, 4, 5):
        found = dict(
            DBSCheck.objects.annotate(due=RecheckDue("issue_date", years)).values_list(
                "issue_date", "due"
            )
        )
        assert found == {day: DBSCheck(issue_date=day).recheck_due(years) for day in days}


def expected_rows(today: dt.date, years: int = 3) -> list[list[str]]:
    """The rule, in Python: each volunteer's (not left) latest accepted certificate falling due
    within 60 days, and the latest record of each required course expiring within 60 days; by
    day, then name, training before a DBS recheck."""
    until = today + dt.timedelta(days=60)
    rows = []
    for who in Volunteer.objects.exclude(status="left").select_related("user"):
        accepted = who.dbs_checks.filter(decision="accepted")
        latest = max(accepted, key=lambda c: (c.issue_date, c.pk), default=None)
        if latest and latest.recheck_due(years) <= until:
            rows.append((latest.recheck_due(years), who.user.full_name, 1, "DBS recheck"))
        for course in TrainingCourse.objects.filter(required=True):
            records = [r for r in who.training.all() if r.course_id == course.pk]
            record = max(records, key=lambda r: (r.completed_on, r.pk), default=None)
            if record and record.expires_on and record.expires_on <= until:
                rows.append((record.expires_on, who.user.full_name, 0, course.name))
    return [
        [name, what, due.isoformat(), str((due - today).days)]
        for due, name, _, what in sorted(rows)
    ]


def test_the_report_lists_what_the_rule_lists_in_order_over_pages(client, coordinator, induction):
    with time_machine.travel(TODAY, tick=False):
        TOTP.activate(coordinator, generate_totp_secret())
        client.force_login(coordinator)
        today = timezone.localdate()
        optional = TrainingCourse.objects.create(name="Food hygiene", required=False)
        for n in range(60):  # more than a page (50): due from 40 days ago to 60 days on
            who = volunteer(n)
            check(who, dt.date(2023, 11, 20) + dt.timedelta(days=(n * 37) % 100), coordinator)
        leap = volunteer(100)
        check(leap, dt.date(2024, 2, 29), coordinator)  # due 28 February 2027: the last day
        check(volunteer(101), dt.date(2024, 3, 1), coordinator)  # due 1 March 2027: not yet
        renewed = volunteer(102)
        check(renewed, dt.date(2023, 12, 1), coordinator)
        check(renewed, dt.date(2026, 6, 1), coordinator)  # the new certificate counts
        check(renewed, dt.date(2026, 11, 1), coordinator, decision="pending")
        check(volunteer(103, status="left"), dt.date(2023, 12, 1), coordinator)
        trained = volunteer(104)
        for course, done in [
            (induction, dt.date(2024, 1, 15)),  # runs out 15 January 2027
            (optional, dt.date(2024, 1, 15)),  # not required
        ]:
            TrainingRecord.objects.create(
                volunteer=trained,
                course=course,
                completed_on=done,
                expires_on=dt.date(2027, 1, 15),
                recorded_by=coordinator,
            )
        refreshed = volunteer(105)
        for done in (dt.date(2024, 1, 10), dt.date(2026, 12, 1)):  # the refresher counts
            TrainingRecord.objects.create(
                volunteer=refreshed,
                course=induction,
                completed_on=done,
                expires_on=done.replace(year=done.year + 3),
                recorded_by=coordinator,
            )
        same_day = volunteer(106)  # a course and a recheck on the same day: the course first
        check(same_day, dt.date(2024, 1, 15), coordinator)
        TrainingRecord.objects.create(
            volunteer=same_day,
            course=induction,
            completed_on=dt.date(2024, 1, 15),
            expires_on=dt.date(2027, 1, 15),
            recorded_by=coordinator,
        )

        expected = expected_rows(today)
        assert len(expected) > 50
        names = {row[0] for row in expected}
        assert "Volunteer 100" in names and "Volunteer 104" in names
        assert not names & {"Volunteer 101", "Volunteer 102", "Volunteer 103", "Volunteer 105"}
        assert ["Volunteer 106", induction.name, "2027-01-15", "16"] in expected

        response = client.get(URL + "?export=csv")
        exported = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        assert exported[0] == ["volunteer", "what", "due", "days"]
        assert exported[1:] == expected

        first = client.get(URL).content.decode()
        second = client.get(URL + "?p=2").content.decode()
        assert f"{len(expected)}" in first  # the count of every row, not of a page
        assert expected[0][0] in first and expected[0][0] not in second
        assert expected[-1][0] in second and expected[-1][0] not in first
        assert "Volunteer 100" in second and "28 Feb 2027" in second
