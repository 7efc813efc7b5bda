"""What the Corporate Parenting Board report holds, whatever file it is written to.

The report is plain data: numbered sections of paragraphs, tables and charts, built from
`impact.figures` only. `impact.report.pdf` and `impact.report.ods` write the same `Report`, so the
PDF and the spreadsheet always show the same figures. Each cell knows its text (what the paper
shows) and its number (what the spreadsheet stores), so small numbers are hidden in both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from impact.figures import Figures, MonthlySeries, suppressed
from impact.periods import Period
from nolimits.money import pounds

BOARD = "Corporate Parenting Board"
TITLE = "No Limits: progress report"
NOT_SHOWN = "not shown"  # a change that would give away a small number


@dataclass(frozen=True)
class Cell:
    text: str
    number: float | None = None  # None: the spreadsheet holds the text
    hidden: bool = False  # a small number shown as "fewer than 5"
    is_money: bool = False


def text(value: str) -> Cell:
    return Cell(value)


def count(n: int, *, young_people: bool = False) -> Cell:
    """A count; a count of young people from 1 to the threshold - 1 is "fewer than 5"."""
    shown = suppressed(n) if young_people else f"{n:,}"
    hidden = shown != f"{n:,}"
    return Cell(shown, None if hidden else n, hidden)


def money(pence: int) -> Cell:
    return Cell(pounds(pence), pence / 100, is_money=True)


def few(n: int) -> bool:
    """1 to the threshold - 1: few enough to point to a young person."""
    return 0 < n < settings.IMPACT_SMALL_NUMBER_THRESHOLD


def money_of(pence: int, grants: int) -> Cell:
    """Money made of `grants` young people's grants: from 1 to the threshold - 1 it would show
    what they were given (one grant's amount, or a few to work out), so it is "not shown"."""
    return Cell(NOT_SHOWN, None, hidden=True) if few(grants) else money(pence)


def hours(minutes: int) -> Cell:
    return Cell(f"{minutes / 60:,.0f}", round(minutes / 60, 1))


def days(value: float | None) -> Cell:
    if value is None:
        return Cell("none decided")
    return Cell(f"{value:g}", float(value))


def change(now: Cell, before: Cell) -> Cell:
    """How a figure moved: "+3", "-£250 (-12%)", "no change"; "not shown" beside a small number."""
    if now.hidden or before.hidden:
        return Cell(NOT_SHOWN)
    if now.number is None or before.number is None:
        return Cell("")
    difference = now.number - before.number
    if difference == 0:
        return Cell("no change", 0)
    sign = "+" if difference > 0 else "-"
    shown = pounds(round(abs(difference) * 100)) if now.is_money else f"{abs(difference):,g}"
    words = f"{sign}{shown}"
    if before.number:
        words += f" ({sign}{abs(difference) / abs(before.number):.0%})"
    return Cell(words, round(difference, 2))


@dataclass(frozen=True)
class Table:
    title: str
    sheet: str  # the spreadsheet's sheet name (unique, at most 31 characters)
    columns: list[str]
    rows: list[list[Cell]]
    note: str = ""


@dataclass(frozen=True)
class Chart:
    series: MonthlySeries
    table: Table  # the same figures, beside the chart


@dataclass(frozen=True)
class Section:
    title: str
    blocks: list[str | Table | Chart]  # paragraphs, tables and charts, in order

    @property
    def tables(self) -> list[Table]:
        return [
            b.table if isinstance(b, Chart) else b for b in self.blocks if not isinstance(b, str)
        ]


@dataclass(frozen=True)
class Context:
    """What every section is built from: the figures for the period and the one before."""

    period: Period
    previous: Period
    now: Figures
    before: Figures
    money_in: MonthlySeries
    grants_out: MonthlySeries
    made_on: dt.date


@dataclass(frozen=True)
class Report:
    council: str
    title: str
    period: Period
    previous: Period
    made_on: dt.date
    author_role: str
    cover_notes: list[str]
    sections: list[Section] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [t for s in self.sections for t in s.tables]


def comparison(ctx: Context, title: str, sheet: str, rows, note: str = "") -> Table:
    """A table of figures for this period beside the previous one, with the change."""
    return Table(
        title=title,
        sheet=sheet,
        columns=["", str(ctx.period), f"Previous: {ctx.previous}", "Change"],
        rows=[[text(label), now, before, change(now, before)] for label, now, before in rows],
        note=note,
    )


def monthly_chart(series: MonthlySeries, title: str, sheet: str) -> Chart:
    """A chart and its table. For grants (a series with `counts`, the grants in each month), a
    month with 1 to the threshold - 1 grants would show what those young people were given: it
    is "not shown" in the table and drawn empty, and so is the total when the months not shown
    hold that few grants between them (it would give their sum)."""
    counts = series.counts or [0] * len(series.months)
    hidden = [few(n) for n in counts]
    rows = [
        [text(month.label), Cell(NOT_SHOWN, None, hidden=True) if hide else money(pence)]
        for (month, pence), hide in zip(series.rows(), hidden, strict=True)
    ]
    rows.append(
        [
            text("Total"),
            money_of(series.total_pence, sum(n for n, h in zip(counts, hidden, strict=True) if h)),
        ]
    )
    note = ""
    if any(hidden):
        limit = settings.IMPACT_SMALL_NUMBER_THRESHOLD
        note = f"Months with fewer than {limit} grants paid are not shown, so no grant can be told."
        series = MonthlySeries(
            series.title,
            series.months,
            [0 if hide else pence for pence, hide in zip(series.pence, hidden, strict=True)],
            series.counts,
        )
    return Chart(series, Table(title, sheet, ["Month", series.title], rows, note=note))


def small_numbers_note() -> str:
    threshold = settings.IMPACT_SMALL_NUMBER_THRESHOLD
    return (
        f"This paper may be published with the Board's papers. Counts of young people (referrals, "
        f"matches, come-along places booked, grant applications) from 1 to {threshold - 1} are "
        f"shown as \u201cfewer than {threshold}\u201d, as on the public impact page, and so is any "
        f"change that would reveal one. Reasons given for closing fewer than {threshold} matches "
        f"are counted together as \u201cOther reasons\u201d."
    )
