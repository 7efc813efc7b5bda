"""Participation by directorate: how many of the council's staff in each directorate, and its
councillors as their own group, give money, give time, or both; for a period and month by month.

Counts of people only, never who they are (the rows read account ids and throw them away).

- **Giving**: someone with a gift received in the period (the gifts impact.figures.money counts:
  status "received", placed by its paid date), or a monthly pledge (card, Direct Debit or
  payroll) active at the end of the period (the pledges impact.figures.monthly_giving counts, by
  the pledge's status log). So a monthly giver counts once, whether or not a payment fell in it.
- **Giving time**: someone whose volunteer record was at the stage "active" at the end of the
  period (impact.figures.volunteering's `active`, by the volunteer's status log): approved and
  volunteering, not applying, paused or left.
- **Both**: someone counted in each.
- **Groups**: council staff by their directorate (User.directorate; staff who have not said,
  "Directorate not recorded"), and councillors (User.kind) as their own group. Nobody else
  (young people, people outside the council) is counted here.
- **Month by month**: each calendar month the period touches, up to this month, counted the same
  way over the part of the month inside the period: a gift received in it, a pledge active or a
  volunteer active at its end (or now, for this month). The last month's end is the period's.

Three queries whatever the data and however many months (each record's status at every month's
end is read in one query, one column a month; meant for a reporting period or a year or two, as
the screens and the board report ask, not for all time). A screen shows these through `suppressed()`:
in a directorate, 3 givers could be named by a champion who knows their colleagues.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from impact.figures.common import status_at, suppressed
from impact.figures.monthly import Month, months_of
from impact.periods import Period, add_months
from nolimits.models import User
from pledges.models import Donation, Pledge, PledgeStatusChange
from volunteers.models import Volunteer, VolunteerStatusChange

NOT_RECORDED = "not_recorded"
COUNCILLORS = "councillors"
GROUPS: dict[str, str] = {
    **dict(User.Directorate.choices),
    NOT_RECORDED: "Directorate not recorded",
    COUNCILLORS: "Councillors",
}
COLUMNS = ["People giving money", "People giving time", "People doing both"]


@dataclass(frozen=True)
class Counts:
    giving: int
    volunteering: int
    both: int

    def shown(self) -> list[str]:
        """As a champion or the board may see them: 1 to 4 is "fewer than 5"."""
        return [suppressed(n) for n in (self.giving, self.volunteering, self.both)]


@dataclass(frozen=True)
class Group:
    key: str  # a User.Directorate value, NOT_RECORDED or COUNCILLORS
    label: str
    counts: Counts  # for the whole period
    by_month: list[tuple[Month, Counts]]


@dataclass(frozen=True)
class Participation:
    period: Period
    months: list[Month]
    groups: list[Group]

    def group(self, key: str) -> Group:
        return next(g for g in self.groups if g.key == key)

    def month_rows(self, column: int) -> list[tuple[Month, list[str]]]:
        """One column (0 giving, 1 giving time, 2 both) month by month, a cell per group, shown."""
        return [
            (month, [g.by_month[i][1].shown()[column] for g in self.groups])
            for i, month in enumerate(self.months)
        ]


@dataclass(frozen=True)
class Table:
    """A plain table for the board report: headings, then one row per group, counts suppressed."""

    title: str
    headings: list[str]
    rows: list[list[str]]


def group_key(kind: str, directorate: str) -> str | None:
    """The group a person is counted in, or None when they are neither staff nor a councillor."""
    if kind == User.Kind.COUNCILLOR:
        return COUNCILLORS
    if kind == User.Kind.STAFF:
        return directorate or NOT_RECORDED
    return None


def _people(prefix: str, only: str | None) -> Q:
    """Council staff and councillors, or only one group."""
    kind, directorate = f"{prefix}kind", f"{prefix}directorate"
    if only is None:
        return Q(**{f"{kind}__in": [User.Kind.STAFF, User.Kind.COUNCILLOR]})
    if only == COUNCILLORS:
        return Q(**{kind: User.Kind.COUNCILLOR})
    return Q(**{kind: User.Kind.STAFF, directorate: "" if only == NOT_RECORDED else only})


def _month_ends(period: Period, months: list[Month]) -> list[dt.datetime]:
    """The first moment after each month's part of the period (midnight, UK time)."""
    zone = timezone.get_default_timezone()
    ends = []
    for month in months:
        after = min(add_months(month.start, 1), period.end + dt.timedelta(days=1))
        ends.append(dt.datetime.combine(after, dt.time.min, tzinfo=zone))
    return ends


def _month_of(value) -> dt.date:
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def _active_by_month(model, change_model, to_record, person, since_field, ends, status, only):
    """{month index: {(person id, group)}}: records at `status` at each month's end (1 query)."""
    columns = {f"m{i}": status_at(change_model, to_record, end) for i, end in enumerate(ends)}
    rows = (
        model.objects.filter(_people(f"{person}__", only), **{f"{since_field}__lt": ends[-1]})
        .annotate(**columns)
        .values_list(person, f"{person}__kind", f"{person}__directorate", since_field, *columns)
        .order_by()
    )
    found: dict[int, set] = {i: set() for i in range(len(ends))}
    for pk, kind, directorate, since, *then in rows:
        for i, end in enumerate(ends):
            if since < end and then[i] == status:
                found[i].add((pk, group_key(kind, directorate)))
    return found


def by_directorate(period: Period, *, only: str | None = None) -> Participation:
    """Every group's participation in `period` (or only the group `only`: a champion's
    directorate), for the period and month by month. 3 queries."""
    today = timezone.localdate()
    months = [m for m in months_of(period) if m.start <= today] or months_of(period)[:1]
    ends = _month_ends(period, months)
    zone = timezone.get_default_timezone()
    gifts = (
        Donation.objects.filter(
            _people("donor__", only),
            period.moments("paid_at"),
            status=Donation.Status.SUCCEEDED,
            paid_at__lte=timezone.now(),
        )
        .annotate(month=TruncMonth("paid_at", tzinfo=zone))
        .values_list("donor", "donor__kind", "donor__directorate", "month")
        .distinct()
        .order_by()
    )
    index = {m.start: i for i, m in enumerate(months)}
    gave: dict[int, set] = {i: set() for i in range(len(months))}
    for pk, kind, directorate, month in gifts:
        i = index.get(_month_of(month))
        if i is not None:
            gave[i].add((pk, group_key(kind, directorate)))
    pledged = _active_by_month(
        Pledge,
        PledgeStatusChange,
        "pledge",
        "donor",
        "created_at",
        ends,
        Pledge.Status.ACTIVE,
        only,
    )
    volunteered = _active_by_month(
        Volunteer, VolunteerStatusChange, "volunteer", "user", "applied_at", ends,
        Volunteer.Status.ACTIVE, only,
    )  # fmt: skip
    last = len(months) - 1
    givers_in_period = set().union(*gave.values()) | pledged[last]

    def counts(givers: set, volunteers: set, key: str) -> Counts:
        g = {pk for pk, k in givers if k == key}
        v = {pk for pk, k in volunteers if k == key}
        return Counts(len(g), len(v), len(g & v))

    keys = list(GROUPS) if only is None else [only]
    groups = [
        Group(
            key=key,
            label=GROUPS[key],
            counts=counts(givers_in_period, volunteered[last], key),
            by_month=[
                (m, counts(gave[i] | pledged[i], volunteered[i], key)) for i, m in enumerate(months)
            ],
        )
        for key in keys
    ]
    return Participation(period=period, months=months, groups=groups)


def participation(period: Period) -> Table:
    """Participation by directorate for the board report: every directorate side by side and
    councillors as their own group, for the whole period, with numbers from 1 to 4 shown as
    "fewer than 5" (the report goes beyond the programme team). 3 queries."""
    found = by_directorate(period)
    return Table(
        title=f"Participation by directorate, {period}",
        headings=["Directorate", *COLUMNS],
        rows=[[g.label, *g.counts.shown()] for g in found.groups],
    )
