"""Suggesting volunteers for a young person, and the best assignment for a cohort.

Hard filters come first (cleared by the clearance rule for this young person's age, capacity,
the young person's preferences, conflicts of interest, area, route); then a weighted score with
its breakdown, so a coordinator can see why. The system never matches by itself: a coordinator
proposes every match, and services.match_propose checks everything again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q

import numpy as np
from scipy.optimize import linear_sum_assignment

from volunteers.clearance import PREFETCH, Context, clearance
from volunteers.models import Match, Volunteer, VolunteeringSettings, YoungPerson

_WORD = re.compile(r"[a-z]+")
_STOP = {
    "and",
    "or",
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "on",
    "with",
    "i",
    "my",
    "me",
    "like",
    "some",
    "at",
    "for",
    "any",
    "most",
    "also",
    "love",
    "enjoy",
    "doing",
}
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_TIMES = ["morning", "afternoon", "evening"]
FORBIDDEN = -1_000_000


def _words(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall((text or "").lower()):
        if word in _STOP or len(word) < 3:
            continue
        found.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return found


def _slots(text: str) -> set[str]:
    """'Tuesday evenings, some weekends' -> {'tuesday', 'evening', 'saturday', 'sunday'}."""
    words = _words(text)
    slots = {w for w in words if w in _DAYS or w in _TIMES}
    if "weekend" in words:
        slots |= {"saturday", "sunday"}
    if "weekday" in words:
        slots |= set(_DAYS[:5])
    if "anytime" in words or "flexible" in words:
        slots |= set(_DAYS) | set(_TIMES)
    return slots


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _areas(volunteer: Volunteer) -> set[str]:
    return {
        x.strip().lower()
        for x in [volunteer.area, *volunteer.areas_covered.split(",")]
        if x.strip()
    }


@dataclass
class Suggestion:
    volunteer: Volunteer
    score: int
    breakdown: dict[str, int]
    shared_interests: list[str] = field(default_factory=list)


@dataclass
class Weights:
    interests: int = 50
    availability: int = 30
    area: int = 20

    @classmethod
    def load(cls) -> Weights:
        s = VolunteeringSettings.objects.first()
        return cls(s.weight_interests, s.weight_availability, s.weight_area) if s else cls()


class Profile:
    """Words, time slots and areas worked out once per person, for scoring many pairs."""

    __slots__ = ("interests", "slots", "area", "areas")

    def __init__(self, interests: str, availability: str, area: str, areas: set[str] | None = None):
        self.interests = _words(interests)
        self.slots = _slots(availability)
        self.area = area.strip().lower()
        self.areas = areas or {self.area}


def profile_of(person) -> Profile:
    if isinstance(person, Volunteer):
        return Profile(person.interests, person.availability, person.area, _areas(person))
    return Profile(person.interests, person.availability, person.area)


def score(
    young_person,
    volunteer: Volunteer,
    weights: Weights,
    *,
    yp: Profile | None = None,
    vp: Profile | None = None,
) -> Suggestion:
    """0-100, with how many points each part gave."""
    yp = yp or profile_of(young_person)
    vp = vp or profile_of(volunteer)
    parts = {
        "interests": _overlap(yp.interests, vp.interests),
        "availability": _overlap(yp.slots, vp.slots),
        "area": 1.0 if yp.area == vp.area else 0.5,
    }
    total_weight = weights.interests + weights.availability + weights.area or 1
    points = {
        name: round(100 * getattr(weights, name) * value / total_weight)
        for name, value in parts.items()
    }
    return Suggestion(
        volunteer=volunteer,
        score=sum(points.values()),
        breakdown=points,
        shared_interests=sorted(yp.interests & vp.interests),
    )


def _cheap_exclusion(
    young_person, volunteer: Volunteer, yp: Profile, vp: Profile, excluded_ids: set[int]
) -> str | None:
    if not volunteer.one_to_one:
        return "Only offers come-along activities"
    if yp.area not in vp.areas:
        return "Does not cover the young person's area"
    if young_person.volunteer_preference and volunteer.gender != young_person.volunteer_preference:
        return "Not what the young person asked for"
    if (
        volunteer.pk in excluded_ids
        or volunteer.user.email.lower() == young_person.worker_email.lower()
    ):
        return "Conflict of interest"
    if getattr(volunteer, "open_matches", 0) >= volunteer.capacity:
        return "No capacity left"
    return None


def exclusion(
    young_person: YoungPerson,
    volunteer: Volunteer,
    *,
    context: Context,
    excluded_ids: set[int],
    age: int,
) -> str | None:
    """Why this volunteer cannot be matched with this young person (None if they can)."""
    why = _cheap_exclusion(
        young_person, volunteer, profile_of(young_person), profile_of(volunteer), excluded_ids
    )
    if why:
        return why
    result = clearance(volunteer, young_person_age=age, context=context)
    return None if result else result.reasons[0]


def candidates():
    return (
        Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
        .select_related("user")
        .prefetch_related(*PREFETCH)
        .annotate(open_matches=Count("matches", filter=Q(matches__status__in=Match.OPEN)))
    )


def suggest(
    young_person: YoungPerson,
    *,
    volunteers=None,
    weights: Weights | None = None,
    context: Context | None = None,
):
    """Volunteers ranked best first, and how many were filtered out for each reason."""
    weights = weights or Weights.load()
    context = context or Context.load()
    age = young_person.age()
    yp = profile_of(young_person)
    excluded_ids = set(young_person.excluded_volunteers.values_list("pk", flat=True))
    already = set(
        young_person.matches.filter(status__in=Match.OPEN).values_list("volunteer_id", flat=True)
    )
    ranked, filtered = [], {}
    for volunteer in volunteers if volunteers is not None else candidates():
        vp = profile_of(volunteer)
        why = (
            "Already matched with this young person"
            if volunteer.pk in already
            else _cheap_exclusion(young_person, volunteer, yp, vp, excluded_ids)
        )
        if why is None:
            result = clearance(volunteer, young_person_age=age, context=context)
            why = None if result else result.reasons[0]
        if why:
            filtered[why] = filtered.get(why, 0) + 1
        else:
            ranked.append(score(young_person, volunteer, weights, yp=yp, vp=vp))
    ranked.sort(key=lambda s: (-s.score, s.volunteer.user.full_name))
    return ranked, filtered


def assign(scores: np.ndarray, capacities: list[int]) -> list[tuple[int, int]]:
    """Best overall assignment of rows (young people) to columns (volunteers, with capacity).

    `scores` holds each pair's score, or FORBIDDEN. A volunteer with capacity n is n columns.
    Returns (row, volunteer column) pairs: as many allowed pairs as possible, then the highest
    total score. Pairs that would be forbidden are left out, never proposed.
    """
    if scores.size == 0:
        return []
    columns = [c for c, n in enumerate(capacities) for _ in range(n)]
    if not columns:
        return []
    expanded = scores[:, columns].astype(float)
    rows, cols = linear_sum_assignment(expanded, maximize=True)
    return [
        (int(r), columns[c])
        for r, c in zip(rows, cols, strict=True)
        if expanded[r, c] > FORBIDDEN / 2
    ]


def propose_cohort(
    young_people: list[YoungPerson], *, volunteers=None, weights: Weights | None = None
):
    """Proposals for many waiting young people at once, for a coordinator to confirm or change."""
    weights = weights or Weights.load()
    context = Context.load()
    pool = list(volunteers if volunteers is not None else candidates())
    profiles = [profile_of(v) for v in pool]
    cleared: dict[tuple[int, bool], bool] = {}  # (volunteer column, is the young person a child?)
    matrix = np.full((len(young_people), len(pool)), FORBIDDEN, dtype=float)
    for r, young_person in enumerate(young_people):
        age = young_person.age()
        yp = profile_of(young_person)
        excluded_ids = {v.pk for v in young_person.excluded_volunteers.all()}
        for c, volunteer in enumerate(pool):
            if _cheap_exclusion(young_person, volunteer, yp, profiles[c], excluded_ids):
                continue
            key = (c, age < 18)
            if key not in cleared:
                cleared[key] = bool(clearance(volunteer, young_person_age=age, context=context))
            if cleared[key]:
                matrix[r, c] = score(young_person, volunteer, weights, yp=yp, vp=profiles[c]).score
    capacities = [max(v.capacity - getattr(v, "open_matches", 0), 0) for v in pool]
    return [
        (young_people[r], score(young_people[r], pool[c], weights, vp=profiles[c]))
        for r, c in assign(matrix, capacities)
    ]
