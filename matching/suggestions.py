"""Suggesting volunteers for a young person (the cohort's best assignment is in cohort.py).

Hard filters come first (cleared by the clearance rule for this young person's age, capacity,
the young person's preferences, conflicts of interest, area, route); then a weighted score with
its breakdown, so a coordinator can see why. The system never matches by itself: a coordinator
proposes every match, and services.match_propose checks everything again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Count, Q
from django.utils import timezone

from matching.models import Match, YoungPerson
from volunteers.clearance import PREFETCH, Context, clearance
from volunteers.models import Volunteer, VolunteeringSettings

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


@lru_cache(maxsize=50_000)
def _words(text: str) -> frozenset[str]:
    """Meaningful words, lower case, singular-ish. Cached: many people write the same phrases."""
    found = set()
    for word in _WORD.findall((text or "").lower()):
        if word in _STOP or len(word) < 3:
            continue
        found.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return frozenset(found)


@lru_cache(maxsize=50_000)
def _slots(text: str) -> frozenset[str]:
    """'Tuesday evenings, some weekends' -> {'tuesday', 'evening', 'saturday', 'sunday'}."""
    words = _words(text)
    slots = {w for w in words if w in _DAYS or w in _TIMES}
    if "weekend" in words:
        slots |= {"saturday", "sunday"}
    if "weekday" in words:
        slots |= set(_DAYS[:5])
    if "anytime" in words or "flexible" in words:
        slots |= set(_DAYS) | set(_TIMES)
    return frozenset(slots)


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


def exclusion_reason(
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
    why = exclusion_reason(
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


def cleared_prefilter(queryset, *, age: int, on=None):
    """Volunteers whose stored clearance summary (worked out by clearance.py, refreshed by the
    services whenever a record it reads changes) says they are cleared today for a young person
    of `age`. A cheap first filter for thousands of volunteers, never the last word: clearance()
    is run again on every volunteer suggested."""
    today = on or timezone.localdate()
    field = "cleared_children_until" if age < 18 else "cleared_adults_until"
    return queryset.filter(**{f"{field}__gt": today})


class _Email:
    __slots__ = ("email",)

    def __init__(self, email: str):
        self.email = email


class _Areas:
    """The part of a profile the quick filters need; words are worked out only for survivors."""

    __slots__ = ("areas",)

    def __init__(self, areas: set[str]):
        self.areas = areas


class _Row:
    """Just what the quick filters and the score need, read without loading whole records."""

    __slots__ = ("pk", "route", "gender", "capacity", "open_matches", "user", "areas", "values")

    def __init__(self, row: tuple, open_matches: dict[int, int]):
        (self.pk, self.route, self.gender, self.capacity, email, *self.values) = row
        self.open_matches = open_matches.get(self.pk, 0)
        self.user = _Email(email)
        self.areas = _Areas(_areas_of(self.values[2], self.values[3]))

    def profile(self) -> Profile:
        interests, availability, area, _covered = self.values
        return Profile(interests, availability, area, self.areas.areas)

    @property
    def one_to_one(self) -> bool:
        return self.route in (Volunteer.Route.ONE_TO_ONE, Volunteer.Route.BOTH)


@lru_cache(maxsize=50_000)
def _areas_of(area: str, covered: str) -> frozenset[str]:
    return frozenset(x.strip().lower() for x in [area, *covered.split(",")] if x.strip())


def suggest(
    young_person: YoungPerson,
    *,
    volunteers=None,
    weights: Weights | None = None,
    context: Context | None = None,
    limit: int = 25,
):
    """The best `limit` volunteers, best first, each confirmed by the clearance rule, and how
    many were left out for each reason."""
    weights = weights or Weights.load()
    context = context or Context.load()
    if young_person.matches.filter(status__in=Match.OPEN).exists():
        return [], {}  # one young person, one open match: nobody else until it is closed
    age = young_person.age()
    yp = profile_of(young_person)
    excluded_ids = set(young_person.excluded_volunteers.values_list("pk", flat=True))
    already = set(
        young_person.matches.filter(status__in=Match.OPEN).values_list("volunteer_id", flat=True)
    )
    filtered: dict[str, int] = {}

    def leave_out(why: str) -> None:
        filtered[why] = filtered.get(why, 0) + 1

    if volunteers is not None:  # an explicit pool: check each one fully
        ranked = []
        for volunteer in volunteers:
            vp = profile_of(volunteer)
            why = (
                "Already matched with this young person"
                if volunteer.pk in already
                else exclusion_reason(young_person, volunteer, yp, vp, excluded_ids)
            )
            if why is None:
                result = clearance(volunteer, young_person_age=age, context=context)
                why = None if result else result.reasons[0]
            if why:
                leave_out(why)
            else:
                ranked.append(score(young_person, volunteer, weights, yp=yp, vp=vp))
        ranked.sort(key=lambda s: (-s.score, s.volunteer.user.full_name))
        return ranked[:limit], filtered

    base = Volunteer.objects.filter(status=Volunteer.Status.ACTIVE)
    open_matches = dict(
        Match.objects.filter(status__in=Match.OPEN)
        .values("volunteer")
        .annotate(n=Count("pk"))
        .values_list("volunteer", "n")
    )
    likely_cleared = set(cleared_prefilter(base, age=age).values_list("pk", flat=True))
    fields = (
        "pk",
        "route",
        "gender",
        "capacity",
        "user__email",
        "interests",
        "availability",
        "area",
        "areas_covered",
    )
    scored, doubtful = [], []
    total_weight = weights.interests + weights.availability + weights.area or 1
    for values in base.values_list(*fields):
        row = _Row(values, open_matches)
        why = (
            "Already matched with this young person"
            if row.pk in already
            else exclusion_reason(young_person, row, yp, row.areas, excluded_ids)
        )
        if why:
            leave_out(why)
        elif row.pk in likely_cleared:
            vp = row.profile()
            quick = (
                weights.interests * _overlap(yp.interests, vp.interests)
                + weights.availability * _overlap(yp.slots, vp.slots)
                + weights.area * (1.0 if yp.area == vp.area else 0.5)
            ) / total_weight
            scored.append((quick, row, vp))
        else:
            doubtful.append(row.pk)
    # The precise reason for those the quick check ruled out (usually a handful).
    for volunteer in candidates().filter(pk__in=doubtful[:200]):
        result = clearance(volunteer, young_person_age=age, context=context)
        leave_out(result.reasons[0] if not result else "Not cleared to meet young people")
    for _ in doubtful[200:]:
        leave_out("Not cleared to meet young people")

    scored.sort(key=lambda item: -item[0])
    ranked: list[Suggestion] = []
    position = 0
    while len(ranked) < limit and position < len(scored):
        batch = scored[position : position + limit * 2]
        position += len(batch)
        loaded = candidates().in_bulk([row.pk for _, row, _ in batch])
        for _, row, vp in batch:
            volunteer = loaded[row.pk]
            result = clearance(volunteer, young_person_age=age, context=context)
            if not result:
                leave_out(result.reasons[0])
                continue
            ranked.append(score(young_person, volunteer, weights, yp=yp, vp=vp))
    ranked.sort(key=lambda s: (-s.score, s.volunteer.user.full_name))
    return ranked[:limit], filtered
