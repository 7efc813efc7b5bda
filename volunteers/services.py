"""Every action that changes volunteering records, with its permission check."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nolimits import files, links, states
from nolimits.links import LinkProblem
from nolimits.models import User
from volunteers import extensions, permissions
from volunteers.clearance import clearance, store_summaries
from volunteers.models import (
    DBSCheck,
    DBSStatusCheck,
    Handbook,
    HandbookAcceptance,
    Reference,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
    training_expiry,
)
from volunteers.notify import coordinators, email_once

REFERENCE_SALT = "volunteers.reference"
BOOKING_SALT = "volunteers.booking"

__all__ = ["LinkProblem"]


def clearance_changed(volunteer: Volunteer | int) -> None:
    """A record the clearance rule reads has changed: store this volunteer's summary again, in
    the caller's transaction (and on the instance the caller holds, so a later save keeps it)."""
    pk = getattr(volunteer, "pk", volunteer)
    store_summaries([pk])
    if isinstance(volunteer, Volunteer):
        volunteer.refresh_from_db(fields=["cleared_children_until", "cleared_adults_until"])


def clearance_context_changed() -> int:
    """The required courses, the current handbook or the DBS recheck period changed: store
    every volunteer's summary again. Returns how many changed."""
    return store_summaries()


def _require_coordinator(by: User) -> None:
    allowed, why = permissions.can_manage(by)
    if not allowed:
        raise PermissionDenied(why)


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


def _link_days() -> int:
    settings_row = VolunteeringSettings.objects.first()
    return settings_row.reference_link_days if settings_row else 28


def reference_link(reference: Reference) -> str:
    """A signed, expiring link to the online reference form (used once)."""
    return links.signed_url("volunteers:reference", salt=REFERENCE_SALT, value=reference.token)


def reference_request(*, reference: Reference, chase: str = "") -> bool:
    """Ask a referee for a reference by email, with their link. `chase` names a reminder."""
    volunteer_name = reference.volunteer.user.full_name
    days = _link_days()
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
        max_age_days=_link_days(),
        expired="This link has expired. The No Limits team will send you a new one.",
    )
    reference = (
        Reference.objects.select_related("volunteer__user").filter(token=value).first()
        if _is_uuid(value)
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


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


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
        _require_coordinator(by)
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
    _require_coordinator(by)
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
    _require_coordinator(by)
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
    _require_coordinator(by)
    reference.outcome = outcome
    reference.received_on = received_on
    reference.full_clean()
    reference.save()
    clearance_changed(reference.volunteer_id)


@transaction.atomic
def interview_record(*, volunteer: Volunteer, by: User, done_on: dt.date) -> None:
    _require_coordinator(by)
    if done_on > timezone.localdate():
        raise ValidationError("The interview date cannot be in the future.")
    volunteer.interview_done_on = done_on
    volunteer.save(update_fields=["interview_done_on"])
    clearance_changed(volunteer)


@transaction.atomic
def dbs_check_record(*, volunteer: Volunteer, by: User, **fields) -> DBSCheck:
    """Record a certificate's metadata (never a copy, never what it disclosed)."""
    _require_coordinator(by)
    check = DBSCheck(volunteer=volunteer, recorded_by=by, **fields)
    check.full_clean()
    check.save()
    clearance_changed(volunteer)
    return check


@transaction.atomic
def dbs_check_decide(*, check: DBSCheck, by: User, decision: str, note: str = "") -> None:
    _require_coordinator(by)
    check.decision = decision
    check.decided_by, check.decided_at = by, timezone.now()
    check.decision_note = note
    check.full_clean()
    check.save()
    clearance_changed(check.volunteer_id)


@transaction.atomic
def dbs_risk_assessment_approve(*, check: DBSCheck, by: User) -> None:
    _require_coordinator(by)
    if not check.has_content:
        raise ValidationError("A risk assessment is only needed when a certificate has content.")
    check.risk_assessment_approved_by, check.risk_assessment_approved_at = by, timezone.now()
    check.save(update_fields=["risk_assessment_approved_by", "risk_assessment_approved_at"])
    clearance_changed(check.volunteer_id)


@transaction.atomic
def dbs_status_check_record(
    *, check: DBSCheck, by: User, result: str, checked_on: dt.date
) -> DBSStatusCheck:
    """Record an Update Service check. New information or no match suspends the volunteer."""
    _require_coordinator(by)
    status = DBSStatusCheck(dbs_check=check, result=result, checked_on=checked_on, checked_by=by)
    status.full_clean()
    status.save()
    clearance_changed(check.volunteer_id)
    if result in (DBSStatusCheck.Result.NEW_INFO, DBSStatusCheck.Result.NO_MATCH_FOUND):
        volunteer = check.volunteer
        if volunteer.status in (Volunteer.Status.ACTIVE, Volunteer.Status.TRAINING):
            volunteer_suspend(
                volunteer=volunteer,
                by=by,
                reason=f"DBS Update Service: {status.get_result_display()}",
            )
    return status


@transaction.atomic
def training_record_add(
    *, volunteer: Volunteer, course: TrainingCourse, completed_on: dt.date, by: User
) -> TrainingRecord:
    _require_coordinator(by)
    record = TrainingRecord(
        volunteer=volunteer, course=course, completed_on=completed_on, recorded_by=by
    )
    record.full_clean(exclude=["expires_on"])
    record.expires_on = training_expiry(course, completed_on)
    record.save()
    clearance_changed(volunteer)
    return record


@transaction.atomic
def mentor_assign(*, volunteer: Volunteer, mentor: User, by: User) -> None:
    _require_coordinator(by)
    if mentor.pk == volunteer.user_id:
        raise ValidationError("A volunteer cannot be their own mentor.")
    if not mentor.groups.filter(name="Mentors").exists():
        raise ValidationError(f"{mentor} is not a staff mentor.")
    volunteer.mentor = mentor
    volunteer.save(update_fields=["mentor"])
    clearance_changed(volunteer)
    name = volunteer.user.full_name
    email_once(
        f"mentor:{volunteer.pk}:{mentor.pk}:mentor",
        mentor.email,
        f"You are now {name}'s staff mentor",
        f"Dear {mentor.full_name},\n\nYou are now the staff mentor for {name} "
        f"({volunteer.user.email}). Please get in touch to introduce yourself, and record each "
        "supervision conversation.\n\nYour volunteers: "
        + links.site_url(reverse("volunteers:mentees")),
    )
    email_once(
        f"mentor:{volunteer.pk}:{mentor.pk}:volunteer",
        volunteer.user.email,
        "You have a staff mentor",
        f"Dear {name},\n\n{mentor.full_name} ({mentor.email}) is your staff mentor: someone to "
        "talk things through with while you volunteer. They will be in touch.\n\nYour checklist: "
        + links.site_url(reverse("volunteers:checklist")),
    )


@transaction.atomic
def handbook_accept(*, volunteer: Volunteer, by: User) -> HandbookAcceptance:
    if by.pk != volunteer.user_id:
        raise PermissionDenied("Only the volunteer can accept the handbook.")
    handbook = Handbook.current()
    if handbook is None:
        raise ValidationError("There is no handbook to accept yet.")
    acceptance, _ = HandbookAcceptance.objects.get_or_create(volunteer=volunteer, handbook=handbook)
    clearance_changed(volunteer)
    return acceptance


def purge_old_disclosure_notes(*, today: dt.date | None = None) -> int:
    """The DBS Code of Practice: nothing about a disclosure kept more than 6 months after the decision."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=183), dt.time.min))
    return (
        DBSCheck.objects.filter(decided_at__lt=cutoff)
        .exclude(decision_note="")
        .update(decision_note="")
    )


def dbs_records_viewed(*, checks, by: User) -> None:
    """Section 124 Police Act: every view of a DBS record is written to the audit log (who saw
    which record, when). Screens that show one call this."""
    from wagtail.log_actions import log

    for check in checks:
        log(instance=check, action="volunteers.dbs_viewed", user=by)


# --- Mentors, sessions and expenses -------------------------------------------------------------

@transaction.atomic
def supervision_record(
    *, volunteer: Volunteer, mentor: User, held_on: dt.date, notes: str, follow_up: str = ""
):
    from volunteers.models import SupervisionNote

    if volunteer.mentor_id != mentor.pk:
        raise PermissionDenied("You can only record supervision for the volunteers you mentor.")
    if held_on > timezone.localdate():
        raise ValidationError("The date cannot be in the future.")
    note = SupervisionNote(
        volunteer=volunteer, mentor=mentor, held_on=held_on, notes=notes, follow_up=follow_up
    )
    note.full_clean()
    note.save()
    return note


@transaction.atomic
def session_log(
    *, volunteer: Volunteer, by: User, date: dt.date, minutes: int, what_happened: str, match=None
):
    from volunteers.models import VolunteerSession

    if match is not None and not hasattr(match, "volunteer_id"):  # a match's number
        match = volunteer.matches.filter(pk=match).first()
        if match is None:
            raise ValidationError("Choose one of your young people.")

    if by.pk != volunteer.user_id:
        raise PermissionDenied("Only the volunteer logs their own time.")
    if match is not None:
        volunteer = Volunteer.objects.get(pk=volunteer.pk)
        if volunteer.status != Volunteer.Status.ACTIVE:
            raise ValidationError(
                f"Your volunteering is {volunteer.get_status_display().lower()}, so you cannot log "
                "time with a young person. Your coordinator will talk to you about what happens next."
            )
        if match.volunteer_id != volunteer.pk or match.status not in type(match).WORKING:
            raise ValidationError(
                "This match is not under way, so time cannot be logged with it. Ask your coordinator."
            )
    if date > timezone.localdate():
        raise ValidationError("The date cannot be in the future.")
    if not 5 <= minutes <= 24 * 60:
        raise ValidationError("Enter how long, between 5 minutes and 24 hours.")
    session = VolunteerSession(
        volunteer=volunteer, match=match, date=date, minutes=minutes, what_happened=what_happened
    )
    session.full_clean()
    session.save()
    return session


@transaction.atomic
def expense_claim(
    *,
    session,
    by: User,
    kind: str,
    description: str,
    limits,
    miles=None,
    amount_pence: int | None = None,
    receipt=None,
):
    """Claim against a logged session, within the limits in Settings → Volunteering."""
    from django.db.models import Sum

    from volunteers.models import ExpenseClaim

    if by.pk != session.volunteer.user_id:
        raise PermissionDenied("You can only claim for your own sessions.")
    if kind == ExpenseClaim.Kind.MILEAGE:
        if not miles or miles <= 0:
            raise ValidationError("Enter how many miles you drove")
        amount_pence = int(round(float(miles) * limits.mileage_rate_pence))
    elif receipt is None:
        raise ValidationError("Add a photo or PDF of the receipt")
    if not amount_pence or amount_pence <= 0:
        raise ValidationError("Enter how much you spent")
    if amount_pence > limits.max_expense_claim_pence:
        raise ValidationError(
            f"A single claim can be up to £{limits.max_expense_claim_pence / 100:.2f}"
        )
    # Claims are counted under a lock on the volunteer, so two at once cannot both pass the limit.
    Volunteer.objects.select_for_update().get(pk=session.volunteer_id)
    month_start = session.date.replace(day=1)
    this_month = (
        ExpenseClaim.objects.select_for_update()
        .filter(
            session__volunteer=session.volunteer,
            session__date__gte=month_start,
            status__in=["waiting", "approved"],
        )
        .filter(session__date__lt=(month_start + dt.timedelta(days=32)).replace(day=1))
        .aggregate(t=Sum("amount_pence"))["t"]
        or 0
    )
    if this_month + amount_pence > limits.max_expenses_per_month_pence:
        left = max(limits.max_expenses_per_month_pence - this_month, 0)
        raise ValidationError(
            f"This would take you over the £{limits.max_expenses_per_month_pence / 100:.2f} monthly limit: you can claim up to £{left / 100:.2f} more this month"
        )
    claim = ExpenseClaim(
        session=session, kind=kind, description=description, miles=miles, amount_pence=amount_pence
    )
    if receipt is not None:
        claim.receipt_content_type = files.upload_type(receipt, noun="receipt")
        claim.receipt = receipt
    claim.full_clean(exclude=["receipt"])
    claim.save()
    return claim


@transaction.atomic
def expense_decide(*, claim, by: User, approve: bool, reason: str = ""):
    allowed, why = permissions.can_decide_expenses(by)
    if not allowed:
        raise PermissionDenied(why)
    if claim.status != claim.Status.WAITING:
        raise ValidationError("This claim has already been decided.")
    if not approve and not reason.strip():
        raise ValidationError("Say why the claim is refused.")
    claim.decided_by, claim.decided_at, claim.decision_reason = by, timezone.now(), reason.strip()
    states.move(
        claim,
        claim.Status.APPROVED if approve else claim.Status.REFUSED,
        by=by,
        reason=claim.decision_reason,
        also_save=["decided_by", "decided_at", "decision_reason"],
    )
    volunteer = claim.session.volunteer
    amount = f"£{claim.amount_pence / 100:.2f}"
    session_day = f"{claim.session.date.day} {claim.session.date:%B %Y}"
    sessions_url = links.site_url(reverse("volunteers:sessions"))
    if approve:
        subject = "Your expense claim is approved"
        body = (
            f"Your claim of {amount} ({claim.description}) for your session on {session_day} "
            "is approved. It will be paid with the next expenses run."
        )
    else:
        subject = "Your expense claim was not approved"
        body = (
            f"Your claim of {amount} ({claim.description}) for your session on {session_day} "
            f"was not approved. The reason: {claim.decision_reason}\n\nIf you have a question, "
            "reply to your coordinator or talk to your staff mentor."
        )
    email_once(
        f"expense:{claim.pk}:decided",
        volunteer.user.email,
        subject,
        f"Dear {volunteer.user.full_name},\n\n{body}\n\nYour sessions and claims: {sessions_url}",
    )


# --- Come-along opportunities ----------------------------------------------------------------------


@transaction.atomic
def opportunity_offer(*, volunteer: Volunteer, by: User, **fields):
    """A volunteer offers something they already do. Not yet cleared for one-to-one time? Then
    only a supervised group activity, with a named lead adult."""
    from volunteers.models import Opportunity

    if by.pk != volunteer.user_id:
        raise PermissionDenied("Only the volunteer can offer their own activity.")
    if volunteer.status == Volunteer.Status.LEFT:
        raise ValidationError("You are no longer volunteering.")
    opportunity = Opportunity(volunteer=volunteer, **fields)
    if not clearance(volunteer) and not opportunity.lead_adult.strip():
        raise ValidationError(
            "You are not cleared for one-to-one time yet, so name the lead adult who will supervise the group."
        )
    opportunity.full_clean()
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_decide(*, opportunity, by: User, approve: bool, reason: str = "") -> None:
    _require_coordinator(by)
    if opportunity.status != opportunity.Status.SUBMITTED:
        raise ValidationError("This activity has already been decided.")
    if not approve and not reason.strip():
        raise ValidationError("Say why the activity is not approved.")
    if approve and not clearance(opportunity.volunteer) and not opportunity.lead_adult.strip():
        raise ValidationError(
            "A volunteer who is not cleared can only run a supervised activity with a named lead adult."
        )
    opportunity.decided_by, opportunity.decided_at, opportunity.decision_reason = (
        by,
        timezone.now(),
        reason.strip(),
    )
    states.move(
        opportunity,
        opportunity.Status.APPROVED if approve else opportunity.Status.DECLINED,
        by=by,
        reason=opportunity.decision_reason,
        also_save=["decided_by", "decided_at", "decision_reason"],
    )


@transaction.atomic
def booking_make(
    *,
    opportunity,
    young_person_first_name: str,
    young_person_age: int,
    booker_name: str,
    booker_email: str,
    notes: str = "",
):
    """A worker or young person books a place: only while places are left and within the ages."""
    from volunteers.models import Booking, Opportunity

    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != Opportunity.Status.APPROVED or opportunity.starts_at <= timezone.now():
        raise ValidationError("This activity is not taking bookings.")
    if not opportunity.min_age <= young_person_age <= opportunity.max_age:
        raise ValidationError(
            f"This activity is for ages {opportunity.min_age} to {opportunity.max_age}."
        )
    if opportunity.bookings.filter(cancelled=False).count() >= opportunity.places:
        raise ValidationError("Sorry, this activity is full.")
    booking = Booking(
        opportunity=opportunity,
        young_person_first_name=young_person_first_name,
        young_person_age=young_person_age,
        booker_name=booker_name,
        booker_email=booker_email,
        notes=notes,
    )
    booking.full_clean()
    booking.save()
    when = timezone.localtime(opportunity.starts_at)
    cancel = links.signed_url("volunteers:cancel_booking", salt=BOOKING_SALT, value=booking.token)
    email_once(
        f"booking:{booking.pk}:confirmed",
        booking.booker_email,
        f"Place booked: {opportunity.title}",
        f"Dear {booking.booker_name},\n\n{booking.young_person_first_name} has a place at "
        f"{opportunity.title} on {when.day} {when:%B %Y at %H:%M}, at {opportunity.location}."
        + (f" Bring: {opportunity.what_to_bring}." if opportunity.what_to_bring else "")
        + f"\n\nIf they cannot come, please cancel so someone else can have the place:\n{cancel}",
    )
    return booking


def booking_from_link(token: str):
    from volunteers.models import Booking

    value = links.unsign(
        token,
        salt=BOOKING_SALT,
        max_age_days=366,
        expired="This link has expired. Contact the No Limits team to change a booking.",
    )
    booking = (
        Booking.objects.select_related("opportunity").filter(token=value).first()
        if _is_uuid(value)
        else None
    )
    if booking is None:
        raise LinkProblem(links.NOT_RIGHT)
    return booking


@transaction.atomic
def booking_cancel(*, token: str):
    """The booker cancels by their emailed link. Cancelling twice changes nothing."""
    from volunteers.models import Booking

    booking = Booking.objects.select_for_update().get(pk=booking_from_link(token).pk)
    if booking.opportunity.starts_at <= timezone.now():
        raise ValidationError(
            "This activity has already started, so the booking cannot be cancelled here."
        )
    if not booking.cancelled:
        booking.cancelled = True
        booking.save(update_fields=["cancelled"])
    return booking
