"""The impact page's content: headline figures in plain English, and two charts, each with its
table and a one-sentence summary, built from the cached counts in impact.public_figures (which
also says what is kept back and why). No query is made here beyond the one cache look-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString

from impact import figures as f
from impact.charts import Bar, bar_chart
from impact.periods import Period
from impact.public_figures import (
    Counts,
    Span,
    cached,
    grant_spans,
    small,
    this_year,
    total_shown,
)
from nolimits.money import pounds

NOT_SHOWN = "not shown"


@dataclass(frozen=True)
class Row:
    label: str
    this_year: str
    all_time: str


@dataclass(frozen=True)
class Chart:
    chart_id: str
    heading: str
    caption: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    total: tuple[str, ...] | None
    summary: str
    svg: SafeString


@dataclass(frozen=True)
class ImpactFigures:
    year: Period
    year_heading: str
    now: list[tuple[str, str]]
    rows: list[Row]
    charts: list[Chart]
    threshold: int


def page_figures(page) -> ImpactFigures:
    today = timezone.localdate()
    found = cached(page.pk, today)
    year, all_time = found["year"], found["all"]
    period = this_year(today)
    spans = grant_spans(found["months"].grants_out, period.start)
    return ImpactFigures(
        year=period,
        year_heading=f"Since 1 April {period.start.year}",
        now=[
            ("People giving every month", f"{year.monthly_givers:,}"),
            ("Volunteers cleared to meet young people", f"{year.volunteers_cleared:,}"),
            ("Young people and volunteers meeting now", f.suppressed(year.matches_active)),
        ],
        rows=headline_rows(year, all_time, spans, period),
        charts=[money_chart(found["months"].money_in), grants_chart(spans)],
        threshold=settings.IMPACT_SMALL_NUMBER_THRESHOLD,
    )


def headline_rows(year: Counts, all_time: Counts, spans: list[Span], period: Period) -> list[Row]:
    def both(label, attr, show=None):
        """This year and all time. A count about young people is "fewer than 5" from 1 to 4, and
        all time is "not shown" when it would leave 1 to 4 before this year (all time less this
        year), as the grant totals are (total_shown)."""
        this, ever = getattr(year, attr), getattr(all_time, attr)
        if show is not None:
            return Row(label, show(this), show(ever))
        hidden_ever = not small(ever) and not total_shown(ever, 0 if small(this) else this)
        return Row(label, f.suppressed(this), NOT_SHOWN if hidden_ever else f.suppressed(ever))

    def whole(n):
        return f"{n:,}"

    # Grant money: this year's total, then all time's if what it adds is enough grants.
    year_paid = total_shown(year.grants_paid, 0)
    earlier_bars = sum(
        s.grants for s in spans if s.months[0].start < period.start and not s.withheld
    )
    all_paid = total_shown(
        all_time.grants_paid, (year.grants_paid if year_paid else 0) + earlier_bars
    )
    year_awarded = total_shown(year.grants_awarded, 0)
    all_awarded = total_shown(all_time.grants_awarded, year.grants_awarded if year_awarded else 0)
    return [
        Row("Money given, less refunds", pounds(year.money_pence), pounds(all_time.money_pence)),
        both("People who gave", "givers", whole),
        both("Young people matched with a volunteer", "young_people_matched"),
        both("Sessions volunteers logged", "sessions"),
        both("Come-along activities", "activities", whole),
        both("Places booked on come-along activities", "places_booked"),
        both("Grants awarded to young people", "grants_awarded"),
        Row(
            "Money awarded in grants",
            pounds(year.awarded_pence) if year_awarded else NOT_SHOWN,
            pounds(all_time.awarded_pence) if all_awarded else NOT_SHOWN,
        ),
        Row(
            "Money paid out in grants",
            pounds(year.paid_pence) if year_paid else NOT_SHOWN,
            pounds(all_time.paid_pence) if all_paid else NOT_SHOWN,
        ),
    ]


def _year_line(i: int, month: f.Month) -> str:
    return str(month.start.year) if i == 0 or month.start.month == 1 else ""


def money_chart(series: f.MonthlySeries) -> Chart:
    rows = series.rows()
    bars = [
        Bar(f"{m.start:%b}", f"{m.start:%B %Y}", p, pounds(p), _year_line(i, m))
        for i, (m, p) in enumerate(rows)
    ]
    best_month, best = max(rows, key=lambda r: r[1]) if rows else (None, 0)
    if best > 0:
        summary = (
            f"{pounds(series.total_pence)} came in over the last 12 months; the most in a month "
            f"was {pounds(best)} in {best_month.start:%B %Y}."
        )
    else:
        summary = "No money has come in over the last 12 months yet."
    desc = (
        f"A bar chart of the money given each month, {rows[0][0].start:%B %Y} to "
        f"{rows[-1][0].start:%B %Y}. {summary} The table below gives each month's figure."
    )
    return Chart(
        chart_id="money-in",
        heading="Money in, month by month",
        caption="Money given each month over the last 12 months, less refunds",
        headers=("Month", "Money given"),
        rows=[(f"{m.start:%B %Y}", pounds(p)) for m, p in rows],
        total=("Total", pounds(series.total_pence)),
        summary=summary,
        svg=bar_chart(chart_id="money-in", title="Money in by month", desc=desc, bars=bars),
    )


def grants_chart(spans: list[Span]) -> Chart:
    threshold = settings.IMPACT_SMALL_NUMBER_THRESHOLD
    kept = f"fewer than {threshold} grants"
    bars = [
        Bar(s.short, s.name, None if s.withheld else s.pence, kept if s.withheld else pounds(s.pence),
            _year_line(i, s.months[0]))
        for i, s in enumerate(spans)
    ]  # fmt: skip
    shown = [s for s in spans if not s.withheld]
    withheld = [s for s in spans if s.withheld]
    paid, n = sum(s.pence for s in shown), sum(s.grants for s in shown)
    if not n and not withheld:
        summary = "No grants have been paid over the last 12 months yet."
    elif not n:
        summary = f"Fewer than {threshold} grants were paid over the last 12 months, so the amounts are not shown."
    else:
        summary = f"{pounds(paid)} was paid to young people in {n:,} grants over the last 12 months"
        summary += (
            f"; in {' and '.join(s.name for s in withheld)} fewer than {threshold} grants were "
            "paid, so that amount is not shown."
            if withheld
            else "."
        )
    joined = any(len(s.months) > 1 for s in spans)
    desc = (
        f"A bar chart of the grant money paid each month over the last 12 months. {summary}"
        + (
            f" Months with fewer than {threshold} grants are shown together with the months "
            "next to them, so that no young person's grant can be worked out."
            if joined
            else ""
        )
        + " The table below gives the same figures."
    )
    return Chart(
        chart_id="grants-out",
        heading="Grants paid, month by month",
        caption="Grants paid to young people over the last 12 months",
        headers=("Months", "Grants paid", "Amount paid"),
        rows=[
            (s.name, f.suppressed(s.grants), NOT_SHOWN if s.withheld else pounds(s.pence))
            for s in spans
        ],
        total=None if withheld else ("Total", f"{n:,}", pounds(paid)),
        summary=summary,
        svg=bar_chart(chart_id="grants-out", title="Grants paid by month", desc=desc, bars=bars),
    )
