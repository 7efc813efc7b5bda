"""The board report as an OpenDocument spreadsheet (odfpy): an "About" sheet (the title block and
the note on small numbers), then one sheet for each table of the report, in the paper's order.
Money and counts are numbers (pounds as decimals); a small number hidden as "fewer than 5" and a
change that would reveal one are text, as in the PDF."""

from __future__ import annotations

import io

from odf.opendocument import OpenDocumentSpreadsheet
from odf.style import Style, TableColumnProperties, TextProperties
from odf.table import Table as OdsTable
from odf.table import TableCell, TableColumn, TableRow
from odf.text import P

from impact.report.content import BOARD, Cell, Report, Table

ABOUT = "About"


def _cell(cell: Cell, style=None) -> TableCell:
    attributes = {"stylename": style} if style is not None else {}
    if cell.number is None:
        element = TableCell(valuetype="string", **attributes)
    else:
        element = TableCell(valuetype="float", value=cell.number, **attributes)
    element.addElement(P(text=cell.text))
    return element


def _sheet(name: str, header: list[str], rows: list[list[Cell]], styles) -> OdsTable:
    sheet = OdsTable(name=name)
    sheet.addElement(TableColumn(stylename=styles["wide"]))
    for _ in header[1:]:
        sheet.addElement(TableColumn(stylename=styles["column"]))
    heading = TableRow()
    for title in header:
        heading.addElement(_cell(Cell(title), styles["bold"]))
    sheet.addElement(heading)
    for row in rows:
        line = TableRow()
        for cell in row:
            line.addElement(_cell(cell))
        sheet.addElement(line)
    return sheet


def _styles(document) -> dict:
    bold = Style(name="bold", family="table-cell")
    bold.addElement(TextProperties(fontweight="bold"))
    wide = Style(name="wide", family="table-column")
    wide.addElement(TableColumnProperties(columnwidth="8cm"))
    column = Style(name="column", family="table-column")
    column.addElement(TableColumnProperties(columnwidth="4.5cm"))
    for style in (bold, wide, column):
        document.automaticstyles.addElement(style)
    return {"bold": bold, "wide": wide, "column": column}


def about_rows(report: Report) -> list[list[Cell]]:
    rows = [
        ("Board", BOARD),
        ("Council", report.council),
        ("Report", report.title),
        ("Period", f"{report.period}: {report.period.start:%-d %B %Y} to {report.period.end:%-d %B %Y}"),
        ("Compared with", str(report.previous)),
        ("Date", f"{report.made_on:%-d %B %Y}"),
        ("Author", report.author_role),
    ]  # fmt: skip
    rows += [("Note", note) for note in report.cover_notes]
    return [[Cell(k), Cell(v)] for k, v in rows]


def sheet_rows(table: Table) -> list[list[Cell]]:
    rows = list(table.rows)
    if table.note:
        rows.append([Cell(table.note)])
    return rows


def write_ods(report: Report) -> bytes:
    document = OpenDocumentSpreadsheet()
    styles = _styles(document)
    document.spreadsheet.addElement(
        _sheet(ABOUT, ["About this report", ""], about_rows(report), styles)
    )
    for table in report.tables:
        document.spreadsheet.addElement(
            _sheet(table.sheet, table.columns, sheet_rows(table), styles)
        )
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()
