"""On the demo (with its settings row saved, as after use): a worker refers a young person; the
coordinator picks the top suggestion and moves the match to active; the volunteer sees their young
person, logs a session and claims mileage; the coordinator approves the claim and the volunteer is
told; then the coordinator runs the cohort screen for the young people still waiting."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from nolimits import roles
from tests.browser.test_volunteering import sign_in, sign_out
from tests.dates import fill_date
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant, make_cleared
from volunteers.models import Handbook, TrainingCourse, VolunteerSession

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_refer_match_and_log_a_session(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from wagtail.models import Site

    from volunteers.models import VolunteeringSettings

    VolunteeringSettings.for_site(Site.objects.get(is_default_site=True)).save()
    base = live_server.url
    coordinator = UserFactory(email="cc@example.org", roles=[roles.VOLUNTEER_COORDINATORS])
    secret = generate_totp_secret()
    TOTP.activate(coordinator, secret)
    volunteer = applicant(user=UserFactory(email="val@example.org", full_name="Vik Newcomer"))
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
    page.goto(base + "/admin/volunteering/young-people/?q=wren@example.org")
    page.get_by_role("link", name="Suggestions").click()
    expect(page.get_by_role("button", name="Propose Vik Newcomer")).to_be_visible()
    page.get_by_role("button", name="Propose Vik Newcomer").first.click()
    expect(page.get_by_text("Match proposed")).to_be_visible()
    page.get_by_label("Move to").select_option(label="Introduced")
    page.get_by_label("Reason").fill("Met with Jo and Wren")
    fill_date(page, "First meeting (when introducing)", timezone.localdate())
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
    logged = VolunteerSession.objects.get(what_happened="Kicked a ball about in the park")
    assert logged.match_link.match.young_person.first_name == "Jo"

    # past the session: a mileage claim, decided by the coordinator, and the volunteer told
    page.get_by_role("link", name="Claim expenses").first.click()
    page.get_by_role("radio", name="Mileage").check()
    page.get_by_label("Describe the cost").fill("Drive to the park and back")
    page.get_by_label("Miles driven (for mileage)").fill("8")
    page.get_by_role("button", name="Send claim").click()
    expect(page.get_by_text("Your claim is sent.")).to_be_visible()
    sign_out(page, base)

    from django.core import mail
    from django.core.cache import cache

    cache.clear()  # the first sign-in's one-time code counts as used for its 30 seconds
    sign_in(page, base, "cc@example.org", secret)
    page.goto(base + "/admin/volunteering/expenses-to-decide/")
    page.get_by_role("row").filter(has_text="Vik Newcomer").get_by_role(
        "button", name="Approve"
    ).click()
    expect(page.get_by_text("Claim decided.")).to_be_visible()
    assert any(
        m.to == ["val@example.org"] and m.subject == "[No Limits] Your expense claim is approved"
        for m in mail.outbox
    )

    # the cohort screen: the demo's waiting young people, proposed together, still one each
    from matching.models import Match, YoungPerson

    page.goto(base + "/admin/volunteering/cohort/")
    expect(page.get_by_role("heading", name="Match a cohort")).to_be_visible()
    ticks = page.get_by_role("checkbox")
    assert ticks.count() >= 2
    page.get_by_role("button", name="Propose the ticked matches").click()
    expect(page.get_by_text("matches proposed")).to_be_visible()
    assert (
        not YoungPerson.objects.filter(status="waiting")
        .exclude(matches__status__in=Match.OPEN)
        .filter(first_name__in=["Jordan", "Priya"])
        .exists()
    )
    for young_person in YoungPerson.objects.all():
        assert young_person.matches.filter(status__in=Match.OPEN).count() <= 1
