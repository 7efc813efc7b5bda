"""Month by month: money in and grants out, for the impact page's and the board report's charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from grants.models import GrantPayment
from impact.periods import Period, add_months
from pledges.models import Adjustment, Donation


@dataclass(frozen=True)
class Month:
    start: dt.date  # the first day of the month

    @property
    def label(self) -> str:
        return f"{self.start:%b %Y}"


@dataclass(frozen=True)
class MonthlySeries:
    """One figure for each calendar month the period touches, in order (months with nothing are 0)."""

    title: str
    months: list[Month]
    pence: list[int]
    # How many records each month's amount adds up (grants out: payments), so a month of one to
    # four grants can be kept from the public (impact.public_figures); empty when not counted.
    counts: list[int] = field(default_factory=list)

    @property
    def total_pence(self) -> int:
        return sum(self.pence)

    def rows(self) -> list[tuple[Month, int]]:
        return list(zip(self.months, self.pence, strict=True))


def months_of(period: Period) -> list[Month]:
    """The calendar months the period touches, from the month of its first day to its last."""
    first, months = period.start.replace(day=1), []
    while first <= period.end:
        months.append(Month(first))
        first = add_months(first, 1)
    return months


def _by_month(rows, months: list[Month]) -> list[int]:
    totals: dict[dt.date, int] = {}
    for month, pence in rows:
        if isinstance(month, dt.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        totals[month] = totals.get(month, 0) + (pence or 0)
    return [totals.get(m.start, 0) for m in months]


def money_in_by_month(period: Period) -> MonthlySeries:
    """Money received each month, less refunds and disputes (2 queries): the same gifts and lines
    as impact.figures.money (received gifts by their paid date, each refund or dispute line in the
    month of its own date), so the months add up to that figure's total."""
    months = months_of(period)
    zone = timezone.get_default_timezone()
    gifts = (
        Donation.objects.filter(
            period.moments("paid_at"), status=Donation.Status.SUCCEEDED, paid_at__lte=timezone.now()
        )
        .annotate(month=TruncMonth("paid_at", tzinfo=zone))
        .values("month")
        .annotate(pence=Sum("amount_pence"))
        .values_list("month", "pence")
        .order_by()
    )
    back = (
        Adjustment.objects.filter(period.moments("created_at"))
        .annotate(month=TruncMonth("created_at", tzinfo=zone))
        .values("month")
        .annotate(pence=Sum("amount_pence"))
        .values_list("month", "pence")
        .order_by()
    )
    return MonthlySeries("Money in", months, _by_month([*gifts, *back], months))


def grants_out_by_month(period: Period) -> MonthlySeries:
    """Grant money paid each month (1 query): grant payments by the day finance paid them
    (GrantPayment.paid_on), the same payments as impact.figures.grants' "paid", with how many
    payments each month holds (`counts`)."""
    months = months_of(period)
    rows = list(
        GrantPayment.objects.filter(period.days_of("paid_on"))
        .annotate(month=TruncMonth("paid_on"))
        .values("month")
        .annotate(pence=Sum("amount_pence"), n=Count("pk"))
        .values_list("month", "pence", "n")
        .order_by()
    )
    pence = _by_month([(month, p) for month, p, _n in rows], months)
    counts = _by_month([(month, n) for month, _p, n in rows], months)
    return MonthlySeries("Grants paid", months, pence, counts)
