"""The board report as a PDF laid out like a board paper (reportlab, pure Python): a title block
(the board, the report's title, period, date and author role), numbered sections and paragraphs,
tables with a header row repeated on each page, bar charts drawn with reportlab's own graphics,
each followed by its table, and "Page N of M" at the foot of every page."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Table as PdfTable

from impact.report.content import BOARD, Chart, Report, Table
from nolimits.money import pounds

INK = colors.HexColor("#0b0c0c")
BLUE = colors.HexColor("#1d70b8")
GREY = colors.HexColor("#f3f2f1")
RULE = colors.HexColor("#b1b4b6")
WIDTH = A4[0] - 4 * cm


def styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=base["BodyText"], fontSize=10.5, leading=14, textColor=INK)
    return {
        "board": ParagraphStyle("board", parent=body, fontName="Helvetica-Bold", fontSize=20, leading=24),
        "title": ParagraphStyle("title", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=19),
        "h1": ParagraphStyle("h1", parent=body, fontName="Helvetica-Bold", fontSize=14, leading=18, spaceBefore=12, spaceAfter=6),
        "caption": ParagraphStyle("caption", parent=body, fontName="Helvetica-Bold", spaceBefore=8, spaceAfter=4),
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11, alignment=TA_LEFT),
        "head": ParagraphStyle("head", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11),
        "note": ParagraphStyle("note", parent=body, fontSize=9, leading=12),
    }  # fmt: skip


class NumberedCanvas(Canvas):
    """Writes "Page N of M" (and the paper's name) at the foot of each page once all are known."""

    footer = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []

    def showPage(self):  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self.setFont("Helvetica", 8.5)
            self.setFillColor(INK)
            self.drawString(2 * cm, 1.2 * cm, self.footer)
            self.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def paragraph(value: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(value), style)


def title_block(report: Report, s) -> list:
    rows = [
        ("Report", report.title),
        ("Period", f"{report.period}: {report.period.start:%-d %B %Y} to {report.period.end:%-d %B %Y}"),
        ("Compared with", str(report.previous)),
        ("Date", f"{report.made_on:%-d %B %Y}"),
        ("Author", report.author_role),
    ]  # fmt: skip
    table = PdfTable(
        [[paragraph(k, s["head"]), paragraph(v, s["cell"])] for k, v in rows],
        colWidths=[3.5 * cm, WIDTH - 3.5 * cm],
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    flow = [paragraph(BOARD, s["board"])]
    if report.council:
        flow.append(paragraph(report.council, s["body"]))
    flow += [Spacer(1, 6), paragraph(report.title, s["title"]), Spacer(1, 8), table, Spacer(1, 10)]
    for note in report.cover_notes:
        notice = PdfTable([[paragraph(note, s["note"])]], colWidths=[WIDTH])
        notice.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), GREY),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, BLUE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        flow += [notice, Spacer(1, 6)]
    return flow


def pdf_table(table: Table, number: int, s) -> list:
    first = WIDTH * (0.4 if len(table.columns) > 2 else 0.6)
    rest = (WIDTH - first) / max(len(table.columns) - 1, 1)
    data = [[paragraph(c, s["head"]) for c in table.columns]]
    data += [[paragraph(cell.text, s["cell"]) for cell in row] for row in table.rows]
    if not table.rows:
        data.append(
            [paragraph("None in this period.", s["cell"])] + [""] * (len(table.columns) - 1)
        )
    grid = PdfTable(data, colWidths=[first] + [rest] * (len(table.columns) - 1), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), GREY),
                ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    caption = paragraph(f"Table {number}: {table.title}", s["caption"])
    flow = [caption, grid]
    if table.note:
        flow.append(paragraph(table.note, s["note"]))
    return [KeepTogether(flow)] if len(table.rows) < 25 else flow


def bar_chart(chart: Chart, number: int, s) -> list:
    series = chart.series
    drawing = Drawing(WIDTH, 7 * cm)
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 2.2 * cm, 1.6 * cm, WIDTH - 2.6 * cm, 4.8 * cm
    bars.data = [[p / 100 for p in series.pence] or [0]]
    bars.categoryAxis.categoryNames = [m.label for m in series.months] or [""]
    bars.categoryAxis.labels.fontSize = 7
    if len(series.months) > 12:
        bars.categoryAxis.labels.angle = 90
        bars.categoryAxis.labels.dy = -12
    bars.valueAxis.valueMin = 0
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = lambda value: pounds(round(value * 100))
    bars.bars[0].fillColor = BLUE
    bars.bars[0].strokeColor = None
    drawing.add(bars)
    drawing.add(String(0, 7 * cm - 10, series.title, fontName="Helvetica-Bold", fontSize=8))
    caption = paragraph(
        f"Figure {number}: {chart.table.title} (the figures are in the next table)", s["caption"]
    )
    return [KeepTogether([caption, drawing])]


def write_pdf(report: Report) -> bytes:
    s = styles()
    out = io.BytesIO()
    name = f"{BOARD}: {report.title}, {report.period}"
    document = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title=name,
        author=report.author_role,
        subject=f"{report.period.start:%-d %B %Y} to {report.period.end:%-d %B %Y}",
        lang="en-GB",
    )
    flow = title_block(report, s)
    tables = figures = 0
    for index, section in enumerate(report.sections, start=1):
        flow += [CondPageBreak(4 * cm), paragraph(f"{index}. {section.title}", s["h1"])]
        paragraphs = 0
        for block in section.blocks:
            if isinstance(block, str):
                paragraphs += 1
                flow.append(paragraph(f"{index}.{paragraphs}  {block}", s["body"]))
            elif isinstance(block, Chart):
                figures += 1
                tables += 1
                flow += bar_chart(block, figures, s) + pdf_table(block.table, tables, s)
            else:
                tables += 1
                flow += pdf_table(block, tables, s)
    canvas = type("ReportCanvas", (NumberedCanvas,), {"footer": name})
    document.build(flow, canvasmaker=canvas)
    return out.getvalue()
