"""The shape of a row of the retention schedule (dataprotection.retention): a kind of record,
its period (from a setting), the event it runs from, what happens then and its rule."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from dataprotection.rules.common import Due

DELETE = "delete"
ANONYMISE = "anonymise"


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str  # "days" or "years"

    def __str__(self) -> str:
        if self.unit == "days" and self.amount % 365 == 0:
            return Period(self.amount // 365, "years").__str__()
        word = self.unit[:-1] if self.amount == 1 else self.unit
        return f"{self.amount} {word}"


def days(setting: str) -> Callable[[], Period]:
    return lambda: Period(getattr(settings, setting), "days")


def years(setting: str) -> Callable[[], Period]:
    return lambda: Period(getattr(settings, setting), "years")


@dataclass(frozen=True)
class RecordKind:
    key: str
    name: str  # what staff call it
    who: str  # whose data it is, for grouping the privacy notice
    what: str  # what it is, in plain English (staff and the privacy notice)
    why: str  # the lawful basis: why it is kept
    young: str  # the same for young people: simple words, short sentences
    period: Callable[[], Period]
    runs_from: str  # the event the period runs from, e.g. "after the volunteer left"
    action: str  # DELETE or ANONYMISE
    then: str  # what happens then, naming the fields
    young_then: str
    young_when: str  # the period's event, for young people
    models: tuple[str, ...]
    due: Callable[[dt.date], list[Due]]
    apply: Callable[[list[Due], dt.date], int]

    @property
    def period_text(self) -> str:
        return str(self.period())

    @property
    def action_text(self) -> str:
        return "Deleted" if self.action == DELETE else "Anonymised"
