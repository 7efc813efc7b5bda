"""The best overall assignment for a cohort of young people waiting: every allowed pair scored
at once with the same arithmetic as suggestions.score(), then `linear_sum_assignment`. The
coordinator confirms each proposal; services.match_propose checks everything again.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment

from matching.models import Match, YoungPerson
from matching.suggestions import (
    FORBIDDEN,
    Weights,
    candidates,
    profile_of,
    score,
)
from volunteers.clearance import Context, clearance


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


def _incidence(sets_a: list, sets_b: list) -> tuple[np.ndarray, np.ndarray]:
    """Each set as a row of 0/1 over the words either side uses (for counting shared words)."""
    vocabulary: dict[str, int] = {}
    for words in (*sets_a, *sets_b):
        for word in words:
            vocabulary.setdefault(word, len(vocabulary))
    a = np.zeros((len(sets_a), max(len(vocabulary), 1)))
    b = np.zeros((len(sets_b), max(len(vocabulary), 1)))
    for matrix, sets in ((a, sets_a), (b, sets_b)):
        for i, words in enumerate(sets):
            matrix[i, [vocabulary[w] for w in words]] = 1
    return a, b


def _overlaps(sets_a: list, sets_b: list) -> np.ndarray:
    """_overlap() of every pair at once: shared / the smaller size, 0 where either is empty."""
    a, b = _incidence(sets_a, sets_b)
    shared = a @ b.T  # whole numbers, exact
    smaller = np.minimum.outer(a.sum(axis=1), b.sum(axis=1))
    return np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


def pair_scores(young_people, pool, profiles, weights: Weights, cleared) -> np.ndarray:
    """score() of every allowed pair, FORBIDDEN where exclusion_reason() or clearance says no:
    the same arithmetic as score(), done for a whole cohort at once (tests prove they agree).
    `cleared(column, is_child)` answers the clearance rule for a volunteer column."""
    yps = [profile_of(y) for y in young_people]
    total_weight = weights.interests + weights.availability + weights.area or 1

    def points(weight: int, value):
        return np.rint(100 * weight * value / total_weight)

    same_area = np.equal.outer(
        np.array([p.area for p in yps], dtype=object),
        np.array([p.area for p in profiles], dtype=object),
    )
    total = (
        points(
            weights.interests,
            _overlaps([p.interests for p in yps], [p.interests for p in profiles]),
        )
        + points(
            weights.availability, _overlaps([p.slots for p in yps], [p.slots for p in profiles])
        )
        + np.where(
            same_area,
            round(100 * weights.area / total_weight),
            round(100 * weights.area * 0.5 / total_weight),
        )
    )
    # What exclusion_reason() asks, a column or a row at a time.
    areas: dict[str, int] = {}
    for p in profiles:
        for area in p.areas:
            areas.setdefault(area, len(areas))
    covers = np.zeros((len(pool), max(len(areas), 1)), dtype=bool)
    for c, p in enumerate(profiles):
        covers[c, [areas[a] for a in p.areas]] = True
    open_to_all = np.array(
        [v.one_to_one and getattr(v, "open_matches", 0) < v.capacity for v in pool], dtype=bool
    )
    genders = np.array([v.gender for v in pool], dtype=object)
    emails = np.array([v.user.email.lower() for v in pool], dtype=object)
    column = {v.pk: c for c, v in enumerate(pool)}
    excluded = _excluded_ids(young_people)
    child_ok = adult_ok = None
    allowed = np.zeros(total.shape, dtype=bool)
    for r, young_person in enumerate(young_people):
        area = areas.get(yps[r].area)
        if area is None:
            continue
        row = open_to_all & covers[:, area] & (emails != young_person.worker_email.lower())
        if young_person.volunteer_preference:
            row &= genders == young_person.volunteer_preference
        for pk in excluded.get(young_person.pk, ()):
            if pk in column:
                row[column[pk]] = False
        if young_person.age() < 18:
            if child_ok is None:
                child_ok = np.array([cleared(c, True) for c in range(len(pool))], dtype=bool)
            row &= child_ok
        else:
            if adult_ok is None:
                adult_ok = np.array([cleared(c, False) for c in range(len(pool))], dtype=bool)
            row &= adult_ok
        allowed[r] = row
    return np.where(allowed, total, FORBIDDEN)


def _excluded_ids(young_people) -> dict[int, set[int]]:
    """Each young person's declared conflicts of interest, in one query."""
    through = YoungPerson.excluded_volunteers.through
    found: dict[int, set[int]] = {}
    for yp_id, volunteer_id in through.objects.filter(
        youngperson_id__in=[y.pk for y in young_people]
    ).values_list("youngperson_id", "volunteer_id"):
        found.setdefault(yp_id, set()).add(volunteer_id)
    return found


def propose_cohort(
    young_people: list[YoungPerson], *, volunteers=None, weights: Weights | None = None
):
    """Proposals for many waiting young people at once, for a coordinator to confirm or change."""
    weights = weights or Weights.load()
    context = Context.load()
    already = set(
        Match.objects.filter(
            status__in=Match.OPEN, young_person__in=[y.pk for y in young_people]
        ).values_list("young_person_id", flat=True)
    )
    young_people = [y for y in young_people if y.pk not in already]
    pool = list(volunteers if volunteers is not None else candidates())
    profiles = [profile_of(v) for v in pool]

    def cleared(c: int, child: bool) -> bool:
        return bool(clearance(pool[c], young_person_age=17 if child else 18, context=context))

    matrix = pair_scores(young_people, pool, profiles, weights, cleared)
    capacities = [max(v.capacity - getattr(v, "open_matches", 0), 0) for v in pool]
    return [
        (young_people[r], score(young_people[r], pool[c], weights, vp=profiles[c]))
        for r, c in assign(matrix, capacities)
    ]
