"""Giving: ended pledges, gifts (payments keep the minimum) and Gift Aid declarations, kept as
HMRC requires: six years after the end of the accounting year."""

from django.conf import settings
from django.db.models import Max, Q

from dataprotection.rules.common import Due, due_by, years_after_accounting_year
from pledges.models import Donation, GiftAidDeclaration, Pledge

# A payroll pledge must keep an employee number (a check constraint): this one is no one's.
NO_EMPLOYEE_NUMBER = "X0000"
ENDED = [Pledge.Status.CANCELLED, Pledge.Status.ABANDONED]


def pledge_ended_at(pledge):
    return pledge.cancelled_at or pledge.checkout_expired_at or pledge.created_at


def ended_pledges_due(until) -> list[Due]:
    years = settings.RETENTION_PAYMENT_YEARS
    cleared = (
        Q(stripe_customer_id="")
        & Q(stripe_payment_method_id="")
        & Q(stripe_checkout_session_id__isnull=True)
        & Q(stripe_subscription_id__isnull=True)
        & Q(cancellation_reason="")
        & (Q(employee_number="") | Q(employee_number=NO_EMPLOYEE_NUMBER))
    )
    records = Pledge.objects.filter(status__in=ENDED).exclude(cleared)
    return due_by(
        records,
        lambda p: years_after_accounting_year(pledge_ended_at(p), years),
        lambda p: f"Pledge #{p.pk}",
        until,
    )


def ended_pledges_anonymise(due: list[Due], today) -> int:
    pks = [d.pk for d in due]
    pledges = Pledge.objects.filter(pk__in=pks)
    pledges.filter(method=Pledge.Method.PAYROLL).update(employee_number=NO_EMPLOYEE_NUMBER)
    return pledges.update(
        stripe_customer_id="",
        stripe_payment_method_id="",
        stripe_checkout_session_id=None,
        stripe_subscription_id=None,
        cancellation_reason="",
    )


def gifts_due(until) -> list[Due]:
    years = settings.RETENTION_PAYMENT_YEARS
    cleared = (
        Q(stripe_customer_id="")
        & Q(stripe_charge_id="")
        & Q(stripe_checkout_session_id__isnull=True)
        & Q(stripe_invoice_id__isnull=True)
        & Q(stripe_payment_intent_id__isnull=True)
    )
    records = Donation.objects.exclude(cleared).only("pk", "paid_at", "created_at")
    return due_by(
        records,
        lambda g: years_after_accounting_year(g.paid_at or g.created_at, years),
        lambda g: f"Gift #{g.pk}",
        until,
    )


def gifts_anonymise(due: list[Due], today) -> int:
    return Donation.objects.filter(pk__in=[d.pk for d in due]).update(
        stripe_customer_id="",
        stripe_charge_id="",
        stripe_checkout_session_id=None,
        stripe_invoice_id=None,
        stripe_payment_intent_id=None,
    )


def gift_aid_last_used(declaration, gifts_by_donor: dict) -> object:
    """The last time a declaration counted: made, cancelled, or a gift of its donor's given or
    claimed on."""
    moments = [declaration.declared_at, declaration.cancelled_at]
    moments += gifts_by_donor.get(declaration.donor_id, [])
    return max(m for m in moments if m is not None)


def gift_aid_due(until) -> list[Due]:
    years = settings.RETENTION_GIFT_AID_YEARS
    giving = Pledge.objects.filter(
        status__in=[Pledge.Status.PENDING, Pledge.Status.ACTIVE, Pledge.Status.PAYMENT_FAILED,
                    Pledge.Status.PAUSED]
    ).values("donor_id")  # fmt: skip
    records = GiftAidDeclaration.objects.made().exclude(donor_id__in=giving)
    gifts_by_donor = {
        row["donor_id"]: [row["paid"], row["claimed"]]
        for row in Donation.objects.filter(donor_id__in=records.values("donor_id"))
        .values("donor_id")
        .annotate(paid=Max("paid_at"), claimed=Max("gift_aid_claim__created_at"))
    }
    return due_by(
        records,
        lambda d: years_after_accounting_year(gift_aid_last_used(d, gifts_by_donor), years),
        lambda d: f"Gift Aid declaration #{d.pk}",
        until,
    )


def gift_aid_delete(due: list[Due], today) -> int:
    deleted, _ = GiftAidDeclaration.objects.filter(pk__in=[d.pk for d in due]).delete()
    return deleted
