"""What the matching screens, reminders and a volunteer's checklist read."""

import datetime as dt

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone

from matching.models import Match, MatchReview, YoungPerson
from volunteers.models import Volunteer


def young_people_waiting() -> int:
    return YoungPerson.objects.filter(status=YoungPerson.Status.WAITING).count()


def coordinator_today(today=None) -> dict:
    """What needs doing today in matching, for the coordinator's dashboard panel."""
    today = today or timezone.localdate()
    return {
        "waiting_for_match": young_people_waiting(),
        "reviews_due": reviews_due(within_days=14, today=today).count(),
        "quiet": quiet_matches(days=14, today=today).count(),
    }


def quiet_matches(*, days: int = 14, today=None):
    """Active matches with no session logged for `days` days (or none since the first meeting)."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=days)
    return (
        Match.objects.filter(status=Match.Status.ACTIVE)
        .annotate(last_session=Max("sessions__date"))
        .filter(
            Q(last_session__lt=cutoff) | Q(last_session__isnull=True, first_meeting_on__lt=cutoff)
        )
        .select_related("young_person", "volunteer__user")
        .order_by("last_session")
    )


def turning_eighteen(*, within_days: int = 30, today=None):
    """Open matches whose young person turns 18 within `within_days` days (or did since it began)."""
    today = today or timezone.localdate()
    flagged = []
    for match in Match.objects.filter(status__in=Match.OPEN).select_related(
        "young_person", "volunteer__user"
    ):
        birthday = match.young_person.eighteenth_birthday()
        if match.proposed_at.date() <= birthday <= today + dt.timedelta(days=within_days):
            flagged.append((match, birthday))
    return flagged


def reviews_due(*, within_days: int = 14, today=None):
    today = today or timezone.localdate()
    return (
        MatchReview.objects.filter(
            done_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=within_days),
            match__status__in=["introduced", "active", "paused"],
        )
        .select_related("match__young_person", "match__volunteer__user")
        .order_by("due_on")
    )


def volunteer_matches(volunteer):
    """What a matched volunteer may see: first name, what to know, next review. Nothing while
    the volunteer is paused or has left, and nothing of a paused match but that it is paused."""
    rows = []
    if volunteer.status != Volunteer.Status.ACTIVE:
        return rows
    # Each match's next review comes with it (one query however many matches there are).
    due = MatchReview.objects.filter(match=OuterRef("pk"), done_on__isnull=True).order_by(
        "due_on", "pk"
    )
    for match in (
        volunteer.matches.filter(
            status__in=[Match.Status.INTRODUCED, Match.Status.ACTIVE, Match.Status.PAUSED]
        )
        .select_related("young_person")
        .annotate(
            next_review_kind=Subquery(due.values("kind")[:1]),
            next_review_due_on=Subquery(due.values("due_on")[:1]),
        )
    ):
        working = match.status in Match.WORKING
        next_review = (
            MatchReview(match=match, kind=match.next_review_kind, due_on=match.next_review_due_on)
            if match.next_review_due_on
            else None
        )
        rows.append(
            {
                "match": match,
                "first_name": match.young_person.first_name,
                "must_know": match.young_person.must_know if working else "",
                "next_review": next_review if working else None,
                "can_log": working,
            }
        )
    return rows


def checklist_context(volunteer) -> dict:
    """The volunteer's own checklist shows their young people (volunteers/extensions.py)."""
    return {"matches": volunteer_matches(volunteer)}


def session_with(volunteer) -> list[tuple[int, str]]:
    """Whom an active volunteer may log a session with: the young person of each match under
    way, offered in the volunteer's sessions form (volunteers/extensions.py)."""
    if volunteer.status != Volunteer.Status.ACTIVE:
        return []
    matches = volunteer.matches.filter(status__in=Match.WORKING).select_related("young_person")
    return [(match.pk, match.young_person.first_name) for match in matches]
