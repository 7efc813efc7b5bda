"""My giving shows a giver's gifts a page at a time, newest first, and every gift is on exactly
one page (issue 17: a giver of many years has hundreds). Through the real view, signed in."""

import datetime as dt
import re

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from pledges.models import Adjustment, Donation, Pledge
from pledges.selectors import donor_giving_span, donor_tax_years
from pledges.views import GIFTS_PER_PAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
RECEIPT = re.compile(r'href="/pledges/receipt/([0-9a-f-]+)/"')


@pytest.fixture
def giver(client, home):
    donor = UserFactory()
    pledge = Pledge.objects.create(donor=donor, method=Pledge.Method.STRIPE, amount_pence=1000)
    start = timezone.now().replace(hour=12) - dt.timedelta(days=60)
    gifts = Donation.objects.bulk_create(
        Donation(
            donor=donor,
            kind="monthly",
            pledge=pledge,
            amount_pence=1000 + n,
            status="succeeded",
            paid_at=start + dt.timedelta(days=n),
        )
        for n in range(2 * GIFTS_PER_PAGE + 10)
    )
    # Another giver's gifts never show.
    UserFactory().donations.create(
        kind="single", amount_pence=777, status="succeeded", paid_at=start
    )
    client.force_login(donor)
    return donor, gifts


def receipts_on(client, query: str = "") -> list[str]:
    response = client.get(f"/pledges/my-giving/{query}")
    assert response.status_code == 200
    return RECEIPT.findall(response.content.decode())


def test_every_gift_is_on_one_page_newest_first(client, giver):
    donor, gifts = giver
    newest_first = [str(g.uuid) for g in sorted(gifts, key=lambda g: g.paid_at, reverse=True)]
    pages = [receipts_on(client, f"?page={n}") for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [GIFTS_PER_PAGE, GIFTS_PER_PAGE, 10]
    assert [uuid for page in pages for uuid in page] == newest_first
    first = client.get("/pledges/my-giving/").content.decode()
    assert f"Gifts 1 to {GIFTS_PER_PAGE} of {len(gifts)}, newest first." in first
    assert 'rel="next"' in first and "Page 1 of 3" in first
    last = client.get("/pledges/my-giving/?page=3").content.decode()
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "£7.77" not in first + last


def test_a_refund_is_shown_on_the_page_of_its_gift(client, giver):
    donor, gifts = giver
    oldest = min(gifts, key=lambda g: g.paid_at)
    Adjustment.objects.create(donation=oldest, kind="refund", stripe_id="re_1", amount_pence=-1000)
    assert (
        "Refund" not in client.get("/pledges/my-giving/").content.decode().split("Your gifts")[-1]
    )
    assert (
        "Refund"
        in client.get("/pledges/my-giving/?page=3").content.decode().split("Your gifts")[-1]
    )


@pytest.mark.parametrize("page", ["abc", "0", "-1", "999", "1e3", "%00"])
def test_any_page_number_answers_with_a_page_of_gifts(client, giver, page):
    assert len(receipts_on(client, f"?page={page}")) in (GIFTS_PER_PAGE, 10)


def test_a_few_gifts_need_no_pages(client, home):
    donor = UserFactory()
    donor.donations.create(
        kind="single", amount_pence=500, status="succeeded", paid_at=timezone.now()
    )
    client.force_login(donor)
    html = client.get("/pledges/my-giving/").content.decode()
    assert len(RECEIPT.findall(html)) == 1
    assert "govuk-pagination" not in html and "newest first." not in html


def test_the_tax_years_are_those_of_each_gifts_uk_date(client, home):
    """6 April 00:30 in London is still 5 April in UTC (summer time): that gift is in the new
    tax year, one at 23:30 on 5 April in the old one. The database's answer agrees with
    tax_year_start on each gift's UK date."""
    from zoneinfo import ZoneInfo

    from pledges.selectors import donor_tax_years, tax_year_start

    london = ZoneInfo("Europe/London")
    donor = UserFactory()
    moments = [
        dt.datetime(2024, 4, 5, 23, 30, tzinfo=london),  # tax year 2023
        dt.datetime(2025, 4, 6, 0, 30, tzinfo=london),  # 2025 (5 April 23:30 UTC)
        dt.datetime(2026, 1, 15, 12, 0, tzinfo=london),  # 2025
        dt.datetime(2026, 4, 6, 9, 0, tzinfo=london),  # 2026
        dt.datetime(1999, 4, 6, 0, 30, tzinfo=london),  # 1999, before the first boundary kept
    ]
    for when in moments:
        donor.donations.create(kind="single", amount_pence=500, status="succeeded", paid_at=when)
    donor.donations.create(kind="single", amount_pence=500, status="failed", paid_at=moments[0])
    expected = sorted({tax_year_start(m.astimezone(london).date()) for m in moments}, reverse=True)
    assert donor_tax_years(donor) == expected == [2026, 2025, 2023, 1999]
    client.force_login(donor)
    html = client.get("/pledges/my-giving/").content.decode()
    assert "Tax year 2025" in html and "6 April 2025 to 5 April 2026" in html


def test_a_gift_waiting_for_the_bank_is_first_on_either_database(client, giver):
    donor, gifts = giver
    waiting = donor.donations.create(kind="single", amount_pence=4321, status="processing")
    html = client.get("/pledges/my-giving/").content.decode()
    table = html.split("Your gifts")[-1]
    assert table.index("£43.21") < table.index("receipt/")
    assert "Waiting for your bank" in table and str(waiting.uuid) not in table  # no receipt yet


def test_the_page_counts_its_gifts_and_finds_the_first_and_last_in_one_query(giver):
    donor, gifts = giver
    span = donor_giving_span(donor)
    paid = sorted(g.paid_at for g in gifts)
    assert (span.listed, span.first, span.last) == (len(gifts), paid[0], paid[-1])
    # A gift waiting for the bank is listed (and counted) but not yet received.
    Donation.objects.create(donor=donor, kind="campaign", amount_pence=500, status="processing")
    Donation.objects.create(donor=donor, kind="campaign", amount_pence=500, status="failed")
    span = donor_giving_span(donor)
    assert (span.listed, span.first, span.last) == (len(gifts) + 1, paid[0], paid[-1])
    page = Client()
    page.force_login(donor)
    assert f"of {len(gifts) + 1}, newest first" in page.get("/pledges/my-giving/").content.decode()


def test_one_givers_gifts_are_found_without_reading_the_whole_funds(giver):
    """The first and last gift, the count and the tax years are read through the giver's own
    rows: without the by-donor index SQLite read every received gift through (status, paid_at)
    to find one giver's, a cost that grew with the fund (issue 17)."""
    donor, _ = giver
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, Donation._meta.db_table)
    assert indexes["pledges_gift_by_donor"]["columns"] == ["donor_id", "status", "paid_at"]
    if connection.vendor == "sqlite":  # PostgreSQL plans by its statistics: small tables differ
        with CaptureQueriesContext(connection) as queries:
            donor_giving_span(donor)
            donor_tax_years(donor)
        for query in queries.captured_queries:
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plan = " ".join(str(row) for row in cursor.fetchall())
            assert "pledges_gift_by_donor" in plan, (query["sql"], plan)
