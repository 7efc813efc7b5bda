"""Bar charts drawn on the server as SVG: no JavaScript, no inline styles (the public pages'
Content-Security-Policy allows no `style` attribute), only SVG presentation attributes.

Each chart is an image with a name and a description (`role="img"`, `<title>`, `<desc>`), axis
labels and one labelled bar per row; the page follows it with a table of the same figures, which
is what a screen reader reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
    for m in (1, 2, 2.5, 5, 10):
        if m * magnitude * STEPS >= largest:
            return int(m * magnitude)
    return int(10 * magnitude)  # pragma: no cover - the loop always returns


def bar_height(pence: int, top: int) -> float:
    """A bar's height for `pence` on an axis to `top`; a month that gave back more than came in
    (refunds) draws no bar, and its table row shows the figure."""
    return round(PLOT_H * max(pence, 0) / top, 2) if top else 0.0


def bar_chart(*, chart_id: str, title: str, desc: str, bars: list[Bar]) -> SafeString:
    shown = [b.pence for b in bars if b.pence is not None]
    step = axis_step(max(shown, default=0))
    top = step * STEPS
    base = TOP + PLOT_H
    slot = PLOT_W / max(len(bars), 1)
    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>',
        (
            (LEFT, y, WIDTH - RIGHT, y, LINE, LEFT - 6, y + 4, INK, pounds(i * step))
            for i in range(STEPS + 1)
            for y in [round(base - PLOT_H * i / STEPS, 2)]
        ),
    )
    drawn = []
    for i, bar in enumerate(bars):
        middle = round(LEFT + slot * (i + 0.5), 2)
        drawn.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                middle,
                base + 18,
                INK,
                bar.label,
            )  # fmt: skip
        )
        if bar.year:
            drawn.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                    middle,
                    base + 34,
                    INK,
                    bar.year,
                )  # fmt: skip
            )
        if bar.pence is None:
            drawn.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}" '
                    'data-kept-back="">{}</text>',
                    middle,
                    base - 6,
                    INK,
                    bar.text,
                )  # fmt: skip
            )
            continue
        height = bar_height(bar.pence, top)
        width = round(min(slot * 0.7, 48), 2)
        drawn.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" data-pence="{}">'
                "<title>{}: {}</title></rect>",
                round(middle - width / 2, 2),
                round(base - height, 2),
                width,
                height,
                BAR,
                bar.pence,
                bar.name,
                bar.text,
            )  # fmt: skip
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="nl-chart" viewBox="0 0 {} {}" '
        'width="100%" role="img" aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<text x="{}" y="{}" font-size="12" fill="{}">Pounds (£)</text>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">Month</text>'
        "{}{}"
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        "</svg>",
        WIDTH, HEIGHT, chart_id, chart_id, chart_id, title, chart_id, desc,
        4, TOP - 14, INK,
        LEFT + PLOT_W / 2, HEIGHT - 6, INK,
        grid, SafeString("".join(drawn)),
        LEFT, base, WIDTH - RIGHT, base, INK,
    )  # fmt: skip
