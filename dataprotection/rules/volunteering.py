"""Volunteering: volunteers who left (profile, references, DBS records, supervision notes),
DBS decision notes, session notes, expense claims with their receipts, come-along bookings."""

import datetime as dt

from django.conf import settings
from django.db.models import Max, OuterRef, Subquery

from dataprotection.rules.common import (
    REMOVED,
    REMOVED_EMAIL,
    Due,
    days_after,
    delete_files_after_commit,
    due_by,
    latest_possible,
)
from volunteers import services as volunteer_services
from volunteers.models import (
    Booking,
    DBSCheck,
    ExpenseClaim,
    Opportunity,
    Reference,
    SupervisionNote,
    Volunteer,
    VolunteerSession,
    VolunteerStatusChange,
)

# A DBS certificate number is 12 digits: this one is no certificate's.
NO_CERTIFICATE = "000000000000"


def volunteers_who_left():
    """Volunteers who left, with when they left (their last move to "left")."""
    left_at = (
        VolunteerStatusChange.objects.filter(
            volunteer=OuterRef("pk"), to_status=Volunteer.Status.LEFT
        )
        .order_by()
        .values("volunteer")
        .annotate(at=Max("at"))
        .values("at")
    )
    return Volunteer.objects.filter(status=Volunteer.Status.LEFT).annotate(
        left_at=Subquery(left_at)
    )


def left_day(volunteer) -> object:
    return days_after(
        volunteer.left_at or volunteer.applied_at, settings.RETENTION_VOLUNTEER_LEFT_DAYS
    )


def volunteers_left_due(until) -> list[Due]:
    records = volunteers_who_left().exclude(area=REMOVED)
    return due_by(records, left_day, lambda v: f"Volunteer #{v.pk}", until)


def volunteers_left_anonymise(due: list[Due], today) -> int:
    pks = [d.pk for d in due]
    VolunteerStatusChange.objects.filter(volunteer_id__in=pks).update(reason="")
    Opportunity.objects.filter(volunteer_id__in=pks).update(lead_adult="")
    return Volunteer.objects.filter(pk__in=pks).update(
        interests="", availability="", area=REMOVED, experience="", areas_covered="", gender=""
    )


def belonging_to_leavers(records, until, reference) -> list[Due]:
    """The records (each with a volunteer) whose volunteer left long enough ago."""
    leavers = {v.pk: left_day(v) for v in volunteers_who_left()}
    records = records.filter(volunteer_id__in=list(leavers))
    return due_by(records, lambda r: leavers[r.volunteer_id], reference, until)


def references_due(until) -> list[Due]:
    return belonging_to_leavers(Reference.objects.all(), until, lambda r: f"Reference #{r.pk}")


def references_delete(due: list[Due], today) -> int:
    return Reference.objects.filter(pk__in=[d.pk for d in due]).delete()[0]


def dbs_records_due(until) -> list[Due]:
    records = DBSCheck.objects.exclude(certificate_number=NO_CERTIFICATE)
    return belonging_to_leavers(records, until, lambda c: f"DBS check #{c.pk}")


def dbs_records_anonymise(due: list[Due], today) -> int:
    """The check's level, workforce, dates and decision stay (the figures count checks in
    date); its certificate number and any note go."""
    return DBSCheck.objects.filter(pk__in=[d.pk for d in due]).update(
        certificate_number=NO_CERTIFICATE, decision_note=""
    )


def supervision_notes_due(until) -> list[Due]:
    return belonging_to_leavers(
        SupervisionNote.objects.all(), until, lambda n: f"Supervision note #{n.pk}"
    )


def supervision_notes_delete(due: list[Due], today) -> int:
    return SupervisionNote.objects.filter(pk__in=[d.pk for d in due]).delete()[0]


def dbs_notes_due(until) -> list[Due]:
    """volunteers.services.purge_old_disclosure_notes's rule: a note goes once `days` whole days
    have passed since the day of the decision."""
    days = settings.RETENTION_DBS_NOTE_DAYS
    records = DBSCheck.objects.filter(
        decided_at__isnull=False, decided_at__lt=latest_possible(until, days + 1)
    ).exclude(decision_note="")
    return due_by(
        records, lambda c: days_after(c.decided_at, days + 1), lambda c: f"DBS check #{c.pk}", until
    )


def dbs_notes_purge(due: list[Due], today) -> int:
    return volunteer_services.purge_old_disclosure_notes(
        today=today, days=settings.RETENTION_DBS_NOTE_DAYS
    )


def session_notes_due(until) -> list[Due]:
    days = settings.RETENTION_SESSION_NOTE_DAYS
    records = VolunteerSession.objects.filter(date__lte=until - dt.timedelta(days=days)).exclude(
        what_happened=""
    )
    return due_by(records, lambda s: days_after(s.date, days), lambda s: f"Session #{s.pk}", until)


def session_notes_clear(due: list[Due], today) -> int:
    """The date and minutes stay (the figures count time given); what happened goes."""
    return VolunteerSession.objects.filter(pk__in=[d.pk for d in due]).update(what_happened="")


def expense_claims_due(until) -> list[Due]:
    days = settings.RETENTION_EXPENSE_RECEIPT_DAYS
    records = ExpenseClaim.objects.filter(
        decided_at__isnull=False, decided_at__lt=latest_possible(until, days)
    ).exclude(description=REMOVED)
    return due_by(
        records, lambda c: days_after(c.decided_at, days), lambda c: f"Expense claim #{c.pk}", until
    )


def expense_claims_anonymise(due: list[Due], today) -> int:
    """The amount, kind, status and dates stay; the description, the reason and the receipt
    (its file deleted from storage) go."""
    claims = ExpenseClaim.objects.filter(pk__in=[d.pk for d in due])
    delete_files_after_commit(
        (c.receipt.storage, c.receipt.name) for c in claims.exclude(receipt="")
    )
    return claims.update(
        description=REMOVED, decision_reason="", receipt="", receipt_content_type=""
    )


def bookings_due(until) -> list[Due]:
    days = settings.RETENTION_BOOKING_DAYS
    records = (
        Booking.objects.filter(opportunity__starts_at__lt=latest_possible(until, days))
        .exclude(booker_email=REMOVED_EMAIL)
        .select_related("opportunity")
    )
    return due_by(
        records,
        lambda b: days_after(b.opportunity.starts_at, days),
        lambda b: f"Booking #{b.pk}",
        until,
    )


def bookings_anonymise(due: list[Due], today) -> int:
    """The young person's age and whether the place was used stay (the figures count places
    booked); names, the email address and notes go."""
    return Booking.objects.filter(pk__in=[d.pk for d in due]).update(
        young_person_first_name=REMOVED, booker_name=REMOVED, booker_email=REMOVED_EMAIL, notes=""
    )
