"""On a 360-pixel phone: a young person applies, the worker endorses through the emailed link,
a panel member reviews, the chair approves, finance records the payment, and the applicant's
status page says paid."""

import re

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from grants.models import Application
from nolimits import roles
from pledges.models import Donation
from tests.browser.test_volunteering import sign_in, sign_out
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_apply_endorse_review_approve_pay(phone, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    page = phone
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=100_000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    UserFactory(email="jo@example.org", full_name="Jo Care", kind="young_person", directorate="")
    staff = {}
    for email, groups in [
        ("gp-member@example.org", [roles.GRANTS_PANEL]),
        ("gp-chair@example.org", [roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS]),
        ("gp-money@example.org", [roles.FINANCE]),
    ]:
        user = UserFactory(email=email, roles=groups)
        staff[email] = generate_totp_secret()
        TOTP.activate(user, staff[email])

    sign_in(page, base, "jo@example.org")
    page.goto(base + "/grant-applications/")
    page.get_by_role("button", name="Start your application").click()
    born = page.get_by_role("group", name="What is your date of birth?")
    born.get_by_label("Day").fill("1")
    born.get_by_label("Month").fill("5")
    born.get_by_label("Year").fill("2006")
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("radio", name=re.compile("Driving lessons")).check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("What do you need the money for?").fill("Ten driving lessons")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("How much do you need, in pounds?").fill("300")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("How will it help you?").fill("I can get to my apprenticeship on time.")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # prices are optional
    page.get_by_label("Your worker's name").fill("Pat Adviser")
    page.get_by_label("Your worker's email").fill("pat@example.org")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= 360
    )  # nothing wider than the phone
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="Waiting for your worker")).to_be_visible()
    sign_out(page, base)

    link = re.search(
        r"https?://[^/\s]+(/grant-applications/endorse/\S+/)",
        next(m for m in mail.outbox if m.to == ["pat@example.org"]).body,
    ).group(1)
    page.goto(base + link)
    page.get_by_role("radio", name="Yes, I support it").check()
    page.get_by_label("I confirm this young person is care experienced").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.get_by_text("Your answer is recorded")).to_be_visible()

    application = Application.objects.get()
    for email, actions in [("gp-member@example.org", "review"), ("gp-chair@example.org", "decide")]:
        sign_in(page, base, email, staff[email])
        page.goto(base + f"/admin/grants/application/{application.pk}/")
        if actions == "review":
            page.get_by_label("My recommendation").select_option(label="Yes")
            page.get_by_role("button", name="Save my review").click()
            expect(page.get_by_text("Your review is recorded.")).to_be_visible()
        else:
            page.get_by_label("Outcome").select_option(label="Approve (all or part)")
            page.get_by_label("Amount to give (pounds)").fill("300")
            page.get_by_label("Message to the applicant").fill("Good luck with your test, Jo!")
            page.get_by_role("button", name="Record decision").click()
            expect(page.get_by_text("Decision recorded and sent to the applicant.")).to_be_visible()
        page.goto(base + "/admin/")
        sign_out(page, base)

    sign_in(page, base, "gp-money@example.org", staff["gp-money@example.org"])
    page.goto(base + "/admin/grants/payments/")
    page.get_by_label("Paid on").fill(timezone.localdate().isoformat())
    page.get_by_label("Reference").fill("BACS-123")
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_text(f"Payment recorded for {application.reference}.")).to_be_visible()
    page.goto(base + "/admin/")
    sign_out(page, base)

    sign_in(page, base, "jo@example.org")
    page.goto(base + f"/grant-applications/application/{application.uuid}/")
    expect(page.get_by_role("heading", name="Paid", exact=True)).to_be_visible()
    expect(page.get_by_text("Good luck with your test, Jo!")).to_be_visible()


def test_the_first_questions_work_with_a_keyboard_alone(phone, live_server):
    from grants.models import Category

    Category.objects.create(name="Hobbies", slug="hobbies", max_amount_pence=20_000)
    UserFactory(email="kim@example.org", full_name="Kim Care", kind="young_person", directorate="")
    page = phone
    base = live_server.url
    sign_in(page, base, "kim@example.org")
    page.goto(base + "/grant-applications/")
    page.get_by_role("button", name="Start your application").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 1 of 8")).to_be_visible()
    born = page.get_by_role("group", name="What is your date of birth?")
    born.get_by_label("Day").focus()
    for part in ("1", "5", "2006"):  # the GOV.UK date input: Day, Month, Year boxes
        page.keyboard.type(part)
        page.keyboard.press("Tab")
    for _ in range(3):  # on to the first radio
        if page.evaluate("document.activeElement.name") == "care_experienced":
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first radio: Yes
    focused = page.evaluate("document.activeElement.value")
    assert focused == "yes"
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 2 of 8")).to_be_visible()
    page.keyboard.press("Tab")
    page.get_by_role("radio", name=re.compile("Hobbies")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 3 of 8")).to_be_visible()
    application = Application.objects.get()
    assert application.care_experienced is True and application.category.name == "Hobbies"
    assert str(application.date_of_birth) == "2006-05-01"
