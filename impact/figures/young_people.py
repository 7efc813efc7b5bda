"""Young people and matches: referred, matched, active and closed (with reasons), sessions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from impact.figures.common import status_at
from impact.periods import Period
from matching.models import Match, MatchStatusChange, YoungPerson
from volunteers.models import (
    VolunteerSession,
)

# --- Young people and matches ---------------------------------------------------------------------


@dataclass(frozen=True)
class Matching:
    referred: int
    matched: int
    matches_active: int
    matches_closed: int
    closed_reasons: dict[str, int] = field(default_factory=dict)
    sessions: int = 0
    session_minutes: int = 0


def matching(period: Period) -> Matching:
    """Young people and their matches (5 queries).

    Referred: young people referred in the period (`referred_at`). Matched: distinct young people
    introduced to a volunteer in the period (the match's "introduced" status change: every match
    that ever met passes through it once). Matches active: matches that were introduced or active
    at the end of the period (Match.WORKING, by their status log: not proposed, paused or closed).
    Matches closed: matches whose "closed" status change falls in the period, counted by the
    reason the coordinator gave (Match.closed_reason; "No reason recorded" when blank). The
    reasons are free text a coordinator typed (or a suspension's reason): for staff and the board
    only, never for the public page. Sessions:
    time volunteers logged with their young person or otherwise, by the session's date."""
    referred = YoungPerson.objects.filter(period.moments("referred_at")).count()
    changes = MatchStatusChange.objects.filter(period.moments("at")).aggregate(
        matched=Count(
            "match__young_person", distinct=True, filter=Q(to_status=Match.Status.INTRODUCED)
        ),
    )
    active = (
        Match.objects.filter(proposed_at__lt=period.ends_before)
        .annotate(then=status_at(MatchStatusChange, "match", period.ends_before))
        .filter(then__in=Match.WORKING)
        .count()
    )
    reasons = {
        (row["match__closed_reason"] or "No reason recorded"): row["n"]
        for row in MatchStatusChange.objects.filter(
            period.moments("at"), to_status=Match.Status.CLOSED
        )
        .values("match__closed_reason")
        .annotate(n=Count("match", distinct=True))
        .order_by("-n", "match__closed_reason")
    }
    sessions = VolunteerSession.objects.filter(period.days_of("date")).aggregate(
        n=Count("pk"), minutes=Coalesce(Sum("minutes"), 0)
    )
    return Matching(
        referred=referred,
        matched=changes["matched"],
        matches_active=active,
        matches_closed=sum(reasons.values()),
        closed_reasons=reasons,
        sessions=sessions["n"],
        session_minutes=sessions["minutes"],
    )
