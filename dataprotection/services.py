"""Applying the retention schedule (the daily job), and what falls due in the coming days."""

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from dataprotection.models import RetentionRun
from dataprotection.retention import SCHEDULE, RecordKind
from dataprotection.rules.common import Due

log = logging.getLogger(__name__)


def apply_retention(*, today: dt.date | None = None) -> RetentionRun:
    """Apply every rule of the schedule for `today`: each kind in its own transaction (one that
    fails rolls back alone and is recorded; the others go on). Running it again the same day
    finds nothing left to do. Logs and records counts per kind, never contents."""
    today = today or timezone.localdate()
    run = RetentionRun.objects.create(day=today)
    for kind in SCHEDULE:
        try:
            with transaction.atomic():
                due = kind.due(today)
                count = kind.apply(due, today) if due else 0
        except Exception as error:  # noqa: BLE001 - one kind's failure must not stop the rest
            log.exception("Retention: %s failed", kind.key)
            run.failures[kind.key] = type(error).__name__
            continue
        run.counts[kind.key] = count
        if count:
            log.info("Retention: %s: %d removed or anonymised", kind.key, count)
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "failures", "finished_at"])
    return run


@dataclass(frozen=True)
class KindDue:
    kind: RecordKind
    due: list[Due]  # each with the day it goes (today for any already due)

    @property
    def count(self) -> int:
        return len(self.due)

    @property
    def by_day(self) -> list[tuple[dt.date, int]]:
        return sorted(Counter(d.day for d in self.due).items())


def due_within(*, days: int = 30, today: dt.date | None = None) -> list[KindDue]:
    """Per kind, the records the job will remove or anonymise from today to `days` days on,
    each with its day (a record already due goes tonight: its day is today)."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=days)
    found = []
    for kind in SCHEDULE:
        due = [Due(d.pk, max(d.day, today), d.reference) for d in kind.due(until)]
        found.append(KindDue(kind, due))
    return found
