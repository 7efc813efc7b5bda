"""A member of staff pledges £10 a month with Gift Aid through the demo gateway, sees it active
in My giving, changes it to £15 and cancels it."""

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_pledge_change_and_cancel_in_the_demo_gateway(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    UserFactory(email="sam@example.org", full_name="Sam Staff")
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill("sam@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Give money", exact=True
    ).click()
    page.get_by_role("button", name="Start giving").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give every month")
    page.get_by_role("radio", name="£10 a month").check()
    page.get_by_label("Yes, add Gift Aid to my gifts").check()
    page.get_by_label("First name").fill("Sam")
    page.get_by_label("Last name").fill("Staff")
    page.get_by_label("House name or number").fill("7")
    page.get_by_label("Postcode").fill("sl1 2ab")
    page.get_by_role("button", name="Continue to payment").click()

    expect(page.get_by_text("Demo — no real money.")).to_be_visible()
    page.get_by_role("button", name="Pay by card (demo)").click()
    expect(page.get_by_text("Your monthly gift of £10 is set up")).to_be_visible()

    page.get_by_role("link", name="See and change your giving").click()
    row = page.get_by_role("row").filter(has_text="£10 a month")
    expect(row.get_by_text("Active")).to_be_visible()
    expect(page.get_by_text("Gift Aid is added to your gifts")).to_be_visible()

    row.get_by_role("link", name="Change amount").click()
    page.get_by_label("New monthly amount, in pounds").fill("15")
    page.get_by_role("button", name="Change amount").click()
    expect(page.get_by_text("Your monthly gift is now £15.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="£15 a month")
    expect(row.get_by_text("Active")).to_be_visible()

    row.get_by_role("link", name="Cancel").click()
    page.get_by_role("button", name="Yes, cancel my gift").click()
    expect(page.get_by_text("Your monthly gift has been cancelled.")).to_be_visible()
    expect(
        page.get_by_role("row").filter(has_text="£15 a month").get_by_text("Cancelled")
    ).to_be_visible()
