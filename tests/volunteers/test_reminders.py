"""Reminders at 60, 30 and 7 days and when overdue; each sent once, however often the job runs."""

import datetime as dt

from django.core import mail

import pytest

from tests.volunteers.conftest import applicant, make_cleared
from volunteers import reminders, services
from volunteers.models import ExpenseClaim, Reference, VolunteeringSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared(coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer,
        coordinator=coordinator,
        mentor=mentor,
        induction=induction,
        handbook=handbook,
        issue=dt.date(2025, 6, 1),
        trained=dt.date(2025, 7, 1),
    )
    Reference.objects.all().update(outcome="satisfactory")
    mail.outbox.clear()  # the set-up's own emails: only the reminders count here
    return volunteer


def subjects():
    return [m.subject for m in mail.outbox]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2028, 3, 1), []),  # more than 60 days before either
        (dt.date(2028, 4, 2), ["DBS recheck"]),  # 60 days before 1 June 2028
        (
            dt.date(2028, 5, 25),
            ["DBS recheck", "2-day induction"],
        ),  # 7 days before the DBS, 37 before training
        (dt.date(2028, 7, 2), ["DBS recheck", "2-day induction"]),  # both overdue
    ],
)
def test_thresholds(cleared, today, expected):
    reminders.send_reminders(today=today)
    found = subjects()
    for word in expected:
        assert any(word in s for s in found), (word, found)
    assert len(found) == len(expected)


def test_each_threshold_is_sent_once_however_often_the_job_runs(cleared, coordinator):
    for _ in range(3):
        reminders.send_reminders(today=dt.date(2028, 4, 2))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "is due on 1 June 2028, in 60 days" in message.body
    assert cleared.user.email in message.to and coordinator.email in message.to
    reminders.send_reminders(today=dt.date(2028, 5, 3))  # 29 days: the 30-day reminder
    reminders.send_reminders(today=dt.date(2028, 5, 4))
    dbs = [m for m in mail.outbox if "DBS" in m.subject]
    assert len(dbs) == 2 and "in 29 days" in dbs[-1].body
    reminders.send_reminders(today=dt.date(2028, 6, 2))  # overdue
    dbs = [m for m in mail.outbox if "DBS" in m.subject]
    assert len(dbs) == 3 and "was due on 1 June 2028" in dbs[-1].body


def test_a_missed_day_still_sends_the_most_urgent_threshold(cleared):
    reminders.send_reminders(today=dt.date(2028, 5, 28))  # 4 days left, never reminded before
    dbs = [m for m in mail.outbox if "DBS" in m.subject]
    assert len(dbs) == 1 and "in 4 days" in dbs[0].body


def test_references_not_back_are_chased_with_the_referee_first(
    coordinator, django_capture_on_commit_callbacks
):
    volunteer = applicant()
    Reference.objects.filter(volunteer=volunteer).update(requested_on=dt.date(2026, 11, 1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(today=dt.date(2026, 11, 14))
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(today=dt.date(2026, 11, 15))
        reminders.send_reminders(today=dt.date(2026, 11, 16))
    # 14 days: each referee, once, with a fresh link; nobody else yet
    assert sorted(m.to[0] for m in mail.outbox) == ["rita@example.org", "rob@example.org"]
    assert all("/volunteer/reference/" in m.body for m in mail.outbox)
    assert all(m.subject.startswith("[No Limits] Reminder: a reference") for m in mail.outbox)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reminders.send_reminders(today=dt.date(2026, 11, 22))
        reminders.send_reminders(today=dt.date(2026, 11, 23))
    # 21 days: the coordinators, once per reference
    assert len(mail.outbox) == 2 and all(m.to == [coordinator.email] for m in mail.outbox)


def test_expenses_waiting_a_week(coordinator):
    volunteer = applicant()
    session = services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=dt.date(2026, 11, 1),
        minutes=60,
        what_happened="Walk",
    )
    claim = services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive",
        limits=VolunteeringSettings(),
        miles=4,
    )
    ExpenseClaim.objects.filter(pk=claim.pk).update(
        claimed_at=dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
    )
    mail.outbox.clear()  # the set-up's own emails
    reminders.send_reminders(today=dt.date(2026, 11, 9))
    reminders.send_reminders(today=dt.date(2026, 11, 10))
    assert subjects() == ["[No Limits] An expense claim is waiting"]


def test_the_weekly_digest_goes_once_a_week(coordinator):
    applicant()
    mail.outbox.clear()  # the application's own emails
    assert reminders.send_weekly_digest(today=dt.date(2026, 11, 23))
    assert not reminders.send_weekly_digest(today=dt.date(2026, 11, 24))
    assert reminders.send_weekly_digest(today=dt.date(2026, 11, 30))
    assert "1 new applications" in mail.outbox[0].body or "new applications" in mail.outbox[0].body


def test_the_jobs_are_scheduled():
    from django_q.models import Schedule

    from nolimits.tasks import ensure_schedules

    ensure_schedules()
    names = set(Schedule.objects.values_list("func", flat=True))
    assert {
        "volunteers.tasks.daily_reminders",
        "volunteers.tasks.weekly_digest",
        "volunteers.tasks.purge_disclosure_notes",
    } <= names
