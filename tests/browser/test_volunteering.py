"""A member of staff applies to volunteer; each referee answers online by their emailed link; a
coordinator (signing in with two-factor) follows the file's next step: interview, DBS, training,
a mentor, then Approve; the volunteer's checklist shows them cleared; then their training
expires and they are no longer cleared."""

import time

from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from playwright.sync_api import expect

from nolimits import roles
from tests.dates import fill_date
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, base, email, secret=None):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if secret:
        code = page.get_by_label("Code")
        code.wait_for()
        # allauth accepts only the current 30-second window (no tolerance), so a code made
        # just before the window turns is refused: wait for the next window instead.
        if time.time() % 30 > 25:
            time.sleep(30 - time.time() % 30 + 0.5)
        code.fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
        page.get_by_role("button", name="Sign In").click()
        expect(page.get_by_label("Code")).to_have_count(0)


def sign_out(page, base):
    page.goto(base + "/accounts/logout/")
    page.get_by_role("button", name="Sign out").click()


def action(page, name):
    return page.locator("form.nl-admin-action").filter(
        has=page.locator(f"input[name=action][value={name}]")
    )


def test_apply_clear_and_expire(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    UserFactory(email="val@example.org", full_name="Vik Newcomer")
    UserFactory(email="mo@example.org", full_name="Mo Mentor", roles=[roles.MENTORS])
    secret = generate_totp_secret()
    TOTP.activate(
        UserFactory(
            email="cc@example.org",
            full_name="Cass Coordinator",
            roles=[roles.VOLUNTEER_COORDINATORS],
        ),
        secret,
    )

    sign_in(page, base, "val@example.org")
    page.goto(base + "/volunteer/apply/")
    page.get_by_role("radio", name="One-to-one time with a young person").check()
    page.get_by_label("What do you enjoy doing?").fill("Football and cooking")
    page.get_by_label("When could you give time?").fill("Tuesday evenings")
    page.get_by_label("Where do you live or work?").fill("Thamesbrook")
    for n, (name, email, rel) in enumerate(
        [
            ("Rita Referee", "rita@example.org", "Line manager"),
            ("Rob Referee", "rob@example.org", "Friend"),
        ],
        1,
    ):
        group = page.get_by_role("group", name="First referee" if n == 1 else "Second referee")
        group.get_by_label("Full name").fill(name)
        group.get_by_label("Email address").fill(email)
        group.get_by_label("How do they know you?").fill(rel)
    page.get_by_label("I agree to an enhanced DBS check, references and an interview").check()
    page.get_by_label("I agree that No Limits keeps these details").check()
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your volunteering checklist")
    expect(page.get_by_text("Your DBS check has not been recorded yet")).to_be_visible()
    page.get_by_role("button", name="I have read and accept the handbook").click()
    sign_out(page, base)

    # Each referee answers online, by the signed link in their email (no account).
    import re

    from django.core import mail

    links = [
        re.search(r"https?://\S+(/volunteer/reference/\S+/)", m.body).group(1)
        for m in mail.outbox
        if "Please give a reference" in m.subject
        and m.to[0] in ("rita@example.org", "rob@example.org")
    ]
    assert len(links) == 2
    for link in links:
        page.goto(base + link)
        page.get_by_label("How do you know them, and for how long?").fill("Colleague, 6 years")
        page.get_by_role("radio", name="Yes").check()
        page.get_by_role("button", name="Send the reference").click()
        expect(page.get_by_role("heading", name="Reference sent")).to_be_visible()

    sign_in(page, base, "cc@example.org", secret)
    page.goto(base + "/admin/volunteering/volunteers/")
    page.get_by_role("row").filter(has_text="Vik Newcomer").get_by_role(
        "link", name="Open file"
    ).click()
    expect(page.get_by_text("Hold the interview, then record it.")).to_be_visible()
    expect(page.get_by_text("Colleague, 6 years").first).to_be_visible()
    today = timezone.localdate()
    fill_date(action(page, "interview"), "Interview held on", today)
    action(page, "interview").get_by_role("button", name="Record interview").click()
    expect(page.get_by_text("Record their DBS certificate when it arrives.")).to_be_visible()
    form = action(page, "dbs")
    form.get_by_label("Level").select_option(label="Enhanced with barred list(s)")
    form.get_by_label("Workforce").select_option(label="Child and adult")
    form.get_by_label("Children's barred list checked").check()
    form.get_by_label("Certificate number").fill("001234567890")
    fill_date(form, "Issue date", today)
    form.get_by_role("button", name="Record DBS certificate").click()
    expect(page.get_by_text("DBS certificate recorded.")).to_be_visible()
    form = action(page, "decide")
    expect(form.get_by_role("radio", name="Accepted", exact=True)).not_to_be_checked()
    form.get_by_role("radio", name="Accepted", exact=True).check()
    form.get_by_role("button", name="Record decision").click()
    form = action(page, "training")
    form.get_by_label("Course").select_option(label="2-day induction with safeguarding")
    fill_date(form, "Completed on", today)
    form.get_by_role("button", name="Record training").click()
    form = action(page, "mentor")
    form.get_by_label("Staff mentor").select_option(label="Mo Mentor")
    form.get_by_role("button", name="Assign mentor").click()
    expect(page.get_by_text("Everything is in place: approve them.")).to_be_visible()
    action(page, "approve").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Cleared to meet young people.")).to_be_visible()
    page.goto(base + "/admin/")  # leave the admin before signing out
    sign_out(page, base)

    sign_in(page, base, "val@example.org")
    page.goto(base + "/volunteer/checklist/")
    expect(page.get_by_text("You are cleared to meet young people")).to_be_visible()

    from volunteers.models import TrainingRecord

    TrainingRecord.objects.update(expires_on=timezone.localdate())  # three years on, it runs out
    page.reload()
    expect(
        page.get_by_text("You are not cleared to meet young people on your own yet.")
    ).to_be_visible()
    expect(page.get_by_text("Your 2-day induction with safeguarding expired on")).to_be_visible()
