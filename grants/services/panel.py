"""The panel: members review (or declare a conflict), the chair decides within the fund."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from grants import permissions
from grants.fund import fund_balance, fund_lock
from grants.models import Application, DecisionTemplate, Review
from grants.services.common import Event, tell_applicant
from nolimits import states
from nolimits.money import pounds


@transaction.atomic
def review_record(
    *,
    application: Application,
    reviewer,
    conflict_of_interest: bool,
    recommendation: str = "",
    comment: str = "",
):
    allowed, why = permissions.can_review(reviewer, application)
    if not allowed:
        raise PermissionDenied(why)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.READY_FOR_PANEL:
        states.move(
            application, Application.Status.IN_REVIEW, event=Event.REVIEW_STARTED, by=reviewer
        )
        tell_applicant(application, "The panel is looking at your application", "in_review", {})
    if application.status != Application.Status.IN_REVIEW:
        raise ValidationError("This application is not with the panel.")
    if not conflict_of_interest and recommendation not in Review.Recommendation.values:
        raise ValidationError("Choose yes, no or needs more information.")
    review, _ = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "conflict_of_interest": conflict_of_interest,
            "recommendation": "" if conflict_of_interest else recommendation,
            "comment": "" if conflict_of_interest else comment,
            "reviewed_at": timezone.now(),
        },
    )
    return review


@transaction.atomic
def application_decide(
    *,
    application: Application,
    by,
    outcome: str,
    amount_pence: int | None = None,
    message: str = "",
) -> Application:
    """The chair decides. An approval can never commit more than asked, the category's maximum
    or the fund's available balance (grants.fund.fund_balance)."""
    allowed, why = permissions.can_decide(by, application)
    if not allowed:
        raise PermissionDenied(why)
    fund_lock()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("category", "applicant")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.IN_REVIEW:
        raise ValidationError("Only an application with the panel can be decided.")
    S = Application.Status
    if outcome == "approve":
        if not amount_pence or amount_pence <= 0:
            raise ValidationError("Enter the amount to give.")
        if amount_pence > application.amount_pence:
            raise ValidationError(
                f"The amount cannot be more than was asked for ({application.amount})."
            )
        if amount_pence > application.category.max_amount_pence:
            raise ValidationError(
                f"The amount cannot be more than the {application.category.name.lower()} maximum ({application.category.max_amount})."
            )
        available = fund_balance().available_pence
        if amount_pence > available:
            raise ValidationError(
                f"The fund has only {pounds(max(available, 0))} available, so this cannot be approved now."
            )
        if application.round_id:
            spent = (
                Application.objects.filter(
                    round_id=application.round_id, status__in=[S.APPROVED, S.PART_APPROVED, S.PAID]
                ).aggregate(t=Sum("decided_amount_pence"))["t"]
                or 0
            )
            left = application.round.budget_pence - spent
            if amount_pence > left:
                raise ValidationError(
                    f"{application.round.name} has only {pounds(max(left, 0))} of its budget left."
                )
        to = S.APPROVED if amount_pence == application.amount_pence else S.PART_APPROVED
    elif outcome == "decline":
        to, amount_pence = S.DECLINED, None
    elif outcome == "more_info":
        to, amount_pence = S.MORE_INFO, None
    else:
        raise ValidationError("Choose a decision.")
    if not message.strip():
        template = DecisionTemplate.objects.filter(outcome=to).first()
        message = template.render(application, amount_pence) if template else ""
    if not message.strip():
        raise ValidationError("Write a message to the applicant.")
    application.decided_amount_pence, application.decision_message = amount_pence, message.strip()
    application.decided_by, application.decided_at = by, timezone.now()
    application.save()
    if to == S.MORE_INFO:
        states.move(application, to, event=Event.MORE_INFO_ASKED, by=by, data={"question": message})
        tell_applicant(application, "The panel needs a bit more information", "more_info", {})
    else:
        data = {"amount_pence": amount_pence} if amount_pence else {}
        states.move(application, to, event=Event.DECIDED, by=by, data=data)
        tell_applicant(application, "The panel has decided", "decided", {})
    return application
