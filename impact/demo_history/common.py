"""What every part of the demo's history shares: the clock, the seed and the invented people.

Each event happens at its own past moment: `at(moment)` stops the clock there (time_machine, as
the tests do), so the services and nolimits.states.move write the dates and status logs they
would have written on that day."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone

import time_machine

from impact.periods import add_months
from nolimits.models import User

SEED = 15  # the same history every time
MONTHS = 18  # about this many months, ending today

FIRST_NAMES = [
    "Amara", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harvey", "Isla", "Jonah", "Kiran",
    "Lola", "Mason", "Nadia", "Oscar", "Poppy", "Rhys", "Sana", "Theo", "Uma", "Vikram", "Willow",
    "Yusuf", "Zara", "Aiden", "Bella", "Callum", "Daisy", "Ethan", "Farah", "Gus", "Hana",
]  # fmt: skip
LAST_NAMES = [
    "Adeyemi", "Brennan", "Castillo", "Doherty", "Evans", "Fairbairn", "Gallagher", "Hussain",
    "Iqbal", "Jarvis", "Kowalski", "Lloyd", "McBride", "Nwosu", "O'Leary", "Patel", "Quinn",
    "Rahman", "Sutherland", "Thornton", "Underwood", "Vasquez", "Whitlock", "Yates",
]  # fmt: skip
STAFF_DIRECTORATES = ["children", "adults", "place", "resources", "chief_executive"]


@dataclass
class History:
    """The moment the history ends (now), its first day, and the seeded random numbers."""

    now: dt.datetime
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))  # noqa: S311 - demo

    @property
    def start(self) -> dt.datetime:
        return self.now - dt.timedelta(days=round(MONTHS * 30.44))

    def day(self, days_after_start: float, hour: int = 10) -> dt.datetime:
        """A moment `days_after_start` days into the history, at `hour` UK time, never later
        than an hour ago."""
        moment = timezone.localtime(self.start + dt.timedelta(days=days_after_start))
        moment = moment.replace(hour=hour, minute=self.rng.randrange(60), second=0, microsecond=0)
        return min(moment, self.now - dt.timedelta(hours=1))

    def some_day(self, low: float = 0, high: float | None = None, hour: int = 10) -> dt.datetime:
        high = (self.now - self.start).days - 1 if high is None else high
        return self.day(self.rng.uniform(low, high), hour=hour)

    @property
    def days(self) -> int:
        return (self.now - self.start).days

    def stripe_id(self, prefix: str, salt: str, method: str = "") -> str:
        """A Stripe-shaped demo id, the same for the same record every time. With a method it is
        minted as pledges.demo mints them (pi_demo_card_…, in_demo_bacs_debit_…), so the demo
        gateway (pledges.gateway.demo) reads how the gift was paid from it."""
        digest = hashlib.sha256(f"{SEED}:{prefix}:{salt}".encode()).hexdigest()[:16]
        return f"{prefix}_demo_{method}_{digest}" if method else f"{prefix}_demo_{digest}"


def months_later(moment: dt.datetime, months: int) -> dt.datetime:
    """The same UK time of day on the same day `months` later (or the month's last day)."""
    local = timezone.localtime(moment)
    day = add_months(local.date(), months)
    return timezone.make_aware(dt.datetime.combine(day, local.time().replace(tzinfo=None)))


@contextmanager
def at(moment: dt.datetime) -> Iterator[None]:
    """Stop the clock at `moment` while the block runs."""
    with time_machine.travel(moment, tick=False):
        yield


def people(prefix: str, n: int, kind: str, *, offset: int = 0) -> list[User]:
    """`n` invented people with no password (none of them signs in), made in one statement.
    Emails are <first>.<last>.<prefix>@example.org, so they never meet the demo's role accounts."""
    made = []
    for i in range(n):
        first = FIRST_NAMES[(i + offset) % len(FIRST_NAMES)]
        last = LAST_NAMES[(i * 7 + offset) % len(LAST_NAMES)]
        user = User(
            email=f"{first}.{last}.{prefix}{i + 1}@example.org".lower().replace("'", ""),
            full_name=f"{first} {last}",
            kind=kind,
            directorate=STAFF_DIRECTORATES[i % len(STAFF_DIRECTORATES)]
            if kind == User.Kind.STAFF
            else "",
        )
        user.set_unusable_password()
        made.append(user)
    return User.objects.bulk_create(made)
