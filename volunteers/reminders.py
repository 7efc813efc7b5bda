"""Reminders for checks, training, references and expenses, and the coordinators' weekly digest.

Run daily by django-q2. Each reminder has a key (what, which record, which threshold) stored in
ReminderSent, so it is sent once per threshold however often the job runs, and a missed day
still sends the most urgent threshold that applies.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone

from nolimits.mail import send_email
from nolimits.models import User
from volunteers import extensions
from volunteers.models import (
    DBSCheck,
    ExpenseClaim,
    Reference,
    ReminderSent,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
)

THRESHOLDS = (7, 30, 60)
LIVE = (Volunteer.Status.TRAINING, Volunteer.Status.ACTIVE, Volunteer.Status.PAUSED)


def _threshold(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    for days in THRESHOLDS:
        if days_left <= days:
            return f"{days}d"
    return None


def _coordinators() -> list[str]:
    return list(
        User.objects.filter(groups__name="Volunteer coordinators", is_active=True).values_list(
            "email", flat=True
        )
    )


def _send_once(key: str, subject: str, body: str, to: list[str]) -> bool:
    if not to:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key)
            send_email(to, subject, body)  # the outbox row commits with the marker
    except IntegrityError:
        return False
    return True


def _when(days_left: int, due: dt.date) -> str:
    if days_left < 0:
        return f"was due on {due.day} {due:%B %Y}"
    return f"is due on {due.day} {due:%B %Y}, in {days_left} day{'s' if days_left != 1 else ''}"


def send_reminders(*, today: dt.date | None = None) -> int:
    today = today or timezone.localdate()
    years = getattr(VolunteeringSettings.objects.first(), "dbs_recheck_years", 3)
    coordinators = _coordinators()
    sent = 0

    latest_dbs: dict[int, DBSCheck] = {}
    for check in (
        DBSCheck.objects.filter(decision="accepted", volunteer__status__in=LIVE)
        .select_related("volunteer__user")
        .order_by("issue_date")
    ):
        latest_dbs[check.volunteer_id] = check
    for check in latest_dbs.values():
        due = check.recheck_due(years)
        level = _threshold((due - today).days)
        if level:
            name = check.volunteer.user.full_name
            sent += _send_once(
                f"dbs-recheck:{check.pk}:{level}",
                f"DBS recheck for {name}",
                f"The DBS recheck for {name} {_when((due - today).days, due)}. "
                "Please start a new check, or a status check on the Update Service.",
                [check.volunteer.user.email, *coordinators],
            )

    latest_training: dict[tuple[int, int], TrainingRecord] = {}
    records = TrainingRecord.objects.filter(
        course__required=True, expires_on__isnull=False, volunteer__status__in=LIVE
    )
    for record in records.select_related("volunteer__user", "course").order_by("completed_on"):
        latest_training[(record.volunteer_id, record.course_id)] = record
    for record in latest_training.values():
        level = _threshold((record.expires_on - today).days)
        if level:
            name = record.volunteer.user.full_name
            mentor = [record.volunteer.mentor.email] if record.volunteer.mentor_id else []
            sent += _send_once(
                f"training:{record.pk}:{level}",
                f"{record.course.name} for {name}",
                f"{name}'s {record.course.name} {_when((record.expires_on - today).days, record.expires_on)}. "
                "Book a refresher so they stay cleared to meet young people.",
                [record.volunteer.user.email, *mentor, *coordinators],
            )

    # References: the referee is chased first (with a fresh link) at 14 days; if it is still
    # not back a week later, the coordinators are told.
    from volunteers.services import reference_request

    waiting = Reference.objects.filter(
        outcome="waiting", requested_on__lte=today - dt.timedelta(days=14)
    ).exclude(volunteer__status="left")
    for ref in waiting.select_related("volunteer__user"):
        sent += reference_request(reference=ref, chase="14d")
        if ref.requested_on <= today - dt.timedelta(days=21):
            sent += _send_once(
                f"reference:{ref.pk}:21d",
                f"Reference not back for {ref.volunteer.user.full_name}",
                f"The reference from {ref.name} ({ref.email}) for {ref.volunteer.user.full_name} was asked for on "
                f"{ref.requested_on.day} {ref.requested_on:%B %Y} and has not come back, a week after "
                "we reminded them. Please contact the referee or ask the volunteer for another.",
                coordinators,
            )

    stale = ExpenseClaim.objects.filter(
        status="waiting", claimed_at__date__lte=today - dt.timedelta(days=7)
    )
    for claim in stale.select_related("session__volunteer__user"):
        sent += _send_once(
            f"expense:{claim.pk}:7d",
            "An expense claim is waiting",
            f"{claim.session.volunteer.user.full_name}'s claim of £{claim.amount_pence / 100:.2f} has waited a week for a decision.",
            coordinators,
        )
    from volunteers.models import Booking

    soon = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=2), dt.time.min))
    upcoming = Booking.objects.filter(
        cancelled=False,
        opportunity__status="approved",
        opportunity__starts_at__lt=soon,
        opportunity__starts_at__gte=timezone.now(),
    )
    for booking in upcoming.select_related("opportunity"):
        o = booking.opportunity
        when = timezone.localtime(o.starts_at)
        sent += _send_once(
            f"booking:{booking.pk}",
            f"Reminder: {o.title}",
            f"{booking.young_person_first_name} has a place at {o.title} on {when.day} {when:%B %Y at %H:%M}, at {o.location}."
            + (f" Bring: {o.what_to_bring}." if o.what_to_bring else ""),
            [booking.booker_email],
        )
    for extra in extensions.reminders:
        sent += extra(today=today, send_once=_send_once, coordinators=coordinators)
    return sent


def send_weekly_digest(*, today: dt.date | None = None) -> bool:
    from volunteers.selectors import coordinator_today

    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    numbers = coordinator_today()
    body = "\n".join(
        [
            "This week in No Limits volunteering:",
            f"- {numbers['applications']} new applications to look at",
            f"- {numbers['references_waiting']} references waiting ({numbers['references_overdue']} for more than 14 days)",
            f"- {numbers['expenses_waiting']} expense claims to decide",
            f"- {numbers['paused']} volunteers paused",
            "See the reports in the admin for checks and training expiring in the next 60 days.",
        ]
    )
    return _send_once(
        f"digest:{year}-W{week:02d}", "Weekly volunteering digest", body, _coordinators()
    )
