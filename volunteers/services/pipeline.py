"""A volunteer's way in: applying, references (by signed link), the interview, and moves along
the pipeline (approve, withdraw, suspend)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nolimits import links, states
from nolimits.links import LinkProblem
from nolimits.models import User
from volunteers import extensions
from volunteers.clearance import clearance
from volunteers.models import (
    Reference,
    Volunteer,
)
from volunteers.notify import coordinators, email_once
from volunteers.services.common import (
    REFERENCE_SALT,
    clearance_changed,
    is_uuid,
    link_days,
    require_coordinator,
)


@transaction.atomic
def volunteer_apply(
    *,
    user: User,
    route: str,
    interests: str,
    availability: str,
    area: str,
    experience: str,
    volunteering_in_paid_time: bool,
    referees: list[dict],
) -> Volunteer:
    """A member of staff or a councillor applies. Two referees; consent is given on the form."""
    if user.kind not in (User.Kind.STAFF, User.Kind.COUNCILLOR):
        raise ValidationError(
            "Volunteering through No Limits is for council staff and councillors."
        )
    if Volunteer.objects.filter(user=user).exclude(status=Volunteer.Status.LEFT).exists():
        raise ValidationError("You have already applied to volunteer.")
    if len(referees) != 2:
        raise ValidationError("Give two referees.")
    Volunteer.objects.filter(user=user, status=Volunteer.Status.LEFT).delete()
    volunteer = Volunteer(
        user=user,
        route=route,
        interests=interests,
        availability=availability,
        area=area,
        experience=experience,
        volunteering_in_paid_time=volunteering_in_paid_time,
        consent_to_checks=True,
        consent_to_data=True,
    )
    volunteer.full_clean()
    volunteer.save()
    for referee in referees:
        reference = Reference(volunteer=volunteer, **referee)
        reference.full_clean()
        reference.save()
        reference_request(reference=reference)
    clearance_changed(volunteer)
    checklist = links.site_url(reverse("volunteers:checklist"))
    email_once(
        f"applied:{volunteer.pk}:volunteer",
        user.email,
        "We have your application to volunteer",
        f"Dear {user.full_name},\n\nThank you for applying to volunteer with No Limits. "
        "We have asked your two referees for a reference. A coordinator will check your "
        "references and arrange an interview, then your DBS check and training.\n\n"
        f"See what is done and what is next: {checklist}",
    )
    email_once(
        f"applied:{volunteer.pk}:coordinators",
        coordinators(),
        f"New volunteer application: {user.full_name}",
        f"{user.full_name} has applied to volunteer ({volunteer.get_route_display().lower()}). "
        f"Their referees have been asked for references.\n\nOpen their file: "
        + links.site_url(reverse("volunteers_file", args=[volunteer.pk])),
    )
    return volunteer


def reference_link(reference: Reference) -> str:
    """A signed, expiring link to the online reference form (used once)."""
    return links.signed_url("volunteers:reference", salt=REFERENCE_SALT, value=reference.token)


def reference_request(*, reference: Reference, chase: str = "") -> bool:
    """Ask a referee for a reference by email, with their link. `chase` names a reminder."""
    volunteer_name = reference.volunteer.user.full_name
    days = link_days()
    key = f"reference-request:{reference.pk}" + (f":{chase}" if chase else "")
    opening = (
        f"We asked you on {reference.requested_on.day} {reference.requested_on:%B %Y} for a reference and have not had it yet. "
        if chase
        else ""
    )
    return email_once(
        key,
        reference.email,
        f"Please give a reference for {volunteer_name}"
        if not chase
        else f"Reminder: a reference for {volunteer_name}",
        f"Dear {reference.name},\n\n{opening}{volunteer_name} has applied to volunteer with No "
        "Limits, supporting children in care and young people leaving care, and named you as a "
        f"referee ({reference.relationship}). Please answer a few short questions online:\n\n"
        f"{reference_link(reference)}\n\nThe link works once and for {days} days. Your answers "
        "are seen only by the volunteer coordinators.",
    )


def reference_from_link(token: str) -> Reference:
    value = links.unsign(
        token,
        salt=REFERENCE_SALT,
        max_age_days=link_days(),
        expired="This link has expired. The No Limits team will send you a new one.",
    )
    reference = (
        Reference.objects.select_related("volunteer__user").filter(token=value).first()
        if is_uuid(value)
        else None
    )
    if reference is None:
        raise LinkProblem(links.NOT_RIGHT)
    if reference.used_at:
        raise LinkProblem("This reference has already been given. Thank you.")
    if reference.volunteer.status == Volunteer.Status.LEFT:
        raise LinkProblem(
            "This volunteer is no longer applying, so no reference is needed. Thank you."
        )
    return reference


@transaction.atomic
def reference_give(
    *, token: str, known_for: str, suitable: bool, concerns: str = "", comments: str = ""
) -> Reference:
    """The referee answers online. Concerns (or "would not trust them") mark the reference for
    the coordinator to look at; otherwise it counts as satisfactory."""
    reference = reference_from_link(token)
    reference = Reference.objects.select_for_update().get(pk=reference.pk)
    if reference.used_at:
        raise LinkProblem("This reference has already been given. Thank you.")
    reference.known_for = known_for.strip()
    reference.suitable = suitable
    reference.concerns = concerns.strip()
    reference.comments = comments.strip()
    reference.outcome = (
        Reference.Outcome.SATISFACTORY
        if suitable and not reference.concerns
        else Reference.Outcome.CONCERNS
    )
    reference.received_on = timezone.localdate()
    reference.used_at = timezone.now()
    reference.full_clean()
    reference.save()
    volunteer = reference.volunteer
    clearance_changed(volunteer)
    email_once(
        f"reference-given:{reference.pk}",
        coordinators(),
        f"Reference received for {volunteer.user.full_name}",
        f"{reference.name} has given a reference for {volunteer.user.full_name}: "
        f"{reference.get_outcome_display().lower()}.\n\nRead it on their file: "
        + links.site_url(reverse("volunteers_file", args=[volunteer.pk])),
    )
    return reference


@transaction.atomic
def volunteer_move(*, volunteer: Volunteer, to: str, by: User, reason: str) -> None:
    """Move a volunteer along the pipeline (or back). Logged with who and why."""
    if by.pk != volunteer.user_id or to != Volunteer.Status.LEFT:
        require_coordinator(by)
    if not reason.strip():
        raise ValidationError("Give a reason.")
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    approved = []
    if to == Volunteer.Status.ACTIVE and states.allowed(volunteer, to):
        ok = clearance(volunteer, for_approval=True)
        if not ok:
            raise ValidationError(["They cannot be approved yet:", *ok.reasons])
        volunteer.approved_by, volunteer.approved_at = by, timezone.now()
        approved = ["approved_by", "approved_at"]
    states.move(volunteer, to, by=by, reason=reason, also_save=approved)
    clearance_changed(volunteer)


# The pipeline in order: approving walks a volunteer through whatever stages are left.
PIPELINE = [
    Volunteer.Status.APPLIED,
    Volunteer.Status.REFERENCES,
    Volunteer.Status.DBS,
    Volunteer.Status.TRAINING,
    Volunteer.Status.ACTIVE,
]


@transaction.atomic
def volunteer_approve(*, volunteer: Volunteer, by: User, reason: str = "Approved") -> None:
    """One action: approve a volunteer whose records are complete, from whatever stage they are
    at before "active". Each stage passed is logged. If anything is missing, nothing changes."""
    require_coordinator(by)
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    if volunteer.status not in PIPELINE[:-1]:
        raise ValidationError(
            f"Only a volunteer still applying can be approved (this one is “{volunteer.get_status_display()}”)."
        )
    ok = clearance(volunteer, for_approval=True)
    if not ok:
        raise ValidationError(["They cannot be approved yet:", *ok.reasons])
    for stage in PIPELINE[PIPELINE.index(volunteer.status) + 1 :]:
        volunteer_move(
            volunteer=volunteer,
            to=stage,
            by=by,
            reason=reason if stage == Volunteer.Status.ACTIVE else "Checks complete",
        )
        volunteer.refresh_from_db()


def volunteer_withdraw(*, volunteer: Volunteer, by: User, reason: str = "Withdrew") -> None:
    volunteer_move(
        volunteer=volunteer, to=Volunteer.Status.LEFT, by=by, reason=reason or "Withdrew"
    )


@transaction.atomic
def volunteer_suspend(*, volunteer: Volunteer, by: User, reason: str) -> None:
    """One action: pause the volunteer and every match they are in."""
    require_coordinator(by)
    if volunteer.status == Volunteer.Status.LEFT:
        raise ValidationError("This volunteer has already left.")
    if volunteer.status != Volunteer.Status.PAUSED:
        volunteer_move(
            volunteer=volunteer, to=Volunteer.Status.PAUSED, by=by, reason=f"Suspended: {reason}"
        )
    for pause_others in extensions.on_suspend:  # a volunteer's matches (matching/apps.py)
        pause_others(volunteer=volunteer, by=by, reason=f"Volunteer suspended: {reason}")


@transaction.atomic
def reference_record(*, reference: Reference, by: User, outcome: str, received_on: dt.date) -> None:
    require_coordinator(by)
    reference.outcome = outcome
    reference.received_on = received_on
    reference.full_clean()
    reference.save()
    clearance_changed(reference.volunteer_id)


@transaction.atomic
def interview_record(*, volunteer: Volunteer, by: User, done_on: dt.date) -> None:
    require_coordinator(by)
    if done_on > timezone.localdate():
        raise ValidationError("The interview date cannot be in the future.")
    volunteer.interview_done_on = done_on
    volunteer.save(update_fields=["interview_done_on"])
    clearance_changed(volunteer)
