"""The Corporate Parenting Board report (impact.report): its PDF and ODS files, read back with
pypdf and odfpy, on a known dataset for the reporting period April to September 2026 (compared
with October 2025 to March 2026); the admin screen; the end-of-period schedule; a used demo."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from odf.namespaces import TABLENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from pypdf import PdfReader

from grants.models import Application, Category, GrantPayment
from impact.periods import Period
from impact.report import build_report
from impact.report.ods import write_ods
from impact.report.pdf import write_pdf
from matching.models import YoungPerson
from pledges.models import Donation
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")
PERIOD = Period.reporting_period(2026, 4)  # 1 April to 30 September 2026
SECTION_HEADINGS = [
    "1. Summary",
    "2. Giving money",
    "3. Giving time: volunteering and come-along",
    "4. Young people and matching",
    "5. Grants and the fund",
]


def uk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def gift(pence, paid_at, kind="campaign"):
    return Donation.objects.create(
        donor=UserFactory(), kind=kind, amount_pence=pence, status="succeeded", paid_at=paid_at
    )


def refer(n, when):
    for i in range(n):
        YoungPerson.objects.create(
            first_name=f"Young{i}", date_of_birth=dt.date(2009, 1, 1), area="Thamesbrook",
            interests="art", availability="evenings", worker_name="Wren",
            worker_email="wren@example.org", consent=True, referred_at=when,
        )  # fmt: skip


def paid_grant(pence, paid_on):
    category, _ = Category.objects.get_or_create(
        slug="driving", defaults={"name": "Driving lessons", "max_amount_pence": 100_000}
    )
    application = Application.objects.create(
        applicant=UserFactory(kind="young_person", directorate=""), status="paid",
        category=category, what_for="Lessons", amount_pence=pence, decided_amount_pence=pence,
        how_it_helps="Work", worker_name="Pat", worker_email="pat@example.org",
        submitted_at=uk(2026, 5, 1), decided_at=uk(2026, 5, 11),
    )  # fmt: skip
    GrantPayment.objects.create(
        application=application, amount_pence=pence, paid_on=paid_on, method="bank_transfer",
        reference="BACS-1", recorded_by=UserFactory(),
    )  # fmt: skip


@pytest.fixture
def known(db, home):
    """This period: £123.45 (May) + £200 (July) received, 7 young people referred, a £300 grant
    paid in July. The period before: £50 received (January), 2 young people referred."""
    gift(12345, uk(2026, 5, 3, 10))
    gift(20000, uk(2026, 7, 20, 9))
    gift(5000, uk(2026, 1, 10, 12))
    gift(99999, uk(2026, 10, 1, 0, 0))  # the first moment after the period: not in it
    refer(7, uk(2026, 6, 1, 12))
    refer(2, uk(2026, 2, 1, 12))
    paid_grant(30000, dt.date(2026, 7, 15))


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def ods_sheets(data: bytes) -> dict[str, list[list[str]]]:
    """Each sheet's rows: a number cell's value as a float, any other cell's text."""
    document = load(io.BytesIO(data))
    sheets = {}
    for sheet in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in sheet.getElementsByType(TableRow):
            cells = []
            for cell in row.getElementsByType(TableCell):
                value = cell.attributes.get((TABLENS.replace("table", "office"), "value"))
                cells.append(float(value) if value is not None else str(cell))
            rows.append(cells)
        sheets[sheet.getAttribute("name")] = rows
    return sheets


def test_the_pdf_is_a_board_paper_with_the_figures_and_the_comparison(known):
    report = build_report(
        PERIOD, author_role="Programme lead, No Limits", today=dt.date(2026, 10, 1)
    )
    data = write_pdf(report)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    words = pdf_text(data)
    # The title block.
    assert "Corporate Parenting Board" in words
    assert "No Limits: progress report" in words
    assert "April 2026 to September 2026" in words
    assert "1 October 2026" in words
    assert "Programme lead, No Limits" in words
    assert f"Page 1 of {len(reader.pages)}" in words
    assert "shown as “fewer than 5”" in words  # the cover says how small numbers are shown
    for heading in SECTION_HEADINGS:
        assert heading in words, heading
    # The figures, and the comparison with the period before.
    assert "Previous: October 2025 to March 2026" in words
    assert "£323.45" in words  # money received in the period (the gift after it is not)
    assert "£50" in words and "+£273.45" in words  # the previous period's, and the change
    assert "Money received: £323.45, up £273.45 (547%) on the previous period (£50)." in words
    assert "Young people referred for a mentor 7 fewer than 5 not shown" in words
    assert "£300" in words  # the grant paid, in the grants section and its monthly table
    assert "Jul 2026 £300" in words  # grants paid by month: the chart's table
    assert "Figure 1: Money in by month" in words and "Figure 2: Grants paid by month" in words
    assert (
        reader.metadata.title
        == "Corporate Parenting Board: No Limits: progress report, April 2026 to September 2026"
    )


def test_the_ods_has_one_sheet_per_table_with_the_numbers(known):
    report = build_report(
        PERIOD, author_role="Programme lead, No Limits", today=dt.date(2026, 10, 1)
    )
    sheets = ods_sheets(write_ods(report))
    assert list(sheets) == ["About", *[t.sheet for t in report.tables]]
    assert len(report.tables) >= 10
    by_route = {row[0]: row[1:] for row in sheets["Money by route"][1:]}
    assert by_route["Campaign gifts"][:2] == [323.45, 50.0]  # numbers, not text
    assert by_route["Total received"][:3] == [323.45, 50.0, 273.45]
    referrals = {row[0]: row[1:] for row in sheets["Referrals and matches"][1:]}
    assert referrals["Young people referred for a mentor"] == [7.0, "fewer than 5", "not shown"]
    months = dict(row for row in sheets["Grants paid by month"][1:])
    assert months["Jul 2026"] == 300.0 and months["Total"] == 300.0 and months["Apr 2026"] == 0.0
    about = dict(row for row in sheets["About"][1:] if len(row) == 2)
    assert about["Board"] == "Corporate Parenting Board"
    assert "fewer than 5" in about["Note"]
