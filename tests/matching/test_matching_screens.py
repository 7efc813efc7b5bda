"""Referral, the coordinator's matching screens, the volunteer's side, and the flags."""

import datetime as dt

from django.core import mail
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from matching import selectors
from matching import services as matching_services
from matching.models import Match, MatchSession, YoungPerson
from nolimits import roles
from tests.dates import date_boxes
from tests.factories import UserFactory
from tests.matching.test_matching import young_person
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import reminders
from volunteers.models import VolunteerSession

pytestmark = pytest.mark.django_db

REFERRAL = {
    "first_name": "Jo",
    "area": "Thamesbrook",
    "interests": "Football",
    "availability": "Tuesday evenings",
    "volunteer_preference": "",
    "worker_name": "Wren Worker",
    "worker_email": "wren@example.org",
    "consent": "on",
}


def born(age):
    today = timezone.localdate()
    return (today.replace(year=today.year - age) - dt.timedelta(days=10)).isoformat()


def test_a_worker_refers_without_an_account(client, home):
    response = client.post("/volunteer/refer/", {**REFERRAL, "date_of_birth": born(15)})
    assert "Referral sent" in response.content.decode()
    assert YoungPerson.objects.get().first_name == "Jo"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date_of_birth": born(30)}, "No Limits volunteers support young people aged 11 to 25"),
        ({"consent": ""}, "The young person must agree to the referral"),
        ({"worker_email": "nope"}, "Enter an email address in the correct format"),
    ],
)
def test_referral_errors_keep_what_was_typed(client, home, change, message):
    data = {k: v for k, v in {**REFERRAL, "date_of_birth": born(15), **change}.items() if v != ""}
    html = client.post("/volunteer/refer/", data).content.decode()
    assert message in html and 'value="Wren Worker"' in html
    assert not YoungPerson.objects.exists()


def test_a_robot_filling_the_trap_is_thanked_and_ignored(client, home):
    client.post(
        "/volunteer/refer/",
        {**REFERRAL, "date_of_birth": born(15), "website": "http://spam.example"},
    )
    assert not YoungPerson.objects.exists()


@pytest.fixture
def coordinator_client(client, coordinator):
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    return client


@pytest.fixture
def cleared(coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    return volunteer


def test_coordinator_picks_the_top_suggestion_and_moves_it_to_active(
    coordinator_client, home, cleared
):
    yp = young_person()
    page = coordinator_client.get(
        f"/admin/volunteering/young-people/{yp.pk}/suggestions/"
    ).content.decode()
    assert cleared.user.full_name in page and "Left out" not in page
    response = coordinator_client.post(
        f"/admin/volunteering/young-people/{yp.pk}/suggestions/",
        {"volunteer": cleared.pk, "score": "70", "action": "propose"},
    )
    match = Match.objects.get()
    assert response["Location"] == f"/admin/volunteering/match/{match.pk}/"
    coordinator_client.post(
        response["Location"],
        {
            "action": "move",
            "to": "introduced",
            "reason": "Met",
            **date_boxes("first_meeting_on", timezone.localdate()),
        },
    )
    match.refresh_from_db()
    assert match.first_meeting_on == timezone.localdate()
    coordinator_client.post(
        response["Location"], {"action": "move", "to": "active", "reason": "Going well"}
    )
    match.refresh_from_db()
    assert match.status == "active" and match.reviews.count() == 4


def test_a_hand_made_post_cannot_match_an_uncleared_volunteer(coordinator_client, home):
    yp = young_person()
    uncleared = applicant()
    coordinator_client.post(
        f"/admin/volunteering/young-people/{yp.pk}/suggestions/",
        {"volunteer": uncleared.pk, "action": "propose"},
    )
    assert not Match.objects.exists()


def test_non_coordinators_cannot_see_young_people(client, home):
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    yp = young_person()
    for url in [
        f"/admin/volunteering/young-people/{yp.pk}/suggestions/",
        "/admin/volunteering/young-people/",
        "/admin/volunteering/cohort/",
    ]:
        assert client.get(url).status_code in (302, 403), url


def test_the_cohort_screen_proposes_the_ticked_pairs(coordinator_client, home, cleared):
    yp = young_person()
    page = coordinator_client.get("/admin/volunteering/cohort/").content.decode()
    assert f'value="{yp.pk}:{cleared.pk}:' in page
    value = page.split('name="pair" value="')[1].split('"')[0]
    coordinator_client.post("/admin/volunteering/cohort/", {"pair": [value]})
    assert Match.objects.get().volunteer == cleared


def test_the_volunteer_sees_only_what_they_need_and_logs_sessions_against_the_match(
    client, home, cleared, coordinator
):
    yp = young_person(must_know="Prefers to meet in the afternoon.", worker_phone="01234")
    match = matching_services.match_propose(young_person=yp, volunteer=cleared, by=coordinator)
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=timezone.localdate(),
    )
    client.force_login(cleared.user)
    page = client.get("/volunteer/checklist/").content.decode()
    assert "Your young person: Jo" in page and "Prefers to meet in the afternoon." in page
    assert (
        "wren@example.org" not in page
        and "01234" not in page
        and str(yp.date_of_birth.year) not in page
    )
    assert "Next review: after the first meeting" in page
    client.post(
        "/volunteer/sessions/",
        {
            "with_whom": match.pk,
            "date": timezone.localdate().isoformat(),
            "minutes": "60",
            "what_happened": "Football",
        },
    )
    assert VolunteerSession.objects.get().match_link.match == match


def test_turning_18_and_quiet_matches_are_flagged(cleared, coordinator):
    yp = young_person(age=17)
    YoungPerson.objects.filter(pk=yp.pk).update(
        date_of_birth=timezone.localdate().replace(year=timezone.localdate().year - 18)
        + dt.timedelta(days=20)
    )
    match = matching_services.match_propose(young_person=yp, volunteer=cleared, by=coordinator)
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=timezone.localdate() - dt.timedelta(days=40),
    )
    matching_services.match_move(match=match, to="active", by=coordinator, reason="Going")
    assert [m for m, _ in selectors.turning_eighteen()] == [match]
    assert list(selectors.quiet_matches(days=14)) == [match]
    assert list(selectors.quiet_matches(days=30)) == [match]
    reminders.send_reminders()
    reminders.send_reminders()
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count("[No Limits] No session logged for 14 days") == 1
    assert subjects.count("[No Limits] No session logged for 30 days") == 1
    assert subjects.count("[No Limits] Jo turns 18") == 1


def test_matching_reports_render(coordinator_client, home, cleared, coordinator):
    young_person()
    for url in [
        "/admin/reports/volunteering/waiting/",
        "/admin/reports/volunteering/reviews/",
        "/admin/reports/volunteering/quiet/",
        "/admin/volunteering/young-people/",
        "/admin/volunteering/matches/",
    ]:
        assert coordinator_client.get(url).status_code == 200, url


def test_review_and_activity_lists_and_the_dashboard_panel(coordinator_client, home):
    young_person()
    for url in ["/admin/volunteering/reviews/", "/admin/volunteering/activities/"]:
        assert coordinator_client.get(url).status_code == 200, url
    html = coordinator_client.get("/admin/").content.decode()
    assert "1 young person waiting for a match" in html


def test_flags_with_frozen_time(cleared, coordinator):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 1, 10, 12, tzinfo=dt.UTC), tick=False):
        yp = young_person(age=17)
        YoungPerson.objects.filter(pk=yp.pk).update(
            date_of_birth=dt.date(2008, 3, 1)
        )  # 18 on 1 March 2026
        match = matching_services.match_propose(young_person=yp, volunteer=cleared, by=coordinator)
        matching_services.match_move(
            match=match,
            to="introduced",
            by=coordinator,
            reason="Met",
            first_meeting_on=dt.date(2026, 1, 9),
        )
        matching_services.match_move(match=match, to="active", by=coordinator, reason="Going")
        session = VolunteerSession.objects.create(
            volunteer=cleared, date=dt.date(2026, 1, 9), minutes=60, what_happened="x"
        )
        MatchSession.objects.create(session=session, match=match)
    assert selectors.turning_eighteen(today=dt.date(2026, 1, 20)) == []  # more than 30 days before
    assert [m for m, _ in selectors.turning_eighteen(today=dt.date(2026, 2, 1))] == [match]
    assert list(selectors.quiet_matches(days=14, today=dt.date(2026, 1, 22))) == []  # 13 days
    assert list(selectors.quiet_matches(days=14, today=dt.date(2026, 1, 24))) == [match]  # 15 days
    assert list(selectors.quiet_matches(days=30, today=dt.date(2026, 2, 7))) == []
    assert list(selectors.quiet_matches(days=30, today=dt.date(2026, 2, 9))) == [match]
