"""Every action on young people and matches, with its permission check. Status changes go
through nolimits.states, so each is checked against the record's TRANSITIONS and logged."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from matching import permissions, suggestions
from matching.models import Match, MatchReview, MatchSession, YoungPerson
from nolimits import links, states
from nolimits.models import User
from volunteers.clearance import Context, clearance
from volunteers.models import Volunteer, add_months
from volunteers.notify import coordinators, email_once

REVIEW_MONTHS = {"3_months": 3, "6_months": 6, "12_months": 12}


def require_matcher(by: User) -> None:
    allowed, reason = permissions.can_manage_matches(by)
    if not allowed:
        raise PermissionDenied(reason)


@transaction.atomic
def young_person_refer(*, referred_by: User | None = None, excluded_volunteers=(), **fields):
    """A worker (no account needed) or a coordinator refers a young person for a volunteer."""
    if not fields.get("consent"):
        raise ValidationError("The young person must agree to being referred.")
    young_person = YoungPerson(**fields)
    young_person.full_clean()
    if not 11 <= young_person.age() <= 25:
        raise ValidationError("No Limits volunteers support young people aged 11 to 25.")
    young_person.save()
    if excluded_volunteers:
        young_person.excluded_volunteers.set(excluded_volunteers)
    name = young_person.first_name
    email_once(
        f"referral:{young_person.pk}:worker",
        young_person.worker_email,
        f"We have your referral for {name}",
        f"Dear {young_person.worker_name},\n\nThank you for referring {name} for a No Limits "
        "volunteer. A coordinator will look for a volunteer who is cleared, free at the right "
        "times and shares some of their interests, and will contact you before anyone meets "
        "them.\n\nTo refer someone else: " + links.site_url(reverse("matching:refer")),
    )
    email_once(
        f"referral:{young_person.pk}:coordinators",
        coordinators(),
        f"New referral: {name}, {young_person.age()}",
        f"{young_person.worker_name} has referred {name} ({young_person.age()}, {young_person.area}) "
        "for a volunteer.\n\nSee the suggestions: "
        + links.site_url(reverse("volunteers_suggestions", args=[young_person.pk])),
    )
    return young_person


@transaction.atomic
def conflict_declare(*, young_person, volunteer: Volunteer, by: User) -> None:
    """Never suggest or match this volunteer with this young person (undo with conflict_withdraw)."""
    require_matcher(by)
    young_person.excluded_volunteers.add(volunteer)


@transaction.atomic
def conflict_withdraw(*, young_person, volunteer: Volunteer, by: User) -> None:
    require_matcher(by)
    young_person.excluded_volunteers.remove(volunteer)


def young_person_status_refresh(
    young_person, *, by: User | None, reason: str, wants_new_match: bool | None = None
) -> None:
    """Matched while any match is open; otherwise waiting again, or closed if not."""
    if young_person.matches.filter(status__in=Match.OPEN).exists():
        to = YoungPerson.Status.MATCHED
    elif wants_new_match is not None:
        to = YoungPerson.Status.WAITING if wants_new_match else YoungPerson.Status.CLOSED
    else:
        to = YoungPerson.Status.WAITING
    states.move_if_allowed(young_person, to, by=by, reason=reason)


def check_pair(*, young_person, volunteer, moving: bool = False) -> None:
    """The safety checks, in the service: whatever request arrives, an unsafe match is refused.
    `moving`: an existing match moves on, so it already counts towards the capacity."""
    context = Context.load()
    why = suggestions.exclusion_reason(
        young_person,
        volunteer,
        suggestions.profile_of(young_person),
        suggestions.profile_of(volunteer),
        set(young_person.excluded_volunteers.values_list("pk", flat=True)),
    )
    if why == "No capacity left" and moving:
        why = None
    if why:
        raise ValidationError(f"This match is not allowed: {why.lower()}.")
    result = clearance(volunteer, young_person_age=young_person.age(), context=context)
    if not result:
        raise ValidationError(
            ["The volunteer is not cleared to meet this young person:", *result.reasons]
        )


@transaction.atomic
def match_propose(*, young_person, volunteer: Volunteer, by: User, score: int = 0):
    require_matcher(by)
    # One young person, one open match: lock their row, then look (the database refuses too).
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    current = young_person.matches.filter(status__in=Match.OPEN).select_related("volunteer__user")
    current = current.first()
    if current is not None:
        raise ValidationError(
            f"{young_person.first_name} already has a match ({current.volunteer} is "
            f"{current.get_status_display().lower()}). Close it before proposing another."
        )
    # Lock the volunteer's row (PostgreSQL allows no FOR UPDATE with GROUP BY), then count.
    volunteer = (
        Volunteer.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=volunteer.pk)
    )
    volunteer.open_matches = Match.objects.filter(
        volunteer=volunteer, status__in=Match.OPEN
    ).count()
    if young_person.matches.filter(volunteer=volunteer, status__in=Match.OPEN).exists():
        raise ValidationError("This volunteer is already matched with this young person.")
    check_pair(young_person=young_person, volunteer=volunteer)
    match = Match.objects.create(
        young_person=young_person, volunteer=volunteer, proposed_by=by, score=score
    )
    states.note(match, by=by, reason="Proposed")
    young_person_status_refresh(young_person, by=by, reason=f"Match proposed with {volunteer}")
    email_once(
        f"match:{match.pk}:proposed",
        volunteer.user.email,
        f"A possible match for you: {young_person.first_name}",
        f"Dear {volunteer.user.full_name},\n\nA coordinator thinks you could be a good volunteer "
        f"for {young_person.first_name}, who is {young_person.age()} and lives in "
        f"{young_person.area}. They enjoy: {young_person.interests}. They are free: "
        f"{young_person.availability}.\n\nNothing is arranged yet: the coordinator will talk to "
        f"{young_person.first_name}, their worker and you, and set up an introduction if everyone "
        "agrees. Please do not contact them yourself.\n\nYour checklist: "
        + links.site_url(reverse("volunteers:checklist")),
    )
    return match


@transaction.atomic
def match_move(
    *,
    match,
    to: str,
    by: User,
    reason: str,
    first_meeting_on: dt.date | None = None,
    young_person_wants_new_match: bool = False,
    volunteer_wants_new_match: bool = False,
) -> None:
    """Move a match through its lifecycle. Introducing or (re)activating checks clearance again."""
    require_matcher(by)
    match = (
        Match.objects.select_for_update()
        .select_related("young_person", "volunteer__user")
        .get(pk=match.pk)
    )
    if not states.allowed(match, to):
        states.move(match, to, by=by, reason=reason)  # raises IllegalMove with the plain reason
    if not reason.strip():
        raise ValidationError("Give a reason.")
    if to in Match.NEEDS_CLEARANCE:
        check_pair(young_person=match.young_person, volunteer=match.volunteer, moving=True)
    also_save = []
    if to == Match.Status.INTRODUCED:
        if not first_meeting_on:
            raise ValidationError("Enter the date of the first meeting.")
        match.first_meeting_on = first_meeting_on
        also_save.append("first_meeting_on")
        MatchReview.objects.get_or_create(
            match=match,
            kind="first_meeting",
            defaults={"due_on": first_meeting_on + dt.timedelta(days=14)},
        )
        for kind, months in REVIEW_MONTHS.items():
            MatchReview.objects.get_or_create(
                match=match, kind=kind, defaults={"due_on": add_months(first_meeting_on, months)}
            )
    if to == Match.Status.CLOSED:
        match.closed_reason = reason.strip()
        match.young_person_wants_new_match = young_person_wants_new_match
        match.volunteer_wants_new_match = volunteer_wants_new_match
        also_save += ["closed_reason", "young_person_wants_new_match", "volunteer_wants_new_match"]
    states.move(match, to, by=by, reason=reason, also_save=also_save)
    young_person = match.young_person
    young_person_status_refresh(
        young_person,
        by=by,
        reason=f"Match {match.get_status_display().lower()}: {reason.strip()}",
        wants_new_match=young_person_wants_new_match,
    )
    if to == Match.Status.INTRODUCED:
        volunteer = match.volunteer
        meeting = f"{first_meeting_on.day} {first_meeting_on:%B %Y}"
        must_know = young_person.must_know.strip() or "Nothing more than the above."
        email_once(
            f"match:{match.pk}:introduced",
            volunteer.user.email,
            f"Your first meeting with {young_person.first_name}",
            f"Dear {volunteer.user.full_name},\n\nYou are matched with {young_person.first_name}. "
            f"Your first meeting, with your coordinator, is on {meeting}.\n\nWhat you need to "
            f"know: {must_know}\n\nMeet in public places, use only the contact details agreed "
            "with your coordinator, and log each session you spend together. Any worry about "
            "their safety goes to your coordinator the same day.\n\nYour checklist: "
            + links.site_url(reverse("volunteers:checklist")),
        )


def pause_matches_of(*, volunteer: Volunteer, by: User, reason: str) -> int:
    """A suspended volunteer's matches pause at once (proposals are withdrawn). Called by
    volunteers.services.volunteer_suspend through volunteers/extensions.py."""
    changed = 0
    for match in Match.objects.select_for_update().filter(
        volunteer=volunteer,
        status__in=[Match.Status.PROPOSED, Match.Status.INTRODUCED, Match.Status.ACTIVE],
    ):
        if match.status == Match.Status.PROPOSED:
            match.closed_reason = reason
            match.young_person_wants_new_match = True
            states.move(
                match,
                Match.Status.CLOSED,
                by=by,
                reason=reason,
                also_save=["closed_reason", "young_person_wants_new_match"],
            )
        else:
            states.move(match, Match.Status.PAUSED, by=by, reason=reason)
        young_person_status_refresh(match.young_person, by=by, reason=reason)
        changed += 1
    return changed


def session_with_young_person(*, session, with_whom) -> bool:
    """The volunteer logged `session` with the young person of their match `with_whom` (a
    match's number, from the sessions form): only an active volunteer, in a match under way.
    Called inside volunteers.services.session_log through volunteers/extensions.py."""
    volunteer = Volunteer.objects.get(pk=session.volunteer_id)
    match = volunteer.matches.filter(pk=getattr(with_whom, "pk", with_whom)).first()
    if match is None:
        raise ValidationError("Choose one of your young people.")
    if volunteer.status != Volunteer.Status.ACTIVE:
        raise ValidationError(
            f"Your volunteering is {volunteer.get_status_display().lower()}, so you cannot log "
            "time with a young person. Your coordinator will talk to you about what happens next."
        )
    if match.status not in Match.WORKING:
        raise ValidationError(
            "This match is not under way, so time cannot be logged with it. Ask your coordinator."
        )
    MatchSession.objects.create(session=session, match=match)
    return True


@transaction.atomic
def review_record(*, review: MatchReview, by: User, done_on: dt.date, notes: str = "") -> None:
    """A coordinator records that a match review was held."""
    require_matcher(by)
    review.done_on, review.notes = done_on, notes
    review.save(update_fields=["done_on", "notes"])
