"""A programme lead signs in with their second factor, opens Reports → Corporate Parenting Board
report, is told plainly about a date that does not exist, then downloads the board paper for the
last reporting period: the file is a PDF with the period's figures."""

import re
from pathlib import Path

from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect
from pypdf import PdfReader

from impact.periods import Period
from nolimits import roles
from pledges.models import Donation
from tests.browser.test_volunteering import sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_programme_lead_downloads_the_board_report(page, live_server):
    base = live_server.url
    last = Period.reporting_period_containing(timezone.localdate()).previous()
    Donation.objects.create(
        donor=UserFactory(), kind="campaign", amount_pence=123_456, status="succeeded",
        paid_at=last.starts_at + (last.ends_before - last.starts_at) / 2,
    )  # fmt: skip
    lead = UserFactory(email="lead.person@example.org", roles=[roles.PROGRAMME_LEADS])
    secret = generate_totp_secret()
    TOTP.activate(lead, secret)

    sign_in(page, base, lead.email, secret)
    page.goto(base + "/admin/")
    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Corporate Parenting Board report").click()
    expect(page.get_by_role("heading", name="Corporate Parenting Board report")).to_be_visible()

    page.get_by_role("radio", name="Other dates").check()
    first = page.get_by_role("group", name=re.compile("First day"))
    first.get_by_label("Day").fill("31")
    first.get_by_label("Month").fill("2")
    first.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Download PDF").click()
    expect(page).to_have_title(re.compile("^Error: Corporate Parenting Board report"))
    summary = page.locator("#error-summary")
    expect(summary.get_by_role("link", name="The first day must be a real date")).to_be_visible()
    expect(summary.get_by_role("link", name="Enter the last day of the period")).to_be_visible()
    expect(first.get_by_label("Day")).to_have_value("31")  # what was typed is kept

    page.get_by_role("radio", name=re.compile("The last reporting period")).check()
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download PDF").click()
    download = waiting.value
    assert download.suggested_filename == (
        f"corporate-parenting-board-report-{last.start:%Y-%m-%d}-to-{last.end:%Y-%m-%d}.pdf"
    )
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF")
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(download.path()).pages).split())
    assert "Corporate Parenting Board" in words and str(last) in words
    assert "£1,234.56" in words
