"""What the public impact page shows, from impact.figures only: counted once per period and kept
in Django's cache for settings.IMPACT_PAGE_CACHE_SECONDS (a key per page and period, forgotten
when the page is published), with every number that could point to a young person kept back.

"This year" is the council's financial year, 1 April to 31 March: the year the six-monthly board
report follows (impact.periods.REPORTING_PERIOD_START_MONTHS), and one of whole months, so the
year's grants are exactly the chart's months from April, and no total covers a few days the
charts do not (a UK tax year starts on 6 April, mid-month). The charts cover the last 12 calendar
months, this one included.

Small numbers (impact.figures.suppressed, settings.IMPACT_SMALL_NUMBER_THRESHOLD, "fewer than 5"):
every count about young people (matched, matches, sessions, places booked, grants) is suppressed.
Grant money is shown only where it adds up enough grants that none can be worked out:
- the grants-out chart joins a month of 1 to 4 payments to the months after it (or, at the end,
  before it) until the months hold at least 5, within this year and within the months before it
  separately, so this year's total is the sum of its own bars; months that cannot reach 5 are
  shown as "fewer than 5" with no amount;
- a total (this year, since the scheme began) is shown only if what it adds beyond the totals
  and bars already shown is 0 or at least 5 grants: "since it began" minus "this year" must not
  leave 1 to 4 grants behind.
Money given and people giving are not about young people and are shown in full.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from impact import figures as f
from impact.periods import Period, add_months

CACHE_VERSION = 1  # bump when what is cached changes shape


# --- The periods the page shows ---------------------------------------------------------------------


def this_year(today: dt.date) -> Period:
    """The council's financial year holding `today` (from 1 April), so far: to today, as the
    charts run, so a grant recorded ahead of its day is in neither."""
    start = dt.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    return Period.between(start, today, f"Since 1 April {start.year}")


def last_12_months(today: dt.date) -> Period:
    """The last 12 calendar months, this one (so far) included."""
    return Period.between(add_months(today.replace(day=1), -11), today, "The last 12 months")


# --- Counted once, cached ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """One period's figures as plain numbers (what is cached; nothing is suppressed yet)."""

    money_pence: int
    givers: int
    monthly_givers: int
    volunteers_active: int
    volunteers_cleared: int
    matches_active: int
    young_people_matched: int
    sessions: int
    activities: int
    places_booked: int
    grants_awarded: int
    awarded_pence: int
    grants_paid: int
    paid_pence: int


def count(period: Period) -> Counts:
    """The page's figures for `period` (20 queries, whatever the data)."""
    money, giving = f.money(period), f.monthly_giving(period)
    volunteering, matching = f.volunteering(period), f.matching(period)
    come_along, grants = f.come_along(period), f.grants(period)
    return Counts(
        money_pence=money.total_received_pence,
        givers=money.givers,
        monthly_givers=giving.givers,
        volunteers_active=volunteering.active,
        volunteers_cleared=volunteering.cleared,
        matches_active=matching.matches_active,
        young_people_matched=matching.matched,
        sessions=matching.sessions,
        activities=come_along.activities,
        places_booked=come_along.places_booked,
        grants_awarded=grants.by_outcome["approved"] + grants.by_outcome["part_approved"],
        awarded_pence=grants.awarded_pence,
        grants_paid=grants.paid,
        paid_pence=grants.paid_pence,
    )


@dataclass(frozen=True)
class ByMonth:
    money_in: f.MonthlySeries
    grants_out: f.MonthlySeries


def by_month(period: Period) -> ByMonth:
    """Money in and grants out month by month (3 queries)."""
    return ByMonth(f.money_in_by_month(period), f.grants_out_by_month(period))


def cache_key(page_pk: int, kind: str, period: Period) -> str:
    return f"impact-page:v{CACHE_VERSION}:{page_pk}:{kind}:{period.start}:{period.end}"


def _periods(today: dt.date) -> dict[str, tuple[Period, object]]:
    return {
        "year": (this_year(today), count),
        "all": (Period.all_time(today), count),
        "months": (last_12_months(today), by_month),
    }


def cached(page_pk: int, today: dt.date) -> dict[str, object]:
    """The page's figures for today: read from the cache in one look-up, counted for any period
    missing and kept for settings.IMPACT_PAGE_CACHE_SECONDS."""
    wanted = {
        cache_key(page_pk, kind, p): (kind, p, work) for kind, (p, work) in _periods(today).items()
    }
    found = cache.get_many(list(wanted))
    missing = {key: work(p) for key, (_k, p, work) in wanted.items() if key not in found}
    if missing:
        cache.set_many(missing, timeout=settings.IMPACT_PAGE_CACHE_SECONDS)
    found.update(missing)
    return {kind: found[key] for key, (kind, _p, _w) in wanted.items()}


def forget(page_pk: int, today: dt.date | None = None) -> None:
    """Drop the page's cached figures, so the next visit counts afresh (on publishing)."""
    today = today or timezone.localdate()
    cache.delete_many([cache_key(page_pk, kind, p) for kind, (p, _w) in _periods(today).items()])


# --- Grant money the public may see ---------------------------------------------------------------------


def small(n: int) -> bool:
    return 0 < n < settings.IMPACT_SMALL_NUMBER_THRESHOLD


@dataclass(frozen=True)
class Span:
    """One bar of the grants-out chart: a month, or months joined so none shows 1 to 4 grants."""

    months: tuple[f.Month, ...]
    pence: int
    grants: int

    def __add__(self, other: Span) -> Span:
        return Span(
            self.months + other.months, self.pence + other.pence, self.grants + other.grants
        )

    @property
    def withheld(self) -> bool:
        return small(self.grants)

    @property
    def name(self) -> str:
        first, last = self.months[0].start, self.months[-1].start
        if first == last:
            return f"{first:%B %Y}"
        if first.year == last.year:
            return f"{first:%B} to {last:%B %Y}"
        return f"{first:%B %Y} to {last:%B %Y}"

    @property
    def short(self) -> str:
        first, last = self.months[0].start, self.months[-1].start
        return f"{first:%b}" if first == last else f"{first:%b}–{last:%b}"


def spans(months: list[f.Month], pence: list[int], counts: list[int]) -> list[Span]:
    """Months with no grant paid stand alone; a month of 1 to 4 grants is joined to the months
    after it until they hold 5; left over at the end, the months are joined to those before
    them, back to the last that held grants. If all of them hold fewer than 5, they are one span,
    withheld."""
    done: list[Span] = []
    open_: Span | None = None
    for month, p, n in zip(months, pence, counts, strict=True):
        here = Span((month,), p, n)
        if open_ is None and n == 0:
            done.append(here)
            continue
        open_ = here if open_ is None else open_ + here
        if not small(open_.grants):
            done.append(open_)
            open_ = None
    if open_ is not None:
        while done:
            last = done.pop()
            open_ = last + open_
            if last.grants:
                break
        done.append(open_)
    return done


def grant_spans(series: f.MonthlySeries, year_start: dt.date) -> list[Span]:
    """The chart's spans, made separately for the months before this year and for this year."""
    rows = list(zip(series.months, series.pence, series.counts, strict=True))
    before = [r for r in rows if r[0].start < year_start]
    during = [r for r in rows if r[0].start >= year_start]
    return [*spans(*_columns(before)), *spans(*_columns(during))]


def _columns(rows):
    return ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])


def total_shown(grants: int, shown_grants: int) -> bool:
    """A total of `grants` may be shown if what it adds beyond `shown_grants` (the grants in the
    totals and bars inside it already shown) is none, or at least the threshold."""
    return not small(grants - shown_grants)
