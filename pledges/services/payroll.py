"""Giving from pay: council staff pledge through payroll; finance confirms each month's run and
exports the deductions for payroll."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nolimits.fund_movements import announce
from nolimits.models import User
from pledges import permissions
from pledges.models import Donation, GivingSettings, PayrollRun, Pledge
from pledges.services.pledges import amount_check, pledge_refresh_status


def payroll_pledge_create(
    *,
    donor: User,
    amount_pence: int,
    employee_number: str,
    start_month: dt.date,
    limits: GivingSettings,
) -> Pledge:
    if donor.kind != User.Kind.STAFF:
        raise ValidationError("Giving from your pay is for council staff.")
    amount_check(amount_pence, limits.minimum_monthly_pence, limits.maximum_monthly_pence)
    with transaction.atomic():
        pledge = Pledge(
            donor=donor,
            method=Pledge.Method.PAYROLL,
            amount_pence=amount_pence,
            employee_number=employee_number.upper(),
            payroll_start_month=start_month.replace(day=1),
        )
        pledge.full_clean()
        pledge.save()
        pledge_refresh_status(pledge=pledge, by=donor, reason="Payroll pledge made")
    return pledge


def payroll_pledges_for(month: dt.date):
    """Payroll pledges that take a deduction in `month` (first day of the month)."""
    next_month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    end = dt.datetime.combine(next_month, dt.time.min, tzinfo=timezone.get_default_timezone())
    return (
        Pledge.objects.filter(method=Pledge.Method.PAYROLL, payroll_start_month__lte=month)
        .filter(Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=end))
        .select_related("donor")
        .order_by("employee_number", "pk")
    )


def payroll_pay_date(month: dt.date) -> dt.datetime:
    """When a month's payroll gifts are paid: the last day of the month (at noon). A payroll gift
    is dated on its pay date and counts in the fund only from then."""
    last_day = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(last_day, dt.time(12)))


@transaction.atomic
def payroll_run_confirm(*, month: dt.date, by: User) -> PayrollRun:
    """Finance confirms payroll took the month's deductions: one gift per pledge, never Gift Aided."""
    if not permissions.can_confirm_payroll(by):
        raise PermissionDenied("Only Finance can confirm a payroll run.")
    month = month.replace(day=1)
    if PayrollRun.objects.filter(month=month).exists():
        raise ValidationError(f"Payroll for {month:%B %Y} has already been confirmed.")
    paid_at = payroll_pay_date(month)
    if paid_at > timezone.now():
        raise ValidationError(
            f"Payroll for {month:%B %Y} is paid on {timezone.localtime(paid_at):%-d %B %Y}: "
            "confirm it once that day has come and the deductions have been taken."
        )
    gifts = [
        Donation(
            donor=p.donor,
            kind=Donation.Kind.PAYROLL,
            pledge=p,
            amount_pence=p.amount_pence,
            status=Donation.Status.SUCCEEDED,
            paid_at=paid_at,
            payroll_month=month,
            payment_method_type="payroll",
        )
        for p in payroll_pledges_for(month)
    ]
    Donation.objects.bulk_create(gifts)
    announce(Donation, received=sum(g.fund_share()[0] for g in gifts))  # bulk: no save()
    return PayrollRun.objects.create(
        month=month,
        confirmed_by=by,
        gift_count=len(gifts),
        total_pence=sum(g.amount_pence for g in gifts),
    )


def payroll_export_rows(*, month: dt.date) -> list[dict]:
    return [
        {
            "employee_number": p.employee_number,
            "name": p.donor.full_name,
            "amount": f"{p.amount_pence / 100:.2f}",
            "month": f"{month:%Y-%m}",
            "pledge_reference": str(p.uuid),
        }
        for p in payroll_pledges_for(month.replace(day=1))
    ]
