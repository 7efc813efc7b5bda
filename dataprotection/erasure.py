"""Erasing a person across every app, in one transaction: nothing half-done.

What the law makes us keep is kept with the minimum needed, and the person is told which (the
confirmation page, and an email): gifts, pledges and their Stripe ids (accounting records),
Gift Aid declarations (name, house name or number, postcode: HMRC may check a claim), approved
expense claims and grant payments (money paid), and the audit logs of who opened their records.
Everything else about them is deleted or anonymised; their account is disabled so they cannot
sign in; their files are deleted from storage once the erasure commits. The erasure is logged
(who, a reference to whom, when, why, how many records).

`erasure_plan(subject)` counts what `erase(...)` will do, with the same steps, so the confirm
page says exactly what will happen. Some things must be done first (a pledge still taking
money, an open match, an application in progress): the plan lists them and `erase` refuses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from dataprotection import permissions
from dataprotection.models import AccessExport, Erasure
from dataprotection.registry import Subject, log_entries_about, messages_to, stripe_events_about
from grants import services as grants_services
from grants.models import Application, ApplicationLogEntry, ApplicationStatusChange
from matching.models import Match, MatchReview, MatchStatusChange, YoungPerson
from nolimits import kept_lists, states
from nolimits.mail import send_email
from pledges.models import DonationStatusChange, PledgeStatusChange, StripeEvent
from volunteers.models import (
    Booking,
    DBSCheck,
    ExpenseClaim,
    ExpenseClaimStatusChange,
    HandbookAcceptance,
    Opportunity,
    OpportunityStatusChange,
    Reference,
    SupervisionNote,
    TrainingRecord,
    Volunteer,
    VolunteerSession,
    VolunteerStatusChange,
)

ERASED_NAME = "Erased person"
REASON = "Erased at the person's request"

# What is kept, and why: shown on the confirm page, in the email and in the log.
WHY = {
    "Monthly pledges": "Accounting records: the fund must keep what was promised and paid for "
    "six years. Kept: amounts, dates, method and Stripe's ids; the reason you gave is removed.",
    "Gifts": "Accounting records: kept for six years (amounts, dates, Stripe's ids, receipt "
    "numbers).",
    "Gift Aid declarations": "HMRC may check a Gift Aid claim: we keep the declaration (your name, "
    "house name or number, postcode and date) for six years after the last gift it covered.",
    "Approved expense claims": "Money paid to you: accounting records kept six years (amount, "
    "date, mileage). The description and receipt are deleted.",
    "Grant payments": "Money paid from the fund: accounting records kept six years (amount, date, "
    "method, payment reference). Everything else on the application is deleted.",
    "Stripe events still being processed": "Stripe's messages about a payment not yet processed: "
    "they are cleared when processed.",
    "Who opened your records": "The audit log of who opened your records (the law asks for it "
    "for DBS records). It holds no details of the records.",
    "Matches (the young person's record)": "Your matches are part of the young person's record: "
    "kept, with your name removed.",
    "Copies of your data made before": "The log that copies were made, with your name removed; "
    "the copies themselves are deleted.",
}

FINISHED_APPLICATION = {
    Application.Status.DRAFT,
    Application.Status.CLOSED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
    Application.Status.PAID,
}


@dataclass
class Plan:
    """What an erasure does: per kind of record, how many deleted, anonymised and kept."""

    subject: Subject
    by: object = None
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    first: list[str] = field(default_factory=list)
    files: list = field(default_factory=list)

    def add(self, kind: str, action: str, n: int) -> None:
        if n:
            self.counts[kind][action] += n

    def rows(self, action: str) -> list[tuple[str, int]]:
        return [(kind, c[action]) for kind, c in self.counts.items() if c.get(action)]

    @property
    def rows_deleted(self) -> list[tuple[str, int]]:
        return self.rows("deleted")

    @property
    def rows_anonymised(self) -> list[tuple[str, int]]:
        return self.rows("anonymised")

    def kept(self) -> list[dict]:
        return [{"kind": kind, "count": n, "why": WHY[kind]} for kind, n in self.rows("kept")]

    def as_counts(self) -> dict:
        return {kind: dict(c) for kind, c in self.counts.items()}


def _file(plan: Plan, stored) -> None:
    if stored:
        plan.files.append((stored.storage, stored.name))


def _account(plan: Plan, user, apply: bool) -> None:
    plan.add("Your account (disabled, name and contact details removed)", "anonymised", 1)
    emails = EmailAddress.objects.filter(user=user)
    authenticators = Authenticator.objects.filter(user=user)
    plan.add("Email addresses", "deleted", emails.count())
    plan.add("Two-factor authentication", "deleted", authenticators.count())
    messages = messages_to(user.email)
    plan.add("Emails and text messages we sent you", "deleted", messages.count())
    exports = AccessExport.objects.filter(subject_user=user)
    plan.add("Copies of your data made before", "kept", exports.count())
    if not apply:
        return
    for export in exports:
        _file(plan, export.file)
    exports.update(file="", subject_label=f"{ERASED_NAME} ({plan.subject.reference})")
    emails.delete()
    authenticators.delete()
    messages.delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.full_name = ERASED_NAME
    user.phone_number = ""
    user.directorate = ""
    user.contact_by = user.ContactBy.EMAIL
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()


def _giving(plan: Plan, user, apply: bool) -> None:
    pledges = user.pledges.all()
    if any(p.is_live for p in pledges):
        plan.first.append(
            "They have a monthly pledge still taking money: cancel it first (on Stripe or the "
            "payroll run), so nothing more is taken."
        )
    plan.add("Monthly pledges", "kept", pledges.count())
    plan.add("Gifts", "kept", user.donations.count())
    made = user.gift_aid_declarations.filter(awaiting_payment=False)
    never = user.gift_aid_declarations.filter(awaiting_payment=True)
    plan.add("Gift Aid declarations", "kept", made.count())
    plan.add("Gift Aid declarations that never took effect", "deleted", never.count())
    events = stripe_events_about(user)
    done = events.exclude(status__in=[StripeEvent.Status.PENDING, StripeEvent.Status.FAILED])
    plan.add(
        "What Stripe told us about your payments (details removed)", "anonymised", done.count()
    )
    plan.add("Stripe events still being processed", "kept", events.count() - done.count())
    if not apply:
        return
    pledges.update(cancellation_reason="")
    PledgeStatusChange.objects.filter(pledge__donor=user).update(reason="")
    DonationStatusChange.objects.filter(donation__donor=user).update(reason="")
    made.update(cancellation_reason="")
    never.delete()
    for event in done:
        StripeEvent.objects.filter(pk=event.pk).update(
            payload={"id": event.event_id, "type": event.type, "erased": True}
        )


def _volunteering(plan: Plan, user, apply: bool) -> None:
    volunteer = Volunteer.objects.filter(user=user).first()
    if volunteer is None:
        return
    if volunteer.matches.filter(status__in=Match.OPEN).exists():
        plan.first.append("They are in an open match with a young person: close it first.")
    upcoming = volunteer.opportunities.filter(
        status__in=[Opportunity.Status.SUBMITTED, Opportunity.Status.APPROVED],
        starts_at__gt=timezone.now(),
    )
    if upcoming.exists():
        plan.first.append(
            "They run a come-along activity still to come: wait until it has happened, or decline "
            "it if it is waiting for a decision."
        )
    plan.add("Volunteer record (kept as “left”, details removed)", "anonymised", 1)
    deleted = {
        "References": Reference.objects.filter(volunteer=volunteer),
        "DBS checks": DBSCheck.objects.filter(volunteer=volunteer),
        "Training": TrainingRecord.objects.filter(volunteer=volunteer),
        "Handbook accepted": HandbookAcceptance.objects.filter(volunteer=volunteer),
        "Supervision notes about you": SupervisionNote.objects.filter(volunteer=volunteer),
    }
    for kind, rows in deleted.items():
        plan.add(kind, "deleted", rows.count())
    sessions = VolunteerSession.objects.filter(volunteer=volunteer)
    plan.add("Time you gave (dates and hours kept, notes removed)", "anonymised", sessions.count())
    claims = ExpenseClaim.objects.filter(session__volunteer=volunteer)
    approved = claims.filter(status=ExpenseClaim.Status.APPROVED)
    unpaid = claims.exclude(status=ExpenseClaim.Status.APPROVED)
    plan.add("Approved expense claims", "kept", approved.count())
    plan.add("Expense claims not paid", "deleted", unpaid.count())
    opportunities = volunteer.opportunities.all()
    plan.add(
        "Come-along activities you offered (details removed)", "anonymised", opportunities.count()
    )
    plan.add("Matches (the young person's record)", "kept", volunteer.matches.count())
    plan.add("Who opened your records", "kept", _dbs_log_count(volunteer))
    if not apply:
        return
    for claim in claims:
        _file(plan, claim.receipt)
    unpaid.delete()
    ExpenseClaimStatusChange.objects.filter(claim__in=approved).update(reason="")
    approved.update(description="", decision_reason="", receipt="", receipt_content_type="")
    sessions.update(what_happened="")
    for kind, rows in deleted.items():
        if kind == "DBS checks":
            for check in rows:
                check.status_checks.all().delete()
        rows.delete()
    opportunities.update(
        title="Erased activity", description="", location="", what_to_bring="", lead_adult="",
        decision_reason="",
    )  # fmt: skip
    OpportunityStatusChange.objects.filter(opportunity__volunteer=volunteer).update(reason="")
    VolunteerStatusChange.objects.filter(volunteer=volunteer).update(reason="")
    Volunteer.objects.filter(pk=volunteer.pk).update(
        gender="", areas_covered="", interests="", availability="", area="", experience=""
    )
    volunteer.refresh_from_db()
    states.move_if_allowed(volunteer, Volunteer.Status.LEFT, by=plan.by, reason=REASON)


def _dbs_log_count(volunteer) -> int:
    return log_entries_about(DBSCheck, volunteer.dbs_checks.values_list("pk", flat=True)).count()


def _bookings(plan: Plan, user, apply: bool) -> None:
    bookings = Booking.objects.filter(booker_email__iexact=user.email)
    plan.add("Places you booked (your name and email removed)", "anonymised", bookings.count())
    if apply:
        for booking in bookings:
            Booking.objects.filter(pk=booking.pk).update(
                booker_name=ERASED_NAME,
                booker_email=f"erased-booking-{booking.pk}@erased.invalid",
                notes="",
                young_person_first_name="Erased",
            )


def _grants(plan: Plan, user, apply: bool) -> None:
    applications = user.grant_applications.all()
    if applications.exclude(status__in=FINISHED_APPLICATION).exists():
        plan.first.append(
            "They have a grant application in progress: it must be decided, paid or withdrawn "
            "first."
        )
    plan.add("Grant applications (details removed)", "anonymised", applications.count())
    plan.add("Grant payments", "kept", applications.filter(payment__isnull=False).count())
    opened = ApplicationLogEntry.objects.filter(application__in=applications)
    plan.add("Who opened your records", "kept", opened.count())
    if not apply:
        return
    for application in applications:
        _file(plan, application.proof_of_spend)
        grants_services.application_anonymise(application, keep_published_story=False)
    Application.objects.filter(pk__in=applications.values("pk")).update(what_for="")
    ApplicationStatusChange.objects.filter(application__applicant=user).update(data={})


def _referral(plan: Plan, young_person: YoungPerson, apply: bool) -> None:
    matches = young_person.matches.all()
    if matches.filter(status__in=Match.OPEN).exists():
        plan.first.append("They are in an open match with a volunteer: close it first.")
    plan.add("Referral (kept as closed, every detail removed)", "anonymised", 1)
    plan.add("Matches (reasons and review notes removed)", "anonymised", matches.count())
    sessions = VolunteerSession.objects.filter(match_link__match__young_person=young_person)
    plan.add(
        "What volunteers wrote about sessions with them (removed)", "anonymised", sessions.count()
    )
    if not apply:
        return
    sessions.update(what_happened="")  # the volunteer's notes may name them; dates and times stay
    MatchReview.objects.filter(match__young_person=young_person).update(notes="")
    MatchStatusChange.objects.filter(match__young_person=young_person).update(reason="")
    matches.update(closed_reason="")
    young_person.status_changes.update(reason="")
    young_person.excluded_volunteers.clear()
    YoungPerson.objects.filter(pk=young_person.pk).update(
        first_name="Erased",
        date_of_birth=young_person.date_of_birth.replace(month=1, day=1),
        area="", interests="", availability="", volunteer_preference="", other_preferences="",
        must_know="", worker_name="", worker_email="erased@erased.invalid", worker_phone="",
    )  # fmt: skip
    young_person.refresh_from_db()
    states.move_if_allowed(young_person, YoungPerson.Status.CLOSED, by=plan.by, reason=REASON)


def _steps(plan: Plan, apply: bool) -> None:
    subject = plan.subject
    if subject.user is not None:
        user = subject.user
        # the account goes last: the other steps find rows by the email it still has
        _giving(plan, user, apply)
        _volunteering(plan, user, apply)
        _bookings(plan, user, apply)
        _grants(plan, user, apply)
        _account(plan, user, apply)
    if subject.referral is not None:
        _referral(plan, subject.referral, apply)


def erasure_plan(subject: Subject) -> Plan:
    plan = Plan(subject=subject)
    _steps(plan, apply=False)
    return plan


def _tell(subject: Subject) -> str | None:
    """Where to tell them: their own email, or for a referral the worker who referred them."""
    return subject.user.email if subject.user else subject.referral.worker_email


@transaction.atomic
def erase(*, by, subject: Subject, reason: str) -> Erasure:
    """Erase the person in one transaction; files go from storage only once it commits."""
    allowed, why = permissions.can_erase(by)
    if not allowed:
        raise PermissionDenied(why)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why this person is being erased"})
    if subject.user is not None and subject.user.pk == by.pk:
        raise ValidationError("You cannot erase yourself. Ask another programme lead.")
    check = erasure_plan(subject)
    if check.first:
        raise ValidationError(check.first)
    to = _tell(subject)
    shown_to = _kept_lists_showing(subject)  # found before the steps remove the links
    plan = Plan(subject=subject, by=by)
    _steps(plan, apply=True)
    record = Erasure(
        erased_by=by,
        subject_reference=subject.reference,
        reason=reason,
        counts=plan.as_counts(),
        kept=plan.kept(),
    )
    record.full_clean()
    record.save()
    for storage, name in plan.files:
        transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    # What is kept drawn of their records, for them or for others, goes too.
    kept_lists.forget(*shown_to)
    body = _email_body(plan)
    transaction.on_commit(lambda: send_email(to, "Your information has been erased", body))
    return record


def _kept_lists_showing(subject: Subject) -> list[int]:
    """Whose kept lists (nolimits.kept_lists) can show this person: their own; the checklists
    of the volunteers they mentor (their name); the checklists and session forms of the
    volunteers a young person was matched with (their first name, what to know)."""
    people = []
    if subject.user is not None:
        people.append(subject.user.pk)
        people += Volunteer.objects.filter(mentor=subject.user).values_list("user_id", flat=True)
    if subject.referral is not None:
        people += Match.objects.filter(young_person=subject.referral).values_list(
            "volunteer__user_id", flat=True
        )
    return people


def _email_body(plan: Plan) -> str:
    lines = [
        "As asked, No Limits has erased the information it held about you"
        + (" (the young person you referred)." if plan.subject.user is None else "."),
        "",
        "Your account is closed and you can no longer sign in." if plan.subject.user else "",
        "",
    ]
    kept = plan.kept()
    if kept:
        lines.append("The law makes us keep a few records, with only what is needed:")
        for item in kept:
            lines.append(f"- {item['kind']} ({item['count']}): {item['why']}")
    else:
        lines.append("We kept nothing about you.")
    lines += ["", "If you have a question about this, reply to this email."]
    return "\n".join(line for line in lines if line is not None)
