"""On a 360-pixel phone: a young person applies, the worker endorses through the emailed link,
a panel member reviews, the chair approves, finance records the payment, and the applicant's
status page says paid. Then the "more information" loop, and a young panellist's view of an
application with its history."""

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
from tests.dates import fill_date
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
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("link", name="Back").click()  # every question has a Back link
    expect(page.get_by_role("radio", name="Yes")).to_be_checked()
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

    application = Application.objects.get(applicant__email="jo@example.org")
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
    today = timezone.localdate()
    # The demo has other approved grants waiting (its history): this one is the newest, first.
    form = page.get_by_role("form", name=re.compile("^" + re.escape(application.reference)))
    paid_on = form.get_by_role("group", name="Paid on")
    expect(paid_on.get_by_label("Day")).to_have_value(str(today.day))
    expect(paid_on.get_by_label("Month")).to_have_value(str(today.month))
    expect(paid_on.get_by_label("Year")).to_have_value(str(today.year))
    expect(paid_on).to_contain_text("For example, 27 3 2026")
    form.get_by_label("Payment reference").fill("BACS-123")
    paid_on.get_by_label("Day").fill("31")
    paid_on.get_by_label("Month").fill("2")
    form.get_by_role("button", name="Record payment").click()
    expect(page).to_have_title(re.compile("^Error: Grant payments"))
    summary = page.locator("#error-summary")
    expect(
        summary.get_by_role("link", name="The date it was paid must be a real date")
    ).to_be_visible()
    expect(paid_on).to_contain_text("The date it was paid must be a real date")  # beside it
    expect(paid_on.get_by_label("Day")).to_have_value("31")  # what was typed is kept
    expect(form.get_by_label("Payment reference")).to_have_value("BACS-123")
    summary.get_by_role("link", name="The date it was paid must be a real date").click()
    expect(paid_on.get_by_label("Day")).to_be_focused()
    fill_date(form, "Paid on", today)
    form.get_by_role("button", name="Record payment").click()
    expect(page.get_by_text(f"Payment recorded for {application.reference}.")).to_be_visible()
    application.refresh_from_db()
    assert application.payment.paid_on == today
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
    expect(page.get_by_text("Question 1 of 9")).to_be_visible()
    born = page.get_by_role("group", name="What is your date of birth?")
    born.get_by_label("Day").focus()
    for part in ("1", "5", "2006"):  # the GOV.UK date input: Day, Month, Year boxes
        page.keyboard.type(part)
        page.keyboard.press("Tab")
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 2 of 9")).to_be_visible()
    page.get_by_role("radio", name="Yes").focus()
    page.keyboard.press("Space")  # the first radio: Yes
    focused = page.evaluate("document.activeElement.value")
    assert focused == "yes"
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 3 of 9")).to_be_visible()
    page.get_by_role("radio", name=re.compile("Hobbies")).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and continue").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Question 4 of 9")).to_be_visible()
    application = Application.objects.get()
    assert application.care_experienced is True and application.category.name == "Hobbies"
    assert str(application.date_of_birth) == "2006-05-01"


def test_more_information_round_trip_and_a_young_panellists_view(phone, live_server):
    """The chair asks for more information; the applicant reads it, changes an answer and sends
    again; a young panellist then opens the application and its history: no email, no worker's
    name; the chair decides."""
    import datetime as dt

    from grants import services
    from grants.models import Category

    base = live_server.url
    page = phone
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=100_000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    category = Category.objects.create(name="Work", slug="work", max_amount_pence=30_000)
    jo = UserFactory(
        email="jo@example.org", full_name="Jo Care", kind="young_person", directorate=""
    )
    secrets = {}
    people = {}
    for email, groups, kind in [
        ("gp-chair@example.org", [roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS], "staff"),
        ("gp-young@example.org", [roles.GRANTS_PANEL], "young_person"),
    ]:
        extra = {"kind": kind, "directorate": ""} if kind == "young_person" else {}
        people[email] = UserFactory(email=email, roles=groups, **extra)
        secrets[email] = generate_totp_secret()
        TOTP.activate(people[email], secrets[email])
    application = services.application_start(applicant=jo)
    services.application_save_step(
        application=application,
        by=jo,
        date_of_birth=dt.date(2006, 5, 1),
        care_experienced=True,
        category=category,
        what_for="Work boots and a uniform",
        amount_pence=12_000,
        how_it_helps="I start as an apprentice in January.",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
    )
    services.application_submit(application=application, by=jo)
    token = re.search(
        r"/grant-applications/endorse/(\S+)/",
        next(m for m in mail.outbox if m.to == ["wren@example.org"]).body,
    ).group(1)
    services.endorsement_record(
        token=token, endorsed=True, care_experienced_confirmed=True, comment="Reliable"
    )

    chair = "gp-chair@example.org"
    sign_in(page, base, chair, secrets[chair])
    page.goto(base + f"/admin/grants/application/{application.pk}/")
    page.get_by_label("My recommendation").select_option(label="Needs more information")
    page.get_by_role("button", name="Save my review").click()
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()
    page.get_by_label("Outcome").select_option(label="Ask for more information")
    page.get_by_label("Message to the applicant").fill("Which shop are the boots from?")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded and sent to the applicant.")).to_be_visible()
    page.goto(base + "/admin/")
    sign_out(page, base)

    sign_in(page, base, "jo@example.org")
    page.goto(base + f"/grant-applications/application/{application.uuid}/")
    expect(
        page.get_by_role("heading", name="The panel needs a bit more information")
    ).to_be_visible()
    expect(page.get_by_text("Which shop are the boots from?", exact=True)).to_be_visible()
    expect(
        page.get_by_text("We asked Wren, your worker, to support your application.")
    ).to_be_visible()
    page.get_by_role("link", name="Change your answers").click()
    page.get_by_role("link", name=re.compile("Change.*prices or links")).click()
    page.get_by_label("Prices or links (optional)").fill("Safety Boots Ltd, £85; uniform £35")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Send application again").click()
    expect(
        page.get_by_role("heading", name="The panel is looking at your application")
    ).to_be_visible()
    expect(page.get_by_text("You sent your application again")).to_be_visible()
    sign_out(page, base)

    young = "gp-young@example.org"
    sign_in(page, base, young, secrets[young])
    page.goto(base + "/admin/")
    page.get_by_role("link", name=re.compile("1 application waiting for your review")).click()
    page.get_by_role("link", name="Open").click()
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    expect(page.get_by_text("We asked their worker to support the application.")).to_be_visible()
    expect(page.get_by_text("sent the application again with more information")).to_be_visible()
    main = page.locator("main").inner_text()
    assert "@" not in main and "Wren" not in main and "Jo Care" not in main
    assert "Safety Boots Ltd" in main
    page.get_by_label("My recommendation").select_option(label="Yes")
    page.get_by_role("button", name="Save my review").click()
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()
    page.goto(base + "/admin/")
    sign_out(page, base)
    application.refresh_from_db()
    assert application.status == "in_review" and application.reviews.count() == 2
