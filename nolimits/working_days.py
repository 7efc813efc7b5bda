"""Working days: Monday to Friday, except UK bank holidays (the maintained `holidays` library).

Which nation's bank holidays count is ``settings.BANK_HOLIDAYS_SUBDIVISION`` (England by default).
Every working-day rule in the site (reminders, escalations) uses these two functions.
"""

import datetime as dt
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _bank_holidays(subdivision: str, year: int) -> frozenset[dt.date]:
    # Imported on first use: the library is 20 MB of every country's calendars, and this module
    # is imported at start-up (through the admin hooks) by commands that never count working days.
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(
        settings.BANK_HOLIDAYS_SUBDIVISION, day.year
    )


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start`, up to and including `end` (0 when end is not after start)."""
    days, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days


def add_working_days(start: dt.date, count: int) -> dt.date:
    """The date `count` working days after `start`."""
    day = start
    while count > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
