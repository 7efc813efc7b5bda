"""Every public form after a mistake: the <title> says "Error: ", the error summary has focus,
each of its links moves focus to its field (the first radio or checkbox of a group, the first date
box in error), every message is also beside its field, what was typed is kept, and axe-core finds
nothing (WCAG 2.2 A/AA and best practice) in the error state. Then every page with a table, with
data in it, reflows at 320 pixels, and the header navigation folds behind a Menu button.

Forms are grouped by who fills them in, one browser per group, to keep the suite quick."""

import datetime as dt
import re
from pathlib import Path

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import Site

import pytest
from playwright.sync_api import expect

from grants.models import Application
from nolimits.models import ContentPage, User
from pledges.models import Donation, Pledge
from tests.browser.test_volunteering import sign_in, sign_out
from tests.factories import UserFactory
from volunteers import services as volunteer_services
from volunteers.models import ExpenseClaim, Opportunity, Volunteer, VolunteerSession

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _sign_in_as_demo(page, base, email):
    from nolimits.demo import DEMO_PASSWORD

    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_attached()


def _demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _axe(page) -> list[str]:
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    assert result["passes"], "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _apply(user, route: str) -> Volunteer:
    """The user applies to volunteer by `route`, with two referees."""
    return volunteer_services.volunteer_apply(
        user=user,
        route=route,
        interests="Running",
        availability="Saturdays",
        area="Thamesbrook",
        experience="",
        volunteering_in_paid_time=False,
        referees=[
            {"name": "Rita", "email": "rita@example.org", "relationship": "manager"},
            {"name": "Rob", "email": "rob@example.org", "relationship": "friend"},
        ],
    )


def _a_session_with_a_mentor(user, mentor, *, minutes: int, what_happened: str):
    """A session the user logged today, as a volunteer (applying if they are not one yet) whose
    mentor is `mentor`."""
    volunteer = Volunteer.objects.filter(user=user).first() or _apply(user, "one_to_one")
    volunteer.mentor = mentor
    volunteer.save(update_fields=["mentor"])
    return VolunteerSession.objects.create(
        volunteer=volunteer, date=timezone.localdate(), minutes=minutes, what_happened=what_happened
    )


def after_a_mistake(
    page, *, expect_messages: list[str], first_box: dict | None = None
) -> list[str]:
    """Check the error state of the page just shown; returns axe's findings (none expected)."""
    expect(page).to_have_title(re.compile(r"^Error: "))  # waits for the page to come back
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    for message in expect_messages:
        expect(summary.get_by_role("link", name=message, exact=True)).to_be_visible()
        # ... and beside its field, not only in the summary
        expect(page.locator(".govuk-error-message").filter(has_text=message).first).to_be_visible()
    links = summary.get_by_role("link")
    assert links.count() >= len(expect_messages)
    assert summary.locator("li").count() == links.count(), "an error with no field to go to"
    for i in range(links.count()):
        link = links.nth(i)
        target = link.get_attribute("href").removeprefix("#")
        link.click()
        focused = page.evaluate(
            "() => [document.activeElement.id, document.activeElement.tagName,"
            " document.activeElement.type]"
        )
        assert focused[0] == target, (link.inner_text(), focused)
        assert focused[1] in ("INPUT", "SELECT", "TEXTAREA"), (link.inner_text(), focused)
    for message, box in (first_box or {}).items():
        assert summary.get_by_role("link", name=message).get_attribute("href").endswith(box)
    return _axe(page)


def test_forms_anyone_can_use(page, live_server):
    """Create an account, sign in, refer a young person, book a come-along place."""
    _demo()
    base = live_server.url
    page.add_init_script(script=AXE)
    problems = {}

    page.goto(base + "/accounts/signup/")
    page.get_by_label("Full name").fill("Nia Newcomer")
    page.get_by_label("Email address").fill("nia@example")
    page.get_by_role("button", name="Create account").click()
    problems["sign up"] = after_a_mistake(
        page,
        expect_messages=[
            "Select which of these describes you",
            "Enter an email address in the correct format, like name@example.org",
        ],
        first_box={"Select which of these describes you": "_kind_0"},
    )
    expect(page.get_by_label("Full name")).to_have_value("Nia Newcomer")

    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill("donor@example.org")
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    wrong = page.locator(".govuk-error-summary a").first.inner_text()
    assert "password" in wrong.lower()
    problems["sign in"] = after_a_mistake(page, expect_messages=[wrong])
    assert page.locator(".govuk-error-summary a").first.get_attribute("href") == "#id_password"
    expect(page.get_by_label("Email address")).to_have_value("donor@example.org")

    page.goto(base + "/volunteer/refer/")
    born = page.get_by_role("group", name="Date of birth")
    born.get_by_label("Day").fill("31")
    born.get_by_label("Month").fill("2")
    born.get_by_label("Year").fill("2012")
    page.get_by_label("Young person's first name").fill("Wren")
    page.get_by_label("Your work email").fill("not an email")
    page.get_by_role("button", name="Send referral").click()
    problems["referral"] = after_a_mistake(
        page,
        expect_messages=[
            "The young person's date of birth must be a real date",
            "Enter an email address in the correct format, like name@example.org",
            "The young person must agree to the referral",
        ],
        first_box={"The young person's date of birth must be a real date": "_day"},
    )
    expect(page.get_by_label("Young person's first name")).to_have_value("Wren")
    expect(born.get_by_label("Day")).to_have_value("31")
    expect(born.get_by_label("Year")).to_have_value("2012")

    volunteer = _apply(UserFactory(), "come_along")
    opportunity = Opportunity.objects.create(
        volunteer=volunteer,
        title="Saturday parkrun",
        description="5k run, walk or cheer.",
        location="Thamesbrook Park",
        starts_at=timezone.now() + dt.timedelta(days=5),
        places=5,
        status=Opportunity.Status.APPROVED,
    )
    page.goto(base + f"/volunteer/come-along/{opportunity.pk}/book/")
    page.get_by_label("Young person's first name").fill("Kit")
    page.get_by_label("Their age").fill("40")
    page.get_by_role("button", name="Book a place").click()
    problems["booking"] = after_a_mistake(
        page, expect_messages=["Their age must be 30 or under", "Enter your name"]
    )
    expect(page.get_by_label("Their age")).to_have_value("40")
    assert {k: v for k, v in problems.items() if v} == {}


def test_giving_and_volunteering_forms_for_staff(page, live_server):
    """Monthly gift, campaign gift, payroll, change amount, Gift Aid, apply to volunteer."""
    _demo()
    base = live_server.url
    page.add_init_script(script=AXE)
    problems = {}
    donor = User.objects.get(email="donor@example.org")
    pledge = Pledge.objects.create(donor=donor, method="stripe", amount_pence=1000, status="active")
    _sign_in_as_demo(page, base, "donor@example.org")

    page.goto(base + "/pledges/give/")
    page.get_by_label("Yes, add Gift Aid to my gifts").check()
    page.get_by_label("First name").fill("Dana")
    page.get_by_role("button", name="Continue to payment").click()
    problems["monthly gift"] = after_a_mistake(
        page,
        expect_messages=[
            "Choose an amount, or choose another amount and type it in",
            "Enter your last name, for Gift Aid",
        ],
        first_box={"Choose an amount, or choose another amount and type it in": "_amount_choice_0"},
    )
    expect(page.get_by_label("First name")).to_have_value("Dana")

    page.goto(base + "/gift-of-giving/")
    page.get_by_role("radio", name="Another amount").check()
    page.get_by_label("Another amount, in pounds").fill("ten")
    page.get_by_role("button", name="Continue to payment").click()
    problems["campaign gift"] = after_a_mistake(
        page, expect_messages=["Enter an amount in pounds, like 10 or 7.50"]
    )
    expect(page.get_by_label("Another amount, in pounds")).to_have_value("ten")

    page.goto(base + "/pledges/give/payroll/")
    page.get_by_label("How much each month, in pounds?").fill("5")
    page.get_by_label("Employee number").fill("12")
    page.get_by_role("button", name="Give from my pay").click()
    problems["payroll"] = after_a_mistake(
        page,
        expect_messages=["Enter your employee number as it is on your payslip, like AB123456"],
    )
    expect(page.get_by_label("Employee number")).to_have_value("12")

    page.goto(base + f"/pledges/pledge/{pledge.uuid}/amount/")
    page.get_by_label("New monthly amount, in pounds").fill("5000")
    page.get_by_role("button", name="Change amount").click()
    message = page.locator(".govuk-error-summary a").first.inner_text()
    assert message.startswith("Enter an amount between")
    problems["change amount"] = after_a_mistake(page, expect_messages=[message])
    expect(page.get_by_label("New monthly amount, in pounds")).to_have_value("5000")

    page.goto(base + "/pledges/gift-aid/")
    page.get_by_label("Postcode").fill("nowhere")
    page.get_by_role("button", name="Save Gift Aid declaration").click()
    problems["Gift Aid, box not ticked"] = after_a_mistake(
        page, expect_messages=["Tick the box to confirm you want to add Gift Aid"]
    )
    page.get_by_label("Yes, I want to Gift Aid my donations").check()
    page.get_by_role("button", name="Save Gift Aid declaration").click()
    problems["Gift Aid"] = after_a_mistake(
        page,
        expect_messages=[
            "Enter your house name or number, for Gift Aid",
            "Enter a real UK postcode, like SL1 2AB",
        ],
    )
    expect(page.get_by_label("Postcode")).to_have_value("nowhere")

    page.goto(base + "/volunteer/apply/")
    page.get_by_label("What do you enjoy doing?").fill("Football and cooking")
    page.get_by_role("button", name="Send application").click()
    problems["apply to volunteer"] = after_a_mistake(
        page,
        expect_messages=[
            "Choose how you would like to give time",
            "You need to agree to the checks to volunteer with young people",
        ],
        first_box={"Choose how you would like to give time": "_route_0"},
    )
    expect(page.get_by_label("What do you enjoy doing?")).to_have_value("Football and cooking")
    assert {k: v for k, v in problems.items() if v} == {}


def test_volunteer_and_mentor_forms(page, live_server):
    """Log a session, claim expenses, offer a come-along activity, record supervision."""
    _demo()
    base = live_server.url
    page.add_init_script(script=AXE)
    problems = {}
    mentor = UserFactory(email="mo@example.org", full_name="Mo Mentor")
    user = UserFactory(email="vi@example.org", full_name="Vi Volunteer")
    session = _a_session_with_a_mentor(user, mentor, minutes=60, what_happened="Training")
    volunteer = session.volunteer
    sign_in(page, base, "vi@example.org")

    page.goto(base + "/volunteer/sessions/")
    date = page.get_by_role("group", name="Date")
    date.get_by_label("Day").fill("3")
    date.get_by_label("Year").fill("2026")
    page.get_by_label("How long, in minutes").fill("2")
    page.get_by_role("button", name="Log this session").click()
    problems["session"] = after_a_mistake(
        page,
        expect_messages=[
            "The date of the session must include a month",
            "Enter at least 5 minutes",
        ],
        first_box={"The date of the session must include a month": "_month"},
    )
    expect(date.get_by_label("Day")).to_have_value("3")

    page.goto(base + f"/volunteer/sessions/{session.pk}/claim/")
    page.get_by_role("radio", name="Mileage").check()
    page.get_by_label("Describe the cost").fill("Drive to the park")
    page.get_by_role("button", name="Send claim").click()
    # The service's "how many miles" is shown beside the miles box, not only in the summary.
    problems["expenses"] = after_a_mistake(page, expect_messages=["Enter how many miles you drove"])
    assert page.locator(".govuk-error-summary a").first.get_attribute("href") == "#id_miles"
    expect(page.get_by_label("Describe the cost")).to_have_value("Drive to the park")
    assert not ExpenseClaim.objects.exists()

    page.goto(base + "/volunteer/come-along/new/")
    page.get_by_label("What is it called?").fill("Choir")
    page.get_by_label("Youngest age").fill("16")
    page.get_by_label("Oldest age").fill("14")
    when = page.get_by_role("group", name="When does it start?")
    when.get_by_label("Day").fill("3")
    when.get_by_label("Month").fill("4")
    when.get_by_label("Year").fill(str(timezone.localdate().year + 1))
    when.get_by_label("Hour").fill("25")
    page.get_by_role("button", name="Send for checking").click()
    problems["come-along"] = after_a_mistake(
        page,
        expect_messages=[
            "The start must include a minute",
            "The oldest age must be at least the youngest age",
        ],
        first_box={"The start must include a minute": "_minute"},
    )
    expect(page.get_by_label("What is it called?")).to_have_value("Choir")
    expect(when.get_by_label("Hour")).to_have_value("25")
    sign_out(page, base)

    sign_in(page, base, "mo@example.org")
    page.goto(base + f"/volunteer/mentor/{volunteer.pk}/")
    tomorrow = timezone.localdate() + dt.timedelta(days=2)
    held = page.get_by_role("group", name="Date of the conversation")
    held.get_by_label("Day").fill(str(tomorrow.day))
    held.get_by_label("Month").fill(str(tomorrow.month))
    held.get_by_label("Year").fill(str(tomorrow.year))
    page.get_by_role("button", name="Save note").click()
    problems["supervision"] = after_a_mistake(
        page,
        expect_messages=[
            "The date of the conversation must be today or in the past",
            "Write a short note of what you talked about",
        ],
        first_box={"The date of the conversation must be today or in the past": "_day"},
    )
    expect(held.get_by_label("Day")).to_have_value(str(tomorrow.day))
    assert {k: v for k, v in problems.items() if v} == {}


def test_grant_forms_on_a_phone(phone, live_server):
    """Every step of applying, the worker's endorsement, starting one for someone, saying thanks.
    Each one-question step has the question as its <h1>."""
    _demo()
    base = live_server.url
    page = phone
    page.add_init_script(script=AXE)
    problems = {}
    UserFactory(email="jo@example.org", full_name="Jo Care", kind="young_person", directorate="")
    sign_in(page, base, "jo@example.org")
    page.goto(base + "/grant-applications/")
    page.get_by_role("button", name="Start your application").click()

    born = page.get_by_role("group", name="What is your date of birth?")
    born.get_by_label("Day").fill("1")
    born.get_by_label("Month").fill("5")
    born.get_by_label("Year").fill("0002")
    page.get_by_role("button", name="Save and continue").click()
    message = "Your date of birth must be the same as or after 1 January 1900"
    expect(page.get_by_role("heading", level=1)).to_have_text("What is your date of birth?")
    problems["date of birth"] = after_a_mistake(
        page, expect_messages=[message], first_box={message: "_day"}
    )
    expect(born.get_by_label("Year")).to_have_value("0002")
    born.get_by_label("Year").fill("2006")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("radio", name="Yes")).to_be_visible()  # the next question is here
    page.get_by_role("button", name="Save and continue").click()
    in_care = "Tell us whether you have been in care"
    problems["in care"] = after_a_mistake(
        page, expect_messages=[in_care], first_box={in_care: "_care_experienced_0"}
    )
    page.get_by_role("radio", name="Yes").check()
    page.get_by_role("button", name="Save and continue").click()

    steps = [
        ("What kind of thing is it for?", None, "Choose what kind of thing it is for", None),
        ("What do you need the money for?", "", "Tell us what the money is for", "Driving lessons"),
        (
            "How much do you need, in pounds?",
            "lots",
            "Enter an amount in pounds, like 10 or 7.50",
            "300",
        ),
        ("How will it help you?", "", "Tell us how it will help you", "I can get to work."),
    ]
    for question, bad, message, good in steps:
        expect(page.get_by_role("heading", level=1)).to_have_text(question)
        if bad is not None:
            page.get_by_label(question).fill(bad)
        page.get_by_role("button", name="Save and continue").click()
        problems[question] = after_a_mistake(page, expect_messages=[message])
        expect(page.get_by_role("heading", level=1)).to_have_text(question)
        if bad:
            expect(page.get_by_label(question)).to_have_value(bad)
        if good is None:
            page.get_by_role("radio", name=re.compile("Driving lessons")).check()
        else:
            page.get_by_label(question).fill(good)
        page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Save and continue").click()  # prices are optional
    page.get_by_label("Your worker's name").fill("Pat Adviser")
    page.get_by_label("Your worker's email").fill("pat@")
    page.get_by_role("button", name="Save and continue").click()
    problems["worker"] = after_a_mistake(
        page,
        expect_messages=["Enter an email address in the correct format, like name@example.org"],
    )
    expect(page.get_by_label("Your worker's email")).to_have_value("pat@")
    page.get_by_label("Your worker's email").fill("pat@example.org")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", name="Waiting for your worker")).to_be_visible()
    sign_out(page, base)

    link = re.search(
        r"https?://[^/\s]+(/grant-applications/endorse/\S+/)",
        next(m for m in mail.outbox if m.to == ["pat@example.org"]).body,
    ).group(1)
    page.goto(base + link)
    page.get_by_role("radio", name="Yes, I support it").check()
    page.get_by_label("Comment for the panel (optional)").fill("Jo has worked hard.")
    page.get_by_role("button", name="Send my answer").click()
    problems["endorsement"] = after_a_mistake(
        page,
        expect_messages=[
            "To support the application, confirm the young person is care experienced"
        ],
    )
    expect(page.get_by_label("Comment for the panel (optional)")).to_have_value(
        "Jo has worked hard."
    )

    _sign_in_as_demo(page, base, "worker@example.org")  # the demo's worker (Workers role)
    page.goto(base + "/grant-applications/apply-with-a-young-person/")
    page.get_by_label("The young person's full name").fill("Ash Care")
    page.get_by_role("button", name="Start").click()
    problems["start for someone"] = after_a_mistake(
        page,
        expect_messages=[
            "Enter their email address",
            "Only start an application with the young person's agreement",
        ],
    )
    expect(page.get_by_label("The young person's full name")).to_have_value("Ash Care")
    sign_out(page, base)

    application = Application.objects.get(applicant__email="jo@example.org")
    Application.objects.filter(pk=application.pk).update(status=Application.Status.PAID)
    sign_in(page, base, "jo@example.org")
    page.goto(base + f"/grant-applications/application/{application.uuid}/")
    page.get_by_label(re.compile("No Limits may share my words")).check()
    page.get_by_role("button", name="Send", exact=True).click()
    problems["thank you"] = after_a_mistake(
        page, expect_messages=["Write a few words, or leave this page"]
    )
    expect(page.get_by_label(re.compile("No Limits may share my words"))).to_be_checked()
    assert {k: v for k, v in problems.items() if v} == {}


def _overflow(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_pages_with_tables_reflow_at_320_pixels_and_the_menu_folds(browser, live_server):
    _demo()
    base = live_server.url
    donor = User.objects.get(email="donor@example.org")
    pledge = Pledge.objects.create(
        donor=donor,
        method="stripe",
        amount_pence=2500,
        status="active",
        payment_method_type="bacs_debit",
        next_payment_on=timezone.localdate() + dt.timedelta(days=20),
    )
    Pledge.objects.create(
        donor=donor,
        method="payroll",
        amount_pence=1500,
        status="active",
        employee_number="AB123456",
        payroll_start_month=timezone.localdate().replace(day=1),
    )
    paid = timezone.now() - dt.timedelta(days=3)
    for kind, amount in [("monthly", 2500), ("campaign", 12_345), ("payroll", 1500)]:
        Donation.objects.create(
            donor=donor,
            kind=kind,
            amount_pence=amount,
            status="succeeded",
            paid_at=paid,
            pledge=pledge if kind == "monthly" else None,
        )
    mentor = User.objects.get(email="mentor@example.org")
    user = User.objects.get(email="volunteer@example.org")
    session = _a_session_with_a_mentor(user, mentor, minutes=90, what_happened="Cooking")
    ExpenseClaim.objects.create(
        session=session,
        kind="mileage",
        description="Drive to the community kitchen and back",
        miles=12,
        amount_pence=540,
        decision_reason="",
    )
    from tests.browser.conftest import _keep_on_loopback

    table_page = ContentPage(
        title="Gift Aid in figures",
        slug="gift-aid-in-figures",
        intro="What Gift Aid adds.",
        body=[
            {
                "type": "table",
                "value": {
                    "data": [
                        ["Your gift each month", "Gift Aid the fund claims", "Over a year"],
                        ["£10", "£2.50", "£150 including Gift Aid"],
                        ["£25", "£6.25", "£375 including Gift Aid"],
                    ],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "What Gift Aid adds",
                },
            }
        ],
    )
    Site.objects.get(is_default_site=True).root_page.add_child(instance=table_page)
    table_page.save_revision().publish()

    def context(width, javascript=True):
        ctx = browser.new_context(
            viewport={"width": width, "height": 740},
            locale="en-GB",
            timezone_id="Europe/London",
            java_script_enabled=javascript,
        )
        ctx.route("**/*", _keep_on_loopback)
        return ctx, ctx.new_page()

    ctx, page = context(320)
    wide = {}
    for email, paths in [
        ("donor@example.org", ["/pledges/my-giving/", f"/pledges/statement/{_tax_year()}/"]),
        ("volunteer@example.org", ["/volunteer/sessions/"]),
        ("mentor@example.org", ["/volunteer/mentor/"]),
    ]:
        _sign_in_as_demo(page, base, email)
        for path in paths:
            page.goto(base + path)
            assert page.locator("table tbody tr").count() >= 1, f"{path} has no rows to test"
            wide[path] = _overflow(page)
        page.goto(base + "/accounts/logout/")
        page.get_by_role("button", name="Sign out").click()
    for path in _pages_with_table_blocks():
        page.goto(base + path)
        wide[path] = _overflow(page)
    assert {p: w for p, w in wide.items() if w > 0} == {}
    ctx.close()

    # The header navigation on a 360-pixel phone: behind a Menu button with JavaScript ...
    ctx, page = context(360)
    page.goto(base + "/")
    nav = page.get_by_role("navigation", name="Main")
    menu = nav.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(nav.get_by_role("link", name="Give money", exact=True)).to_be_hidden()
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 740 / 2
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Give money", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give money")
    ctx.close()
    # ... and without JavaScript the links are simply there, and the page still starts on screen.
    ctx, page = context(360, javascript=False)
    page.goto(base + "/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("button", name="Menu")).to_be_hidden()
    nav.get_by_role("link", name="Give time", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Give time")
    assert page.get_by_role("heading", level=1).bounding_box()["y"] < 740
    assert _overflow(page) <= 0
    ctx.close()


def _tax_year() -> int:
    today = timezone.localdate()
    return today.year if (today.month, today.day) >= (4, 6) else today.year - 1


def _pages_with_table_blocks() -> list[str]:
    """Every published page whose body has an editor's table in it (with rows)."""
    from wagtail.models import Page

    found = []
    for page in Page.objects.live().specific():
        body = getattr(page, "body", None)
        if body is not None and any(block.block_type == "table" for block in body):
            found.append(page.url)
    assert found, "no page with a table to test"
    return found
