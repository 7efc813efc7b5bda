"""Mentor supervision, sessions with a young person, and expense claims with their receipts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nolimits import files, links, states
from nolimits.models import User
from volunteers import extensions, permissions
from volunteers.models import (
    Volunteer,
)
from volunteers.notify import email_once


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
    *,
    volunteer: Volunteer,
    by: User,
    date: dt.date,
    minutes: int,
    what_happened: str,
    with_whom=None,
):
    """Log time the volunteer gave. `with_whom` is one of the form's "Who with" choices, which
    an app above offers and checks (volunteers/extensions.py; matching: their young person)."""
    from volunteers.models import VolunteerSession

    if by.pk != volunteer.user_id:
        raise PermissionDenied("Only the volunteer logs their own time.")
    if date > timezone.localdate():
        raise ValidationError("The date cannot be in the future.")
    if not 5 <= minutes <= 24 * 60:
        raise ValidationError("Enter how long, between 5 minutes and 24 hours.")
    session = VolunteerSession(
        volunteer=volunteer, date=date, minutes=minutes, what_happened=what_happened
    )
    session.full_clean()
    session.save()
    if with_whom is not None:
        taken = [
            record(session=session, with_whom=with_whom) for record in extensions.on_session_logged
        ]
        if not any(taken):
            raise ValidationError("Choose one of your young people.")
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
