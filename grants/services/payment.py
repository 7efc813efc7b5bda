"""Finance records the payment of an approved grant."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from grants import permissions
from grants.models import Application, GrantPayment
from grants.services.common import Event, tell_applicant
from nolimits import states


@transaction.atomic
def payment_record(
    *, application: Application, by, amount_pence: int, paid_on, method: str, reference: str
):
    allowed, why = permissions.can_record_payment(by)
    if not allowed:
        raise PermissionDenied(why)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (Application.Status.APPROVED, Application.Status.PART_APPROVED):
        raise ValidationError("Only an approved application can be paid.")
    # Refusals about one answer name it (the payments screen shows them by that field too).
    if amount_pence > (application.decided_amount_pence or 0):
        raise ValidationError(
            {"amount_pence": "The payment cannot be more than the panel approved."}
        )
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": "The payment date cannot be in the future."})
    payment = GrantPayment(
        application=application,
        amount_pence=amount_pence,
        paid_on=paid_on,
        method=method,
        reference=reference,
        recorded_by=by,
    )
    payment.full_clean()
    payment.save()
    states.move(
        application, Application.Status.PAID, event=Event.PAID, by=by, data={"method": method}
    )
    tell_applicant(application, "Your grant has been paid", "paid", {})
    return payment
