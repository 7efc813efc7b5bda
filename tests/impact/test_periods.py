"""Periods: UK tax years, the six-month reporting periods, any dates, the period before, all time,
and where their edges fall in UK time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from impact.periods import ALL_TIME_START, Period

LONDON = ZoneInfo("Europe/London")
D = dt.date


def test_a_tax_year_runs_from_6_april_to_5_april():
    year = Period.tax_year(2025)
    assert (year.start, year.end, year.label) == (D(2025, 4, 6), D(2026, 4, 5), "Tax year 2025-26")
    assert year.days == 365
    assert Period.tax_year(2023).days == 366  # 29 February 2024 falls in 2023-24


@pytest.mark.parametrize(
    ("day", "start_year"),
    [(D(2026, 4, 5), 2025), (D(2026, 4, 6), 2026), (D(2026, 1, 1), 2025), (D(2024, 2, 29), 2023)],
)
def test_the_tax_year_containing_a_day(day, start_year):
    assert Period.tax_year_containing(day) == Period.tax_year(start_year)


def test_a_tax_year_ends_at_midnight_uk_time_so_2330_bst_on_5_april_is_inside():
    year = Period.tax_year(2025)
    assert year.starts_at == dt.datetime(2025, 4, 6, tzinfo=LONDON)
    assert year.ends_before == dt.datetime(2026, 4, 6, tzinfo=LONDON)
    late = dt.datetime(2026, 4, 5, 22, 30, tzinfo=dt.UTC)  # 23:30 BST
    assert year.starts_at <= late < year.ends_before
    assert dt.datetime(2026, 4, 5, 23, 0, tzinfo=dt.UTC) >= year.ends_before  # 00:00 BST, 6 April


@pytest.mark.parametrize(
    ("day", "start", "end", "label"),
    [
        (D(2026, 4, 1), D(2026, 4, 1), D(2026, 9, 30), "April 2026 to September 2026"),
        (D(2026, 9, 30), D(2026, 4, 1), D(2026, 9, 30), "April 2026 to September 2026"),
        (D(2026, 10, 1), D(2026, 10, 1), D(2027, 3, 31), "October 2026 to March 2027"),
        (D(2027, 3, 31), D(2026, 10, 1), D(2027, 3, 31), "October 2026 to March 2027"),
        (D(2024, 2, 29), D(2023, 10, 1), D(2024, 3, 31), "October 2023 to March 2024"),
    ],
)
def test_the_reporting_period_containing_a_day(day, start, end, label):
    period = Period.reporting_period_containing(day)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_a_reporting_period_begins_in_april_or_october():
    with pytest.raises(ValueError, match="April or October"):
        Period.reporting_period(2026, 1)


def test_the_previous_tax_year_and_reporting_period_are_the_same_kind():
    assert Period.tax_year(2024).previous() == Period.tax_year(2023)  # 365 days back to 366
    assert Period.tax_year(2024).previous().days == 366
    autumn = Period.reporting_period(2026, 10)
    assert autumn.previous() == Period.reporting_period(2026, 4)
    assert autumn.previous().previous() == Period.reporting_period(2025, 10)


@pytest.mark.parametrize(
    ("start", "end", "previous_start", "previous_end"),
    [
        # Whole months step back by months: February in a leap year is 29 days, January 31.
        (D(2024, 3, 1), D(2024, 3, 31), D(2024, 2, 1), D(2024, 2, 29)),
        (D(2024, 2, 1), D(2024, 2, 29), D(2024, 1, 1), D(2024, 1, 31)),
        (D(2026, 1, 1), D(2026, 12, 31), D(2025, 1, 1), D(2025, 12, 31)),
        # Any other run of days steps back by as many days, across a leap day.
        (D(2024, 3, 1), D(2024, 3, 10), D(2024, 2, 20), D(2024, 2, 29)),
        (D(2026, 1, 31), D(2026, 2, 27), D(2026, 1, 3), D(2026, 1, 30)),
    ],
)
def test_the_previous_period_of_any_dates(start, end, previous_start, previous_end):
    before = Period.between(start, end).previous()
    assert (before.start, before.end) == (previous_start, previous_end)
    assert before.end == start - dt.timedelta(days=1)


def test_any_dates_are_labelled_and_must_be_in_order():
    period = Period.between(D(2026, 1, 10), D(2026, 1, 19))
    assert period.label == "10 January 2026 to 19 January 2026"
    assert period.days == 10
    with pytest.raises(ValueError):
        Period.between(D(2026, 1, 10), D(2026, 1, 9))


def test_all_time_runs_to_today_and_snapshots_are_taken_no_later_than_today():
    today = D(2026, 12, 1)
    everything = Period.all_time(today)
    assert (everything.start, everything.end, everything.label) == (
        ALL_TIME_START,
        today,
        "All time",
    )
    running = Period.reporting_period(2026, 10)
    assert running.as_of(today) == today
    assert Period.tax_year(2025).as_of(today) == D(2026, 4, 5)
