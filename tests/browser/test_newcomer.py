"""A newcomer finds their way round, creates an account, confirms their email and signs in."""

import re

from django.core import mail
from django.core.management import call_command

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_newcomer_finds_the_main_pages_signs_up_and_signs_in(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Do something for our children")

    main_nav = page.get_by_role("navigation", name="Main")
    for link, heading in [
        ("Give money", "Give money"),
        ("Give time", "Give time"),
        ("Apply for a grant", "Apply for a grant"),
    ]:
        main_nav.get_by_role("link", name=link, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    # "Apply for a grant" is the fund's own page, listing what young people can ask for; "Come
    # along" lists the activities to come (the demo's history, issue 15).
    expect(page.get_by_role("heading", name="What you can ask for")).to_be_visible()
    expect(page.get_by_text("Driving lessons", exact=True)).to_be_visible()
    main_nav.get_by_role("link", name="Come along", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Come along")
    expect(page.get_by_text(re.compile(r"\d+ places, \d+ booked")).first).to_be_visible()

    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_role("radio", name="Council staff").check()
    page.get_by_label("Directorate (council staff only)").select_option(label="Children's services")
    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Create a password").fill("a-long-enough-secret")
    page.get_by_label("Type your password again").fill("a-long-enough-secret")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mail.outbox[-1].body).group(
        1
    )
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email address").fill("nia@example.org")
    page.get_by_label("Password", exact=True).fill("a-long-enough-secret")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Signed in as Nia", exact=True)).to_be_visible()
    expect(page.get_by_text("Successfully signed in as Nia Newcomer.")).to_be_visible()

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
