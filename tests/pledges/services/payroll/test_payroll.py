"""Giving from pay: which pledges a month's payroll takes, when it is paid, and who confirms it."""

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

import pytest

from nolimits import roles
from pledges import services
from pledges.models import Donation, GivingSettings, Pledge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _payroll_pledge(start: dt.date, **extra) -> Pledge:
    return Pledge.objects.create(
        donor=UserFactory(),
        method=Pledge.Method.PAYROLL,
        amount_pence=800,
        employee_number=extra.pop("employee_number", "AB123456"),
        payroll_start_month=start,
        status=Pledge.Status.ACTIVE,
        **extra,
    )


def test_a_months_run_takes_pledges_started_by_then_and_not_cancelled_before_it_ends():
    month = dt.date(2026, 10, 1)
    tz = timezone.get_default_timezone()
    taken = _payroll_pledge(dt.date(2026, 9, 1), employee_number="AA000001")
    ended_after = _payroll_pledge(
        dt.date(2026, 9, 1),
        employee_number="AA000002",
        cancelled_at=dt.datetime(2026, 11, 2, tzinfo=tz),
    )
    _payroll_pledge(dt.date(2026, 11, 1), employee_number="AA000003")  # starts later
    _payroll_pledge(
        dt.date(2026, 9, 1),
        employee_number="AA000004",
        cancelled_at=dt.datetime(2026, 10, 15, tzinfo=tz),
    )
    assert list(services.payroll_pledges_for(month)) == [taken, ended_after]


def test_payroll_is_paid_on_the_last_day_of_the_month_at_noon():
    paid = timezone.localtime(services.payroll_pay_date(dt.date(2026, 2, 1)))
    assert (paid.date(), paid.hour) == (dt.date(2026, 2, 28), 12)


def test_only_finance_confirms_a_run_and_a_staff_pledge_starts_active():
    staff = UserFactory(kind="staff")
    pledge = services.payroll_pledge_create(
        donor=staff,
        amount_pence=1000,
        employee_number="ab123456",
        start_month=dt.date(2026, 9, 14),
        limits=GivingSettings(),
    )
    assert (pledge.status, pledge.employee_number, pledge.payroll_start_month) == (
        "active",
        "AB123456",
        dt.date(2026, 9, 1),
    )
    assert list(pledge.status_changes.values_list("from_status", "to_status", "by")) == [
        ("awaiting_checkout", "active", staff.pk)
    ]
    with pytest.raises(PermissionDenied):
        services.payroll_run_confirm(month=dt.date(2026, 9, 1), by=staff)
    run = services.payroll_run_confirm(
        month=dt.date(2026, 9, 1), by=UserFactory(roles=[roles.FINANCE])
    )
    assert (run.gift_count, run.total_pence) == (1, 1000)
    assert Donation.objects.get().status == "succeeded"
