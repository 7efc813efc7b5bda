"""Matching: hard filters, the score and its breakdown, the lifecycle, and the cohort assignment."""

import datetime as dt
import itertools
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

import numpy as np
import pytest

from matching import cohort, suggestions
from matching import services as matching_services
from matching.models import Match, YoungPerson
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def young_person(age=15, **fields):
    today = timezone.localdate()
    born = today.replace(year=today.year - age) - dt.timedelta(days=10)
    data = {
        "first_name": "Jo",
        "date_of_birth": born,
        "area": "Thamesbrook",
        "interests": "football, baking",
        "availability": "Tuesday evenings",
        "worker_name": "Wren Worker",
        "worker_email": "wren@example.org",
        "consent": True,
    }
    return matching_services.young_person_refer(**{**data, **fields})


def test_the_score_and_its_breakdown():
    yp = YoungPerson(
        interests="football and baking", availability="Tuesday evenings", area="Thamesbrook"
    )
    volunteer = Volunteer(
        interests="Football, cycling", availability="tuesdays and weekends", area="Thamesbrook"
    )
    result = suggestions.score(yp, volunteer, suggestions.Weights(50, 30, 20))
    assert result.breakdown == {"interests": 25, "availability": 15, "area": 20}
    assert result.score == 60
    assert result.shared_interests == ["football"]


def test_suggestions_rank_best_first_and_say_why_others_were_left_out(
    cleared_volunteer, coordinator
):
    best = cleared_volunteer(interests="football and baking", availability="Tuesday evenings")
    other = cleared_volunteer(interests="chess", availability="Saturday mornings")
    far = cleared_volunteer(area="Elsewhere")
    not_cleared = applicant()
    Volunteer.objects.filter(pk=not_cleared.pk).update(status="active")
    ranked, filtered = suggestions.suggest(young_person())
    assert [s.volunteer for s in ranked] == [best, other]
    assert ranked[0].score > ranked[1].score
    assert filtered["Does not cover the young person's area"] == 1
    assert sum(filtered.values()) == 2
    assert far not in [s.volunteer for s in ranked]


@pytest.mark.parametrize(
    ("volunteer_fields", "yp_fields", "reason"),
    [
        (
            {"gender": "man"},
            {"volunteer_preference": "woman"},
            "Not what the young person asked for",
        ),
        ({"route": "come_along"}, {}, "Only offers come-along activities"),
        ({"area": "Elsewhere"}, {}, "Does not cover the young person's area"),
        ({"capacity": 0}, {}, "No capacity left"),
    ],
)
def test_each_hard_filter(cleared_volunteer, volunteer_fields, yp_fields, reason):
    cleared_volunteer(**volunteer_fields)
    ranked, filtered = suggestions.suggest(young_person(**yp_fields))
    assert ranked == [] and filtered == {reason: 1}


def test_area_covered_by_travel_counts(cleared_volunteer):
    cleared_volunteer(area="Elsewhere", areas_covered="Thamesbrook, Riverside")
    ranked, _ = suggestions.suggest(young_person())
    assert len(ranked) == 1 and ranked[0].breakdown["area"] == 10


def test_conflicts_of_interest(cleared_volunteer):
    conflicted = cleared_volunteer()
    assert suggestions.suggest(young_person(excluded_volunteers=[conflicted]))[1] == {
        "Conflict of interest": 1
    }
    own_caseload = cleared_volunteer()
    yp = young_person(worker_email=own_caseload.user.email)
    assert suggestions.suggest(yp)[1]["Conflict of interest"] >= 1


def test_the_dbs_workforce_must_fit_the_young_persons_age(cleared_volunteer):
    child_only = cleared_volunteer()
    child_only.dbs_checks.update(workforce="child")
    assert len(suggestions.suggest(young_person(age=15))[0]) == 1
    ranked, filtered = suggestions.suggest(young_person(age=19))
    assert (
        ranked == []
        and "The DBS check does not cover work with adults (care leavers aged 18 or over)."
        in filtered
    )


def test_an_uncleared_or_suspended_volunteer_can_never_be_matched(
    cleared_volunteer, coordinator, client, home
):
    yp = young_person()
    uncleared = applicant()
    with pytest.raises(ValidationError, match="not cleared"):
        matching_services.match_propose(young_person=yp, volunteer=uncleared, by=coordinator)
    volunteer = cleared_volunteer()
    match = matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    services.volunteer_suspend(volunteer=volunteer, by=coordinator, reason="Concern raised")
    match.refresh_from_db()
    assert match.status == "closed"  # a proposal is withdrawn; open matches pause
    with pytest.raises(ValidationError, match="not cleared"):
        matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    assert Match.objects.filter(status__in=Match.OPEN).count() == 0


def test_suspending_pauses_every_open_match(cleared_volunteer, coordinator):
    volunteer = cleared_volunteer(capacity=2)
    a = matching_services.match_propose(
        young_person=young_person(), volunteer=volunteer, by=coordinator
    )
    matching_services.match_move(
        match=a,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=timezone.localdate(),
    )
    matching_services.match_move(match=a, to="active", by=coordinator, reason="Going well")
    services.volunteer_suspend(
        volunteer=volunteer, by=coordinator, reason="Status check said new information"
    )
    a.refresh_from_db()
    assert a.status == "paused"
    with pytest.raises(ValidationError, match="not cleared"):
        matching_services.match_move(match=a, to="active", by=coordinator, reason="Try again")


def test_lifecycle_transitions_and_reviews(cleared_volunteer, coordinator):
    yp = young_person()
    match = matching_services.match_propose(
        young_person=yp, volunteer=cleared_volunteer(), by=coordinator
    )
    with pytest.raises(ValidationError, match="cannot go from"):
        matching_services.match_move(match=match, to="active", by=coordinator, reason="Skip")
    with pytest.raises(ValidationError, match="first meeting"):
        matching_services.match_move(match=match, to="introduced", by=coordinator, reason="Met")
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met at the office",
        first_meeting_on=dt.date(2026, 11, 20),
    )
    assert list(match.reviews.values_list("kind", "due_on")) == [
        ("first_meeting", dt.date(2026, 12, 4)),
        ("3_months", dt.date(2027, 2, 20)),
        ("6_months", dt.date(2027, 5, 20)),
        ("12_months", dt.date(2027, 11, 20)),
    ]
    matching_services.match_move(match=match, to="active", by=coordinator, reason="Going well")
    matching_services.match_move(match=match, to="paused", by=coordinator, reason="Exams")
    matching_services.match_move(match=match, to="active", by=coordinator, reason="Back")
    matching_services.match_move(
        match=match,
        to="closed",
        by=coordinator,
        reason="Moved away",
        young_person_wants_new_match=True,
    )
    match.refresh_from_db()
    yp.refresh_from_db()
    assert (match.status, match.closed_reason, match.young_person_wants_new_match) == (
        "closed",
        "Moved away",
        True,
    )
    assert yp.status == "waiting"
    with pytest.raises(ValidationError):
        matching_services.match_move(match=match, to="active", by=coordinator, reason="Reopen")
    assert [c.to_status for c in match.status_changes.all()] == [
        "proposed",
        "introduced",
        "active",
        "paused",
        "active",
        "closed",
    ]


def test_only_coordinators_propose(cleared_volunteer):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        matching_services.match_propose(
            young_person=young_person(), volunteer=cleared_volunteer(), by=UserFactory()
        )


def test_referral_needs_consent_and_a_real_age():
    with pytest.raises(ValidationError, match="agree"):
        young_person(consent=False)
    with pytest.raises(ValidationError, match="aged 11 to 25"):
        young_person(age=30)


def _brute_force(scores, capacities):
    rows, cols = scores.shape
    slots = [c for c, n in enumerate(capacities) for _ in range(n)]
    best = (-1, -1.0)
    for k in range(min(rows, len(slots)), -1, -1):
        for chosen_rows in itertools.combinations(range(rows), k):
            for chosen_slots in itertools.permutations(range(len(slots)), k):
                pairs = [(r, slots[s]) for r, s in zip(chosen_rows, chosen_slots, strict=True)]
                if any(scores[r, c] <= suggestions.FORBIDDEN / 2 for r, c in pairs):
                    continue
                value = (len(pairs), float(sum(scores[r, c] for r, c in pairs)))
                best = max(best, value)
    return best


@pytest.mark.parametrize("seed", range(25))
def test_cohort_assignment_matches_brute_force_on_small_cases(seed):
    rng = random.Random(seed)
    rows, cols = rng.randint(1, 4), rng.randint(1, 3)
    scores = np.array(
        [
            [rng.choice([suggestions.FORBIDDEN, *range(0, 101, 7)]) for _ in range(cols)]
            for _ in range(rows)
        ],
        dtype=float,
    )
    capacities = [rng.randint(0, 2) for _ in range(cols)]
    pairs = cohort.assign(scores, capacities)
    assert all(scores[r, c] > suggestions.FORBIDDEN / 2 for r, c in pairs)
    assert len({r for r, _ in pairs}) == len(pairs)
    for c, n in enumerate(capacities):
        assert sum(1 for _, col in pairs if col == c) <= n
    assert (len(pairs), float(sum(scores[r, c] for r, c in pairs))) == _brute_force(
        scores, capacities
    )


def test_cohort_proposals_respect_capacity_and_filters(cleared_volunteer):
    a = cleared_volunteer(interests="football", capacity=1)
    b = cleared_volunteer(interests="baking", capacity=1)
    people = [
        young_person(interests="football"),
        young_person(interests="baking"),
        young_person(interests="chess"),
    ]
    proposals = cohort.propose_cohort(people)
    chosen = {yp.pk: s.volunteer.pk for yp, s in proposals}
    assert chosen[people[0].pk] == a.pk and chosen[people[1].pk] == b.pk
    assert len(proposals) == 2
