"""The demo's matching history: young people referred over the months, matched with the history's
volunteers, matches at every stage (proposed, introduced, active, paused, closed with reasons) and
the sessions the volunteers logged with their young people. Through the matching and volunteers
services (a coordinator matches and moves each match), each on its own past day; the sessions are
bulk-created as the session service writes them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from impact.demo_history.common import History, at
from matching import services
from matching.models import Match, MatchSession
from nolimits.models import User
from volunteers.models import Volunteer, VolunteerSession

M = Match.Status
# (first name, age when referred, interests, how the match ends today, the reason it closed)
YOUNG_PEOPLE = [
    (
        "Ashton",
        15,
        "football, gaming",
        M.CLOSED,
        "The young person moved placement out of the area",
    ),
    ("Bailey", 17, "music, coding", M.ACTIVE, ""),
    ("Caden", 16, "cooking, swimming", M.CLOSED, "Goals reached: starting college with confidence"),
    ("Darcy", 19, "art, baking", M.ACTIVE, ""),
    ("Esme", 14, "drama, dance", M.ACTIVE, ""),
    (
        "Finley",
        18,
        "football, running",
        M.CLOSED,
        "The volunteer's job changed and evenings stopped",
    ),
    ("Georgia", 16, "reading, films", M.PAUSED, ""),
    ("Harley", 20, "cycling, music", M.ACTIVE, ""),
    ("Imogen", 15, "baking, art", M.CLOSED, "The young person no longer wanted a mentor"),
    ("Jayden", 17, "gaming, chess", M.ACTIVE, ""),
    ("Keira", 16, "swimming, cooking", M.INTRODUCED, ""),
    ("Logan", 21, "football, films", M.PROPOSED, ""),
    ("Maisie", 15, "music, singing", None, ""),  # waiting for a match
    ("Nico", 18, "coding, chess", None, ""),
]
WORKER = ("Sam Adviser", "sam.adviser@example.org")
SESSION_NOTES = [
    "Met at the library and planned the next month.",
    "Played five-a-side, then talked about college applications.",
    "Cooked pasta together; practised a budget for the week.",
    "Walk by the river; talked about the new placement.",
]


def build(history: History, volunteers: list[Volunteer]) -> None:
    coordinator = User.objects.get(email="coordinator@example.org")
    free = [v for v in volunteers if v.status == Volunteer.Status.ACTIVE]
    busy_until: dict[int, dt.datetime] = {}
    for n, (name, age, interests, ending, reason) in enumerate(YOUNG_PEOPLE):
        referred = history.day(70 + n * 36, hour=11)
        with at(referred):
            today = timezone.localdate()
            young_person = services.young_person_refer(
                first_name=name,
                date_of_birth=today.replace(year=today.year - age, day=1) - dt.timedelta(days=40),
                area="Thamesbrook",
                interests=interests,
                availability="Tuesday evenings, weekends",
                must_know="",
                worker_name=WORKER[0],
                worker_email=WORKER[1],
                consent=True,
            )
        if ending is None:
            continue
        proposed = referred + dt.timedelta(days=8)
        volunteer = _free_volunteer(free, busy_until, proposed)
        if volunteer is None:
            continue
        with at(proposed):
            match = services.match_propose(
                young_person=young_person, volunteer=volunteer, by=coordinator, score=60 + n
            )
        busy_until[volunteer.pk] = history.now + dt.timedelta(days=1)
        if ending == M.PROPOSED:
            continue
        introduced = proposed + dt.timedelta(days=12)
        _move(match, M.INTRODUCED, introduced, coordinator, "Introduced with their worker")
        if ending == M.INTRODUCED:
            continue
        _move(match, M.ACTIVE, introduced + dt.timedelta(days=21), coordinator, "Going well")
        last = history.now - dt.timedelta(days=2)
        if ending == M.CLOSED:
            last = min(
                introduced + dt.timedelta(days=90 + n * 9), history.now - dt.timedelta(days=5)
            )
        elif ending == M.PAUSED:
            last = history.now - dt.timedelta(days=30)
        _sessions(volunteer, match, introduced, last)
        if ending == M.CLOSED:
            _move(match, M.CLOSED, last + dt.timedelta(days=3), coordinator, reason)
            busy_until[volunteer.pk] = last + dt.timedelta(days=3)
        elif ending == M.PAUSED:
            _move(
                match,
                M.PAUSED,
                last + dt.timedelta(days=2),
                coordinator,
                "Exams: back in the summer",
            )


def _free_volunteer(free, busy_until, moment) -> Volunteer | None:
    """The first active volunteer approved by `moment` with no young person then."""
    for volunteer in free:
        approved = volunteer.approved_at
        if approved and approved < moment and busy_until.get(volunteer.pk, approved) <= moment:
            return volunteer
    return None


def _move(match, to, moment, coordinator, reason) -> None:
    with at(moment):
        services.match_move(
            match=match,
            to=to,
            by=coordinator,
            reason=reason,
            first_meeting_on=timezone.localdate() if to == M.INTRODUCED else None,
            young_person_wants_new_match=to == M.CLOSED and "placement" not in reason,
        )


def _sessions(volunteer, match, first, last) -> None:
    """A session about every fortnight, logged by the volunteer that evening: what
    volunteers.services.session_log and matching's session_with_young_person write (a session
    and its link to the match; neither has a status), made in two statements."""
    moment, sessions = first.replace(hour=18), []
    while moment <= last:
        n = len(sessions)
        sessions.append(
            VolunteerSession(
                volunteer=volunteer,
                date=timezone.localdate(moment),
                minutes=60 + 30 * (n % 3),
                what_happened=SESSION_NOTES[n % len(SESSION_NOTES)],
                logged_at=moment,
            )
        )
        moment += dt.timedelta(days=14)
    VolunteerSession.objects.bulk_create(sessions)
    MatchSession.objects.bulk_create(MatchSession(session=s, match=match) for s in sessions)
