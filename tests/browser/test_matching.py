"""A worker refers a young person; the coordinator picks the top suggestion and moves the match
to active; the volunteer sees their young person and logs a session."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from nolimits import roles
from tests.browser.test_volunteering import sign_in, sign_out
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant, make_cleared
from volunteers.models import Handbook, TrainingCourse, VolunteerSession

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_refer_match_and_log_a_session(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    coordinator = UserFactory(email="cc@example.org", roles=[roles.VOLUNTEER_COORDINATORS])
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    volunteer = applicant(user=UserFactory(email="val@example.org", full_name="Val Volunteer"))
    make_cleared(
        volunteer,
        coordinator=coordinator,
        mentor=UserFactory(roles=[roles.MENTORS]),
        induction=TrainingCourse.objects.get(required=True),
        handbook=Handbook.current(),
    )

    page.goto(base + "/volunteer/refer/")
    page.get_by_label("Young person's first name").fill("Jo")
    born = timezone.localdate().replace(year=timezone.localdate().year - 15) - dt.timedelta(days=30)
    dob = page.get_by_role("group", name="Date of birth")
    for box, value in (("Day", born.day), ("Month", born.month), ("Year", born.year)):
        dob.get_by_label(box).fill(str(value))
    page.get_by_label("Where do they live?").fill("Thamesbrook")
    page.get_by_label("What do they enjoy?").fill("Football and baking")
    page.get_by_label("When are they free?").fill("Tuesday evenings")
    page.get_by_label("What must a volunteer know").fill("Likes to meet somewhere busy.")
    page.get_by_label("Your name").fill("Wren Worker")
    page.get_by_label("Your work email").fill("wren@example.org")
    page.get_by_label("The young person agrees to this referral").check()
    page.get_by_role("button", name="Send referral").click()
    expect(page.get_by_role("heading", name="Referral sent")).to_be_visible()

    sign_in(page, base, "cc@example.org", secret)
    page.goto(base + "/admin/volunteering/young-people/")
    page.get_by_role("link", name="Suggestions").click()
    expect(page.get_by_role("button", name="Propose Val Volunteer")).to_be_visible()
    page.get_by_role("button", name="Propose Val Volunteer").first.click()
    expect(page.get_by_text("Match proposed")).to_be_visible()
    page.get_by_label("Move to").select_option(label="Introduced")
    page.get_by_label("Reason").fill("Met with Jo and Wren")
    page.get_by_label("First meeting (when introducing)").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Match updated.")).to_be_visible()
    page.get_by_label("Move to").select_option(label="Active")
    page.get_by_label("Reason").fill("Going well")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Match updated.")).to_be_visible()
    page.goto(base + "/admin/")
    sign_out(page, base)

    sign_in(page, base, "val@example.org")
    page.goto(base + "/volunteer/checklist/")
    expect(page.get_by_role("heading", name="Your young person: Jo")).to_be_visible()
    expect(page.get_by_text("Likes to meet somewhere busy.")).to_be_visible()
    page.get_by_role("link", name="Log a session with Jo").click()
    page.get_by_label("Who with").select_option(label="Jo")
    today = timezone.localdate()
    date = page.get_by_role("group", name="Date")
    for box, value in (("Day", today.day), ("Month", today.month), ("Year", today.year)):
        date.get_by_label(box).fill(str(value))
    page.get_by_label("How long, in minutes").fill("90")
    page.get_by_label("What did you do?").fill("Kicked a ball about in the park")
    page.get_by_role("button", name="Log this session").click()
    expect(page.get_by_text("Your session is logged.")).to_be_visible()
    assert VolunteerSession.objects.get().match.young_person.first_name == "Jo"
