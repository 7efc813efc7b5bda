"""Bar charts drawn on the server as SVG: no JavaScript, no inline styles (the public pages'
Content-Security-Policy allows no `style` attribute), only SVG presentation attributes.

Each chart is an image with a name and a description (`role="img"`, `<title>`, `<desc>`), axis
labels and one labelled bar per row; the page follows it with a table of the same figures, which
is what a screen reader reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from nolimits.money import pounds

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 8, 32, 64
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
STEPS = 4
BAR = "#5c2d91"  # the site's purple: 9:1 against white
INK = "#0b0c0c"
LINE = "#b1b4b6"


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar, short: "Mar"
    name: str  # in words: "March 2026"
    pence: int | None  # None: kept back (shown as `text`)
    text: str  # the value in words: "£1,560", "fewer than 5 grants"
    year: str = ""  # a second line under the label: the year, where it changes


def axis_step(largest: int) -> int:
    """A round step in pence (£1, £2, £2.50, £5 times a power of ten) so STEPS steps reach
    `largest`."""
    if largest <= 0:
        return 2500  # nothing to show: an axis to £100
    raw = largest / STEPS
    magnitude = max(100, 10 ** math.floor(math.log10(raw)))
    # raw < 10 × magnitude, so 10 always reaches it: the first multiple that does is the step.
    return int(next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude * STEPS >= largest))


def bar_height(pence: int, top: int) -> float:
    """A bar's height for `pence` on an axis to `top`; a month that gave back more than came in
    (refunds) draws no bar, and its table row shows the figure."""
    return round(PLOT_H * max(pence, 0) / top, 2) if top else 0.0


def _text(x, y, words: str, *, size: int = 12, anchor: str = "middle", extra: str = "") -> str:
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" font-size="{size}" fill="{INK}"{extra}>'
        f"{escape(words)}</text>"
    )


def _line(x1, y1, x2, y2, colour: str) -> str:
    return f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="1"/>'


def bar_chart(*, chart_id: str, title: str, desc: str, bars: list[Bar]) -> SafeString:
    """The chart as SVG markup: every word escaped, every number our own."""
    shown = [b.pence for b in bars if b.pence is not None]
    step = axis_step(max(shown, default=0))
    top = step * STEPS
    base = TOP + PLOT_H
    slot = PLOT_W / max(len(bars), 1)
    width = round(min(slot * 0.7, 48), 2)
    cid = escape(chart_id)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="nl-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{cid}-title {cid}-desc" focusable="false">'
        f'<title id="{cid}-title">{escape(title)}</title><desc id="{cid}-desc">{escape(desc)}</desc>',
        _text(4, TOP - 14, "Pounds (£)", anchor="start"),
        _text(LEFT + PLOT_W / 2, HEIGHT - 6, "Month"),
    ]
    for i in range(STEPS + 1):
        y = round(base - PLOT_H * i / STEPS, 2)
        parts.append(_line(LEFT, y, WIDTH - RIGHT, y, LINE))
        parts.append(_text(LEFT - 6, y + 4, pounds(i * step), anchor="end"))
    for i, bar in enumerate(bars):
        middle = round(LEFT + slot * (i + 0.5), 2)
        parts.append(_text(middle, base + 18, bar.label))
        if bar.year:
            parts.append(_text(middle, base + 34, bar.year))
        if bar.pence is None:
            parts.append(_text(middle, base - 6, bar.text, size=11, extra=' data-kept-back=""'))
            continue
        height = bar_height(bar.pence, top)
        parts.append(
            f'<rect x="{round(middle - width / 2, 2)}" y="{round(base - height, 2)}" '
            f'width="{width}" height="{height}" fill="{BAR}" data-pence="{int(bar.pence)}">'
            f"<title>{escape(bar.name)}: {escape(bar.text)}</title></rect>"
        )
    parts.append(_line(LEFT, base, WIDTH - RIGHT, base, INK))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every word above is escaped
