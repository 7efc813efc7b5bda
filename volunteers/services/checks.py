"""DBS checks and their Update Service results, training, the handbook, mentors, and the
purge of DBS decision notes."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nolimits import links
from nolimits.models import User
from volunteers.models import (
    DBSCheck,
    DBSStatusCheck,
    Handbook,
    HandbookAcceptance,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    training_expiry,
)
from volunteers.notify import email_once
from volunteers.services.common import (
    clearance_changed,
    require_coordinator,
)
from volunteers.services.pipeline import volunteer_suspend


@transaction.atomic
def dbs_check_record(*, volunteer: Volunteer, by: User, **fields) -> DBSCheck:
    """Record a certificate's metadata (never a copy, never what it disclosed)."""
    require_coordinator(by)
    check = DBSCheck(volunteer=volunteer, recorded_by=by, **fields)
    check.full_clean()
    check.save()
    clearance_changed(volunteer)
    return check


@transaction.atomic
def dbs_check_decide(*, check: DBSCheck, by: User, decision: str, note: str = "") -> None:
    require_coordinator(by)
    check.decision = decision
    check.decided_by, check.decided_at = by, timezone.now()
    check.decision_note = note
    check.full_clean()
    check.save()
    clearance_changed(check.volunteer_id)


@transaction.atomic
def dbs_risk_assessment_approve(*, check: DBSCheck, by: User) -> None:
    require_coordinator(by)
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
    require_coordinator(by)
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
    require_coordinator(by)
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
    require_coordinator(by)
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


def purge_old_disclosure_notes(*, today: dt.date | None = None, days: int = 183) -> int:
    """The DBS Code of Practice: nothing about a disclosure kept more than 6 months after the
    decision (`days`: the retention schedule passes RETENTION_DBS_NOTE_DAYS)."""
    today = today or timezone.localdate()
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.min))
    return (
        DBSCheck.objects.filter(decided_at__lt=cutoff)
        .exclude(decision_note="")
        .update(decision_note="")
    )


def dbs_records_viewed(*, checks, by: User) -> None:
    """Section 124 Police Act: every view of a DBS record is written to the audit log (who saw
    which record, when). Screens that show one call this. The entries are the ones Wagtail's
    log() writes, checked as it checks each (the first in full: the action is registered, the
    user and the content type exist; the rest without those same lookups again), and written in
    one INSERT, so a page of records costs three queries, not three a record."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.log_actions import get_active_log_context, registry

    checks = list(checks)
    model = registry.get_log_model_for_model(DBSCheck)
    if not checks or model is None:
        return
    context = get_active_log_context()
    content_type = ContentType.objects.get_for_model(DBSCheck, for_concrete_model=False)
    at = timezone.now()
    entries = [
        model(
            content_type=content_type,
            label=model.objects.get_instance_title(check),
            action="volunteers.dbs_viewed",
            timestamp=at,
            data={},
            user=by or context.user,
            uuid=context.uuid,
            object_id=str(check.pk),
        )
        for check in checks
    ]
    entries[0].full_clean()
    for entry in entries[1:]:
        entry.full_clean(exclude=["content_type", "user"])
    model.objects.bulk_create(entries)
