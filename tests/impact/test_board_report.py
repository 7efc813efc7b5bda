"""The Corporate Parenting Board report (impact.report): its PDF and ODS files, read back with
pypdf and odfpy, on a known dataset for the reporting period April to September 2026 (compared
with October 2025 to March 2026); the admin screen; the end-of-period schedule; a used demo."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from odf.namespaces import TABLENS
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from pypdf import PdfReader

from grants.models import Application, Category, GrantPayment
from impact import figures as f
from impact import tasks
from impact.periods import Period
from impact.report import build_report
from impact.report.models import BoardReport
from impact.report.ods import write_ods
from impact.report.pdf import write_pdf
from impact.report.services import board_report_at_period_end
from matching.models import YoungPerson
from nolimits import roles
from nolimits.models import OutboxMessage, User
from nolimits.money import pounds
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
    "6. Participation by directorate",
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
    # One grant paid: its amount would show what one young person was given, so neither the
    # grants section nor the monthly table shows it (the fund's all-time totals still do).
    assert "Jul 2026 not shown" in words and "Jul 2026 £300" not in words
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
    months = dict(row for row in sheets["Grants paid by month"][1:] if len(row) == 2)
    awards = {row[0]: row[1:] for row in sheets["Applications and awards"][1:]}
    assert awards["Amount paid"][0] == "not shown" and awards["Amount awarded"][0] == "not shown"
    assert months["Jul 2026"] == "not shown" and months["Total"] == "not shown"  # one grant
    assert months["Apr 2026"] == 0.0
    about = dict(row for row in sheets["About"][1:] if len(row) == 2)
    assert about["Board"] == "Corporate Parenting Board"
    assert "fewer than 5" in about["Note"]


def test_participation_by_directorate_is_in_the_report_with_small_numbers_hidden(known):
    """The board sees every directorate side by side and councillors as their own group, from
    impact.figures.directorates (the champions' figures), this period beside the one before."""
    for i in range(5):
        Donation.objects.create(
            donor=UserFactory(full_name=f"Resourceful {i}", directorate="resources"),
            kind="campaign", amount_pence=100, status="succeeded", paid_at=uk(2026, 6, 1, 12),
        )  # fmt: skip
    Donation.objects.create(
        donor=UserFactory(full_name="Cllr Kept Back", kind=User.Kind.COUNCILLOR, directorate=""),
        kind="campaign", amount_pence=100, status="succeeded", paid_at=uk(2026, 6, 1, 12),
    )  # fmt: skip
    report = build_report(
        PERIOD, author_role="Programme lead, No Limits", today=dt.date(2026, 10, 1)
    )
    rows = {row[0]: row[1:] for row in ods_sheets(write_ods(report))["By directorate"][1:]}
    assert rows["Resources (finance, HR, legal, IT)"][0] == 5.0  # five people giving, a number
    assert rows["Councillors"][0] == "fewer than 5"  # one councillor: never "1"
    words = pdf_text(write_pdf(report))
    assert "Participation by directorate" in words
    assert "Resourceful" not in words and "Kept Back" not in words  # never names


# --- The admin screen ---------------------------------------------------------------------------

URL = "/admin/reports/board-report/"


def staff(client, role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def test_a_programme_lead_finds_the_report_under_reports_and_downloads_the_pdf(client, known):
    staff(client, roles.PROGRAMME_LEADS)
    home_page = client.get("/admin/").content.decode()
    assert URL in home_page and "Corporate Parenting Board report" in home_page  # the Reports menu
    assert client.get(URL).status_code == 200
    with time_machine.travel(uk(2026, 10, 2, 9), tick=False):
        response = client.get(URL, {"period": "last", "format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="corporate-parenting-board-report-2026-04-01-to-2026-09-30.pdf"'
    )
    words = pdf_text(response.content)
    assert "April 2026 to September 2026" in words and "£323.45" in words


def test_a_programme_lead_downloads_a_tax_year_as_ods(client, known):
    staff(client, roles.PROGRAMME_LEADS)
    response = client.get(URL, {"period": "tax_year", "tax_year": "2026", "format": "ods"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    sheets = ods_sheets(response.content)
    assert sheets["Money by route"][0][1] == "Tax year 2026-27"
    assert sheets["Money by route"][0][2] == "Previous: Tax year 2025-26"
    by_route = {row[0]: row[1:] for row in sheets["Money by route"][1:]}
    assert by_route["Total received"][:2] == [323.45 + 999.99, 50.0]  # 6 April 2026 onwards


def test_any_dates_download(client, known):
    staff(client, roles.PROGRAMME_LEADS)
    response = client.get(
        URL,
        {"period": "dates", "start": "2026-05-01", "end": "2026-05-31", "format": "ods"},
    )
    assert response.status_code == 200
    by_route = {row[0]: row[1:] for row in ods_sheets(response.content)["Money by route"][1:]}
    assert by_route["Total received"][:2] == [123.45, 0.0]  # May 2026, and April 2026 before it


def test_boxes_for_a_choice_not_taken_are_ignored(client, known):
    staff(client, roles.PROGRAMME_LEADS)
    asked = {"period": "last", "start_day": "31", "start_month": "2", "start_year": "2026"}
    response = client.get(URL, {**asked, "tax_year": "1999", "format": "ods"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "role",
    [
        roles.FINANCE,
        roles.VOLUNTEER_COORDINATORS,
        roles.EDITORS,
        roles.GRANTS_PANEL_CHAIRS,
        roles.MENTORS,
        roles.WORKERS,
    ],
)
def test_other_roles_are_refused(client, known, role):
    staff(client, role)
    response = client.get(URL, {"period": "last", "format": "pdf"})
    assert response.status_code in (302, 403)
    assert response.get("Content-Type") != "application/pdf"
    assert "Corporate Parenting Board report" not in client.get("/admin/").content.decode()


def test_signed_out_and_password_only_are_refused(client, known, settings):
    assert client.get(URL, {"period": "last", "format": "pdf"}).status_code == 302
    settings.NOLIMITS_ADMIN_MFA_REQUIRED = True
    client.force_login(UserFactory(roles=[roles.PROGRAMME_LEADS]))  # no second factor
    response = client.get(URL, {"period": "last", "format": "pdf"})
    assert response.get("Content-Type") != "application/pdf"


@pytest.mark.parametrize(
    ("asked", "messages"),
    [
        ({}, ["Select the period the report covers"]),
        ({"period": "tax_year"}, ["Select the tax year the report covers"]),
        ({"period": "tax_year", "tax_year": "1999"}, ["Select a tax year from the list"]),
        (
            {"period": "dates", "start_day": "31", "start_month": "2", "start_year": "2026"},
            ["The first day must be a real date", "Enter the last day of the period"],
        ),
        (
            {
                "period": "dates",
                **{"start_day": "1", "start_month": "6", "start_year": "2026"},
                **{"end_day": "1", "end_month": "5", "end_year": "2026"},
            },
            ["The last day must be the same as or after the first day"],
        ),
        (
            {"period": "dates", "start_day": "1", "start_month": "6", "start_year": "26"},
            ["Year must include 4 numbers", "Enter the last day of the period"],
        ),
        (
            {
                "period": "dates",
                **{"start_day": "1", "start_month": "1", "start_year": "2016"},
                **{"end_day": "1", "end_month": "1", "end_year": "2026"},
            },
            ["The period must be 5 years or shorter"],
        ),
    ],
)
def test_bad_periods_are_refused_with_a_summary_and_kept(client, known, asked, messages):
    staff(client, roles.PROGRAMME_LEADS)
    response = client.get(URL, {**asked, "format": "pdf"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "<title>Error: " in page and 'id="error-summary"' in page
    summary = page.split('id="error-summary"')[1].split("</div>")[0]
    for message in messages:
        assert message in summary, message
    for name, value in asked.items():
        if name.startswith(("start_", "end_")):
            assert (
                f'name="{name}" type="text" inputmode="numeric" autocomplete="off" value="{value}"'
                in page
            )


# --- The schedule ---------------------------------------------------------------------------------


def test_the_schedule_makes_the_report_once_after_30_september_and_emails_the_leads(
    client, known, django_capture_on_commit_callbacks
):
    lead = staff(client, roles.PROGRAMME_LEADS)
    UserFactory(roles=[roles.FINANCE], email="finance.person@example.org")
    with time_machine.travel(uk(2026, 9, 30, 6), tick=False):  # the period has not ended yet
        with django_capture_on_commit_callbacks(execute=True):
            board_report_at_period_end()
    assert not BoardReport.objects.filter(period_start=dt.date(2026, 4, 1)).exists()
    OutboxMessage.objects.all().delete()
    with time_machine.travel(uk(2026, 10, 1, 6), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.board_report_at_period_end()
            tasks.board_report_at_period_end()  # the job runs daily: the second finds it made
    made = BoardReport.objects.get(period_start=dt.date(2026, 4, 1))
    assert made.period_end == dt.date(2026, 9, 30)
    assert BoardReport.objects.filter(period_start=dt.date(2026, 4, 1)).count() == 1
    with made.pdf.open("rb") as stored:
        assert "£323.45" in pdf_text(stored.read())
    assert made.pdf.storage.location == str(settings.PRIVATE_MEDIA_ROOT)
    (email,) = OutboxMessage.objects.all()
    assert email.to == lead.email  # programme leads only, once
    assert "April 2026 to September 2026" in email.subject
    link = f"http://testserver/admin/reports/board-report/{made.pk}/pdf/"
    assert link in email.body
    response = client.get(link.removeprefix("http://testserver"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "£323.45" in pdf_text(b"".join(response.streaming_content))
    ods = client.get(f"/admin/reports/board-report/{made.pk}/ods/")
    assert "Money by route" in ods_sheets(b"".join(ods.streaming_content))
    assert "April 2026 to September 2026" in client.get(URL).content.decode()  # listed
    staff(client, roles.FINANCE)
    refused = client.get(link.removeprefix("http://testserver"))
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "application/pdf"


def test_a_second_worker_at_the_same_moment_makes_nothing_more(known):
    with time_machine.travel(uk(2026, 10, 1, 6), tick=False):
        first = board_report_at_period_end()
        BoardReport.objects.filter(pk=first.pk).update(label="kept")
        assert board_report_at_period_end() is None
    assert BoardReport.objects.get().label == "kept"


# --- A used demo -----------------------------------------------------------------------------------


def test_the_report_on_a_used_demo(client, db, settings):
    call_command("load_demo", stdout=io.StringIO())
    lead = User.objects.get(email="lead@example.org")
    TOTP.activate(lead, generate_totp_secret())
    client.force_login(lead)
    gift(4321, timezone.now())  # the demo in use: a gift today
    this = Period.between(
        Period.reporting_period_containing(timezone.localdate()).start, timezone.localdate()
    )
    expected = pounds(f.money(this).total_received_pence)
    response = client.get(URL, {"period": "this", "format": "pdf"})
    assert response.status_code == 200
    words = pdf_text(response.content)
    assert f"Money received: {expected}" in words
    ods = client.get(URL, {"period": "last", "format": "ods"})
    assert ods.status_code == 200 and len(ods_sheets(ods.content)) == 15  # About + 14 tables


# --- Small numbers --------------------------------------------------------------------------------


def test_a_change_beside_a_hidden_number_is_not_shown():
    """Break the rule on purpose: a change of -7 beside "fewer than 5" and 10 gives away 3."""
    from impact.report.content import change, count, money

    assert count(3, young_people=True).text == "fewer than 5"
    assert count(3).text == "3"  # volunteers and givers are not young people
    assert change(count(3, young_people=True), count(10, young_people=True)).text == "not shown"
    assert change(count(10, young_people=True), count(0, young_people=True)).text == "+10"
    assert change(money(12_500), money(10_000)).text == "+£25 (+25%)"
    assert change(money(10_000), money(12_500)).text == "-£25 (-20%)"
    assert change(count(5), count(5)).text == "no change"


def test_reasons_given_for_few_matches_are_counted_together():
    from types import SimpleNamespace

    from impact.report.sections import closed_reasons

    reasons = {"Goals met": 6, "Moved to Leeds with Jo's foster carer": 1, "Moved away": 2}
    ctx = SimpleNamespace(
        period=PERIOD, now=SimpleNamespace(matching=SimpleNamespace(closed_reasons=reasons))
    )
    rows = [[cell.text for cell in row] for row in closed_reasons(ctx).rows]
    assert rows == [["Goals met", "6"], ["Other reasons", "fewer than 5"]]
