"""Young people referred for a mentor: referrals never matched, and profiles (with their
matches' notes) after the last match closed. Anonymised, not deleted: the figures count
referrals and matches by their dates and statuses."""

import datetime as dt

from django.conf import settings
from django.db.models import Max

from dataprotection.rules.common import REMOVED, REMOVED_EMAIL, Due, days_after, due_by
from matching.models import (
    Match,
    MatchReview,
    MatchStatusChange,
    YoungPerson,
    YoungPersonStatusChange,
)


def not_anonymised():
    return YoungPerson.objects.exclude(first_name=REMOVED)


def reference(young_person) -> str:
    return f"Young person #{young_person.pk}"


def referrals_unmatched_due(until) -> list[Due]:
    """Closed without ever being matched: due a period after the referral closed."""
    days = settings.RETENTION_REFERRAL_UNMATCHED_DAYS
    records = (
        not_anonymised()
        .filter(status=YoungPerson.Status.CLOSED, matches__isnull=True)
        .annotate(closed_at=Max("status_changes__at"))
    )
    return due_by(
        records, lambda y: days_after(y.closed_at or y.referred_at, days), reference, until
    )


def profiles_after_last_match_due(until) -> list[Due]:
    """Matched at least once, none open now: due a period after the last match closed."""
    days = settings.RETENTION_YOUNG_PERSON_DAYS
    closed = MatchStatusChange.objects.filter(to_status=Match.Status.CLOSED)
    last_closed = {
        row["match__young_person"]: row["at"]
        for row in closed.values("match__young_person").annotate(at=Max("at"))
    }
    records = (
        not_anonymised()
        .filter(matches__isnull=False)
        .exclude(matches__status__in=Match.OPEN)
        .exclude(status=YoungPerson.Status.MATCHED)
        .distinct()
    )
    return due_by(
        records,
        lambda y: days_after(last_closed[y.pk], days) if y.pk in last_closed else None,
        reference,
        until,
    )


def young_people_anonymise(due: list[Due], today) -> int:
    """What stays: the referral date, status, area and the year of birth (for the figures);
    the first name, the rest of the date of birth, what they said about themselves, their
    worker's details, conflicts of interest, and the words of their matches' closing reasons,
    review notes and status changes go."""
    pks = [d.pk for d in due]
    for young_person in YoungPerson.objects.filter(pk__in=pks):
        young_person.excluded_volunteers.clear()
        YoungPerson.objects.filter(pk=young_person.pk).update(
            first_name=REMOVED,
            date_of_birth=dt.date(young_person.date_of_birth.year, 1, 1),
            interests="",
            availability="",
            volunteer_preference="",
            other_preferences="",
            must_know="",
            worker_name=REMOVED,
            worker_email=REMOVED_EMAIL,
            worker_phone="",
        )
    YoungPersonStatusChange.objects.filter(young_person_id__in=pks).update(reason="")
    matches = Match.objects.filter(young_person_id__in=pks)
    matches.update(closed_reason="")
    MatchReview.objects.filter(match__in=matches).update(notes="")
    MatchStatusChange.objects.filter(match__in=matches).update(reason="")
    return len(pks)
