"""What every retention rule shares: a record due on a day, the marks left on what was removed,
and the dates periods run from (days after an event, or years after an accounting period)."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

# What an anonymised text field says instead (a required field cannot be left blank).
REMOVED = "Removed"
# What an anonymised email address becomes: a reserved domain that can never receive mail.
REMOVED_EMAIL = "removed@removed.invalid"


@dataclass(frozen=True)
class Due:
    """One record due for removal: its id, the day it falls due and a reference for staff
    (never its contents)."""

    pk: int
    day: dt.date
    reference: str


def local_day(moment: dt.datetime | dt.date) -> dt.date:
    if isinstance(moment, dt.datetime):
        return timezone.localdate(moment)
    return moment


def days_after(moment, days: int) -> dt.date:
    return local_day(moment) + dt.timedelta(days=days)


def accounting_year_end(day: dt.date) -> dt.date:
    """The last day of the accounting year `day` falls in (a year ending in
    RETENTION_ACCOUNTING_YEAR_END_MONTH: 31 March by default)."""
    month = settings.RETENTION_ACCOUNTING_YEAR_END_MONTH
    year = day.year if day.month <= month else day.year + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def years_after_accounting_year(moment, years: int) -> dt.date:
    """The day after `years` years have passed since the end of the accounting year that
    `moment` falls in: records of a gift in May 2026 (year ending 31 March 2027) kept six years
    are due on 1 April 2033."""
    end = accounting_year_end(local_day(moment))
    last = end.replace(
        year=end.year + years, day=calendar.monthrange(end.year + years, end.month)[1]
    )
    return last + dt.timedelta(days=1)


def latest_possible(until: dt.date, days: int) -> dt.datetime:
    """Events before this moment may be due by `until` with a period of `days` (a coarse filter
    the rules narrow record by record)."""
    day = until - dt.timedelta(days=days) + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def due_by(records, day_of, reference_of, until: dt.date) -> list[Due]:
    """The records among `records` whose day (day_of(record)) is on or before `until`."""
    found = []
    for record in records:
        day = day_of(record)
        if day is not None and day <= until:
            found.append(Due(record.pk, day, reference_of(record)))
    return sorted(found, key=lambda d: (d.day, d.pk))


def delete_files_after_commit(files) -> None:
    """Delete stored files once the rows that named them are committed without them."""
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
