"""The periods figures are counted for: a UK tax year, a six-month reporting period, any dates,
the period before one of the same length, and all time.

A period is a run of whole days in UK time, both ends included. A moment belongs to it when it
falls on or after midnight (UK time) at the start of `start` and before midnight at the end of
`end`, so a gift paid at 23:30 on 5 April (BST, 22:30 UTC) is in the tax year that ends that day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

# The six-monthly report to the Corporate Parenting Board (seed 004, §36g) follows the council's
# financial year, which begins on 1 April: April to September, then October to March. The months
# are fixed by the financial year, not by a council's choice, so they are a constant, not a setting.
REPORTING_PERIOD_START_MONTHS = (4, 10)

# "All time" starts before any record the scheme could hold.
ALL_TIME_START = dt.date(2000, 1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), or the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    label: str

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError("A period must end on or after the day it starts.")

    # --- Constructors ---------------------------------------------------------------------------

    @classmethod
    def tax_year(cls, start_year: int) -> Period:
        """The UK tax year from 6 April `start_year` to 5 April the year after, e.g. 2026-27."""
        return cls(
            dt.date(start_year, 4, 6),
            dt.date(start_year + 1, 4, 5),
            f"Tax year {start_year}-{(start_year + 1) % 100:02d}",
        )

    @classmethod
    def tax_year_containing(cls, day: dt.date) -> Period:
        return cls.tax_year(day.year if (day.month, day.day) >= (4, 6) else day.year - 1)

    @classmethod
    def reporting_period(cls, year: int, month: int) -> Period:
        """The six months beginning on the first of `month` (April or October) of `year`."""
        if month not in REPORTING_PERIOD_START_MONTHS:
            raise ValueError("A reporting period begins in April or October.")
        start = dt.date(year, month, 1)
        end = add_months(start, 6) - dt.timedelta(days=1)
        return cls(start, end, f"{start:%B %Y} to {end:%B %Y}")

    @classmethod
    def reporting_period_containing(cls, day: dt.date) -> Period:
        first, second = REPORTING_PERIOD_START_MONTHS
        if day.month >= second:
            return cls.reporting_period(day.year, second)
        if day.month >= first:
            return cls.reporting_period(day.year, first)
        return cls.reporting_period(day.year - 1, second)

    @classmethod
    def between(cls, start: dt.date, end: dt.date, label: str = "") -> Period:
        return cls(start, end, label or f"{_day(start)} to {_day(end)}")

    @classmethod
    def all_time(cls, today: dt.date | None = None) -> Period:
        return cls(ALL_TIME_START, today or timezone.localdate(), "All time")

    def previous(self) -> Period:
        """The period of the same length just before this one, for comparisons. A period of
        whole months (a tax year, a reporting period, a calendar month) steps back by as many
        months, so the tax year before 2024-25 is 2023-24 even though one has 366 days; any
        other period steps back by its number of days."""
        months = self._whole_months()
        if months:
            start = add_months(self.start, -months)
            if add_months(start, months) == self.start:
                if self == Period.tax_year(self.start.year):
                    return Period.tax_year(start.year)
                if months == 6 and self == Period.reporting_period_containing(self.start):
                    return Period.reporting_period_containing(start)
                return Period.between(start, self.start - dt.timedelta(days=1))
        start = self.start - dt.timedelta(days=self.days)
        return Period.between(start, self.start - dt.timedelta(days=1))

    def _whole_months(self) -> int:
        after = self.end + dt.timedelta(days=1)
        months = (after.year - self.start.year) * 12 + after.month - self.start.month
        if self.start.day > 28 or months <= 0:  # 31 January + 1 month is not a month's step
            return 0
        return months if add_months(self.start, months) == after else 0

    # --- Use in queries ---------------------------------------------------------------------------

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def starts_at(self) -> dt.datetime:
        """Midnight, UK time, at the start of the first day."""
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=timezone.get_default_timezone())

    @property
    def ends_before(self) -> dt.datetime:
        """Midnight, UK time, at the end of the last day (the first moment after the period)."""
        return dt.datetime.combine(
            self.end + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_default_timezone()
        )

    def as_of(self, today: dt.date | None = None) -> dt.date:
        """The day a snapshot figure ("cleared", "current DBS") is taken on: the last day, or
        today while the period is still running."""
        return min(self.end, today or timezone.localdate())

    def moments(self, field: str) -> Q:
        """`field` (a date and time) falls in the period."""
        return Q(**{f"{field}__gte": self.starts_at, f"{field}__lt": self.ends_before})

    def days_of(self, field: str) -> Q:
        """`field` (a date) falls in the period."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def __str__(self) -> str:
        return self.label
