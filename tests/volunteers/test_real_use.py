"""Volunteering and matching as they are used: a saved settings row, one open match per young
person, a paused volunteer, the coordinator's file, the workflow emails, calendar-true reviews,
bad admin input, reports that stay fast, and the children's barred-list rule."""

import datetime as dt
import random
import re

from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from matching import cohort, suggestions
from matching import services as matching_services
from matching.models import Match, YoungPerson
from nolimits import roles
from tests.factories import UserFactory
from tests.matching.test_matching import young_person
from tests.volunteers.conftest import applicant, make_cleared
from tests.volunteers.services.test_come_along import fields as activity_fields
from volunteers import services
from volunteers.clearance import Context, clearance, cleared_for
from volunteers.models import (
    DBSCheck,
    DBSStatusCheck,
    Reference,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
    add_months,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    return client


@pytest.fixture
def cleared(coordinator, mentor, induction, handbook):
    def make(**fields):
        volunteer = applicant()
        make_cleared(
            volunteer,
            coordinator=coordinator,
            mentor=mentor,
            induction=induction,
            handbook=handbook,
            **fields,
        )
        return volunteer

    return make


@pytest.fixture
def settings_row(home):
    """The row the first volunteer who opens the expense form creates."""
    from wagtail.models import Site

    row = VolunteeringSettings.for_site(Site.objects.get(is_default_site=True))
    row.save()
    return row


# --- 1. Matching never crashes; the weights are real settings ---------------------------------


def test_every_matching_screen_answers_with_the_settings_row_saved(
    coordinator_client, coordinator, settings_row, cleared
):
    volunteer = cleared()
    yp = young_person()
    assert VolunteeringSettings.objects.count() == 1
    page = coordinator_client.get(f"/admin/volunteering/young-people/{yp.pk}/suggestions/")
    assert page.status_code == 200 and escape(volunteer.user.full_name) in page.content.decode()
    cohort = coordinator_client.get("/admin/volunteering/cohort/")
    assert cohort.status_code == 200 and escape(volunteer.user.full_name) in cohort.content.decode()
    match = matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    assert coordinator_client.get(f"/admin/volunteering/match/{match.pk}/").status_code == 200
    for report in ("waiting", "reviews", "quiet"):
        assert coordinator_client.get(f"/admin/reports/volunteering/{report}/").status_code == 200


def test_the_weights_saved_in_settings_change_the_score(settings_row, cleared):
    volunteer = cleared()
    yp = young_person(interests="chess", availability="Tuesday evenings")  # no shared interests
    settings_row.weight_interests, settings_row.weight_availability = 0, 100
    settings_row.weight_area = 0
    settings_row.full_clean()
    settings_row.save()
    ranked, _ = suggestions.suggest(yp)
    assert ranked[0].volunteer == volunteer
    assert ranked[0].breakdown == {"interests": 0, "availability": 100, "area": 0}


def test_weights_must_be_whole_numbers_and_not_all_zero(settings_row):
    settings_row.weight_interests = settings_row.weight_availability = 0
    settings_row.weight_area = 0
    with pytest.raises(ValidationError, match="At least one matching weight"):
        settings_row.full_clean()
    settings_row.weight_area = 101
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        settings_row.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteeringSettings.objects.filter(pk=settings_row.pk).update(
            weight_interests=0, weight_availability=0, weight_area=0
        )


def test_the_settings_form_refuses_all_zero_weights_with_a_message(client, home, settings_row):
    admin = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin, generate_totp_secret())
    client.force_login(admin)
    url = f"/admin/settings/volunteers/volunteeringsettings/{settings_row.site_id}/"
    form = client.get(url)
    assert (
        form.status_code == 200 and "weight for shared interests" in form.content.decode().lower()
    )
    data = {
        "dbs_recheck_years": 3,
        "max_expense_claim_pence": "50",
        "max_expenses_per_month_pence": "£100",
        "mileage_rate_pence": 45,
        "reference_link_days": 28,
        "weight_interests": 0,
        "weight_availability": 0,
        "weight_area": 0,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "At least one matching weight must be more than 0" in response.content.decode()
    response = client.post(url, {**data, "weight_interests": "abc"})
    assert "Enter a whole number" in response.content.decode()
    # The expense limits are typed in pounds; anything else is refused and kept.
    response = client.post(url, {**data, "weight_interests": 50, "max_expense_claim_pence": "5O"})
    assert "Enter an amount in pounds" in response.content.decode()
    assert 'value="5O"' in response.content.decode()
    response = client.post(url, {**data, "weight_interests": 50})
    assert response.status_code == 302
    settings_row.refresh_from_db()
    assert (settings_row.max_expense_claim_pence, settings_row.max_expenses_per_month_pence) == (
        5000,
        10_000,
    )
    assert 'value="50"' in client.get(url).content.decode()


# --- 2. One young person, one open match ------------------------------------------------------


def test_proposing_moves_the_young_person_out_of_waiting_and_nobody_else_is_offered(
    coordinator, cleared
):
    first, second = cleared(), cleared()
    yp = young_person()
    matching_services.match_propose(young_person=yp, volunteer=first, by=coordinator)
    yp.refresh_from_db()
    assert yp.status == YoungPerson.Status.MATCHED
    assert suggestions.suggest(yp) == ([], {})
    assert cohort.propose_cohort([yp]) == []
    with pytest.raises(ValidationError, match="already has a match"):
        matching_services.match_propose(young_person=yp, volunteer=second, by=coordinator)
    assert Match.objects.count() == 1


def test_the_database_refuses_a_second_open_match(coordinator, cleared):
    first, second = cleared(), cleared()
    yp = young_person()
    matching_services.match_propose(young_person=yp, volunteer=first, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Match.objects.create(young_person=yp, volunteer=second, proposed_by=coordinator)


def test_the_cohort_screen_leaves_out_young_people_already_matched(coordinator_client, cleared):
    volunteer = cleared()
    matched = young_person(first_name="Ana")
    young_person(first_name="Ben")
    matching_services.match_propose(
        young_person=matched,
        volunteer=cleared(),
        by=volunteer.mentor.__class__.objects.get(pk=coordinator_client.session["_auth_user_id"]),
    )
    # an old row still marked waiting while its match is open must not be offered either
    YoungPerson.objects.filter(pk=matched.pk).update(status="waiting")
    page = coordinator_client.get("/admin/volunteering/cohort/").content.decode()
    assert "Ben" in page and ">Ana<" not in page


def test_closing_with_wants_a_new_match_puts_them_back(coordinator, cleared):
    yp = young_person()
    match = matching_services.match_propose(young_person=yp, volunteer=cleared(), by=coordinator)
    matching_services.match_move(
        match=match,
        to="closed",
        by=coordinator,
        reason="Not right",
        young_person_wants_new_match=True,
    )
    yp.refresh_from_db()
    assert yp.status == YoungPerson.Status.WAITING
    assert suggestions.suggest(yp)[0]  # offered again
    matching_services.match_propose(young_person=yp, volunteer=cleared(), by=coordinator)  # allowed


def test_suspending_a_volunteer_returns_their_proposed_young_people_to_waiting(
    coordinator, cleared
):
    volunteer = cleared()
    yp = young_person()
    matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    services.volunteer_suspend(volunteer=volunteer, by=coordinator, reason="Concern raised")
    yp.refresh_from_db()
    assert yp.status == YoungPerson.Status.WAITING


# --- 3. A suspended, paused or departed volunteer cannot act on a match ------------------------


@pytest.fixture
def working_match(coordinator, cleared):
    volunteer = cleared()
    yp = young_person(must_know="Allergic to nuts")
    match = matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=timezone.localdate(),
    )
    return match


@pytest.mark.parametrize("how", ["suspend", "leave"])
def test_a_paused_or_departed_volunteer_cannot_log_a_session(
    client, home, coordinator, working_match, how
):
    volunteer = working_match.volunteer
    if how == "suspend":
        services.volunteer_suspend(volunteer=volunteer, by=coordinator, reason="Concern")
        # even with the match itself still under way, the volunteer's own status counts
        Match.objects.filter(pk=working_match.pk).update(status="active")
    else:
        services.volunteer_move(volunteer=volunteer, to="left", by=coordinator, reason="Left")
        Match.objects.filter(pk=working_match.pk).update(status="active")
    volunteer.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot log time with a young person"):
        services.session_log(
            volunteer=volunteer,
            by=volunteer.user,
            date=timezone.localdate(),
            minutes=60,
            what_happened="Park",
            with_whom=working_match.pk,
        )
    if how == "suspend":  # the hand-made POST through the real page is refused too
        client.force_login(volunteer.user)
        response = client.post(
            "/volunteer/sessions/",
            {
                "with_whom": working_match.pk,
                "date": timezone.localdate().isoformat(),
                "minutes": 60,
                "what_happened": "Park",
            },
        )
        # the form offers no young person to a paused volunteer: nothing is logged against the match
        assert not working_match.sessions.exists()
        html = client.get("/volunteer/checklist/").content.decode()
        assert "Allergic to nuts" not in html and "Log a session with" not in html
        assert "Your volunteering is paused" in html
        assert response.status_code == 302


def test_an_active_volunteer_logs_a_session_and_sees_what_to_know(client, home, working_match):
    volunteer = working_match.volunteer
    client.force_login(volunteer.user)
    html = client.get("/volunteer/checklist/").content.decode()
    assert "Allergic to nuts" in html and "Log a session with Jo" in html
    services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=60,
        what_happened="Park",
        with_whom=working_match.pk,
    )
    assert volunteer.sessions.count() == 1


# --- 4. The coordinator's file shows the truth -------------------------------------------------


def test_the_file_lists_every_training_course_with_completion_and_expiry(
    coordinator_client, coordinator, cleared, induction
):
    from volunteers.models import TrainingCourse

    volunteer = cleared(trained=dt.date(2025, 7, 1))
    first_aid = TrainingCourse.objects.create(name="Emergency first aid", valid_for_months=None)
    services.training_record_add(
        volunteer=volunteer, course=first_aid, completed_on=dt.date(2025, 8, 3), by=coordinator
    )
    page = coordinator_client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "2-day induction with safeguarding: completed 1 Jul 2025, expires 1 Jul 2028" in page
    assert "Emergency first aid: completed 3 Aug 2025, does not expire" in page


def test_a_volunteer_cleared_only_for_adults_is_shown_so_everywhere(
    client, coordinator_client, cleared
):
    volunteer = cleared(workforce="adult")
    assert cleared_for(volunteer).label == "Cleared for adults (18+) only"
    page = coordinator_client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Cleared for adults (18+) only." in page and "Cleared to meet young people." not in page
    client.force_login(volunteer.user)
    html = client.get("/volunteer/checklist/").content.decode()
    assert "You are cleared for adults (18+) only" in html
    assert "You are cleared to meet young people" not in html
    client.force_login(volunteer.mentor)
    assert "Cleared for adults (18+) only" in client.get("/volunteer/mentor/").content.decode()
    assert (
        "Cleared for adults (18+) only"
        in client.get(f"/volunteer/mentor/{volunteer.pk}/").content.decode()
    )


# --- 5. A stage-aware file ---------------------------------------------------------------------


def file_page(client, volunteer):
    return client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()


def test_the_file_shows_the_next_step_first_and_only_actions_for_the_stage(
    coordinator_client, cleared
):
    fresh = applicant()
    page = file_page(coordinator_client, fresh)
    assert page.index("Next step") < page.index("References and interview")
    assert "Waiting for references (0 of 2 back)" in page
    assert "Record decision" not in page and "Approve risk assessment" not in page
    assert "Record Update Service check" not in page and "Suspend" not in page
    assert "Approve</button>" in page and "Still missing before they can be approved" in page
    active = cleared()
    page = file_page(coordinator_client, active)
    assert "They are approved." in page
    assert "Approve</button>" not in page and "Record interview" not in page
    assert "Suspend (pauses every match)" in page


def test_approving_too_early_lists_what_is_missing_and_changes_nothing(coordinator_client):
    volunteer = applicant()
    response = coordinator_client.post(
        f"/admin/volunteering/file/{volunteer.pk}/", {"action": "approve"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "They cannot be approved yet:" in html and "The interview has not happened yet." in html
    volunteer.refresh_from_db()
    assert volunteer.status == "applied" and not volunteer.approved_at


def test_the_dbs_decision_has_no_answer_chosen(coordinator, coordinator_client):
    volunteer = applicant()
    services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level="enhanced_barred",
        workforce="both",
        childrens_barred_list_checked=True,
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 1),
    )
    page = file_page(coordinator_client, volunteer)
    assert "children's barred list checked;" in page
    assert "Children&#x27;s barred list checked" in file_page(coordinator_client, applicant())
    assert re.search(r'<input[^>]*value="accepted"[^>]*checked', page) is None
    response = coordinator_client.post(
        f"/admin/volunteering/file/{volunteer.pk}/",
        {"action": "decide", "decide-check": DBSCheck.objects.get().pk},
    )
    assert "Choose whether the certificate is accepted" in response.content.decode()
    assert DBSCheck.objects.get().decision == "pending"


def test_declaring_a_conflict_asks_to_confirm_and_can_be_undone(coordinator_client, cleared):
    volunteer = cleared()
    yp = young_person()
    url = f"/admin/volunteering/young-people/{yp.pk}/suggestions/"
    confirm = coordinator_client.post(url, {"volunteer": volunteer.pk, "action": "exclude"})
    assert "Yes, record a conflict of interest" in confirm.content.decode()
    assert not yp.excluded_volunteers.exists()  # nothing yet
    coordinator_client.post(url, {"volunteer": volunteer.pk, "action": "exclude", "confirm": "yes"})
    assert list(yp.excluded_volunteers.all()) == [volunteer]
    page = coordinator_client.get(url).content.decode()
    assert f"Undo: allow {escape(volunteer.user.full_name)} again" in page
    assert f"Propose {escape(volunteer.user.full_name)}" not in page
    coordinator_client.post(url, {"volunteer": volunteer.pk, "action": "unexclude"})
    assert not yp.excluded_volunteers.exists()
    assert (
        f"Propose {escape(volunteer.user.full_name)}"
        in coordinator_client.get(url).content.decode()
    )


# --- 6. Emails that make the workflow happen, each sent once ------------------------------------


def subjects():
    return sorted(m.subject.removeprefix("[No Limits] ") for m in mail.outbox)


def test_applying_emails_the_volunteer_the_coordinators_and_each_referee_once(
    coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = applicant()
    name = volunteer.user.full_name
    assert subjects() == sorted(
        [
            "We have your application to volunteer",
            f"New volunteer application: {name}",
            f"Please give a reference for {name}",
            f"Please give a reference for {name}",
        ]
    )
    by_to = {m.to[0]: m for m in mail.outbox}
    assert "http://testserver/volunteer/checklist/" in by_to[volunteer.user.email].body
    assert f"/admin/volunteering/file/{volunteer.pk}/" in by_to[coordinator.email].body
    assert "/volunteer/reference/" in by_to["rita@example.org"].body
    # the action running again (a retry) sends nothing more
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        for reference in volunteer.references.all():
            services.reference_request(reference=reference)
    assert mail.outbox == []


def link_of(reference) -> str:
    return services.reference_link(reference).removeprefix("http://testserver")


def test_a_referee_gives_a_reference_once_by_their_link(
    client, home, coordinator, django_capture_on_commit_callbacks
):
    volunteer = applicant()
    reference = volunteer.references.first()
    url = link_of(reference)
    page = client.get(url)
    assert page.status_code == 200 and escape(volunteer.user.full_name) in page.content.decode()
    bad = client.post(url, {"known_for": ""})
    assert "Say how you know them and for how long" in bad.content.decode()
    mail.outbox.clear()  # the application's own emails (references asked, and so on)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"known_for": "Colleague, 5 years", "suitable": "no", "concerns": "Late often"}
        )
    reference.refresh_from_db()
    assert reference.outcome == Reference.Outcome.CONCERNS and reference.used_at
    assert reference.concerns == "Late often"
    assert [m.subject for m in mail.outbox] == [
        f"[No Limits] Reference received for {volunteer.user.full_name}"
    ]
    reused = client.get(url)
    assert reused.status_code == 410 and "already been given" in reused.content.decode()
    again = client.post(url, {"known_for": "x", "suitable": "yes"})
    assert again.status_code == 410
    reference.refresh_from_db()
    assert reference.outcome == Reference.Outcome.CONCERNS


def test_an_expired_or_tampered_reference_link_is_refused(client, home):
    volunteer = applicant()
    reference = volunteer.references.first()
    url = link_of(reference)
    with time_machine.travel(timezone.now() + dt.timedelta(days=29)):
        expired = client.get(url)
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    tampered = client.get(url[:-3] + "xyz/")
    assert tampered.status_code == 400 and "not right" in tampered.content.decode()
    other = Reference.objects.exclude(pk=reference.pk).first()
    forged = url.replace(str(reference.token), str(other.token))
    assert client.get(forged).status_code == 400
    signed_junk = signing.TimestampSigner(salt="volunteers.reference").sign("not-a-uuid")
    assert client.get(f"/volunteer/reference/{signed_junk}/").status_code == 400
    reference.refresh_from_db()
    assert reference.used_at is None


def test_a_referral_emails_the_worker_and_the_coordinators(
    coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        yp = young_person()
    by_to = {m.to[0]: m for m in mail.outbox}
    assert by_to["wren@example.org"].subject == "[No Limits] We have your referral for Jo"
    assert f"/admin/volunteering/young-people/{yp.pk}/suggestions/" in by_to[coordinator.email].body


def test_a_booking_is_confirmed_with_a_way_to_cancel(
    client, home, coordinator, django_capture_on_commit_callbacks
):
    volunteer = applicant()
    opportunity = services.opportunity_offer(
        volunteer=volunteer, by=volunteer.user, **activity_fields(lead_adult="Coach Carter")
    )
    services.opportunity_decide(opportunity=opportunity, by=coordinator, approve=True)
    mail.outbox.clear()  # the set-up's own emails (application, activity offered and approved)
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.booking_make(
            opportunity=opportunity,
            young_person_first_name="Sam",
            young_person_age=14,
            booker_name="Wren Worker",
            booker_email="wren@example.org",
        )
    (email,) = mail.outbox
    assert (
        email.to == ["wren@example.org"]
        and email.subject == "[No Limits] Place booked: Saturday parkrun"
    )
    cancel = re.search(r"http://testserver(\S+/cancel/)", email.body).group(1)
    assert "Cancel Sam" in client.get(cancel).content.decode()
    booking.refresh_from_db()
    assert not booking.cancelled  # opening the link changes nothing
    assert "Booking cancelled" in client.post(cancel).content.decode()
    booking.refresh_from_db()
    assert booking.cancelled
    assert client.get(cancel[:-10] + "abc/cancel/").status_code == 400


def test_expense_decisions_are_emailed_with_the_reason_once(
    coordinator, settings_row, django_capture_on_commit_callbacks
):
    volunteer = applicant()
    session = services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=60,
        what_happened="Training",
    )
    claim = services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive",
        limits=settings_row,
        miles=10,
    )
    mail.outbox.clear()  # the set-up's own emails (application, claim made)
    with django_capture_on_commit_callbacks(execute=True):
        services.expense_decide(
            claim=claim, by=coordinator, approve=False, reason="Claim the bus fare instead"
        )
    (email,) = mail.outbox
    assert email.subject == "[No Limits] Your expense claim was not approved"
    assert "Claim the bus fare instead" in email.body and "/volunteer/sessions/" in email.body


def test_match_proposed_introduced_and_mentor_assigned_are_emailed(
    coordinator, cleared, mentor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = cleared()
    assert "[No Limits] You have a staff mentor" in [m.subject for m in mail.outbox]
    assert "[No Limits] You are now " + volunteer.user.full_name + "'s staff mentor" in [
        m.subject for m in mail.outbox
    ]
    mail.outbox.clear()
    yp = young_person(must_know="Allergic to nuts")
    with django_capture_on_commit_callbacks(execute=True):
        match = matching_services.match_propose(
            young_person=yp, volunteer=volunteer, by=coordinator
        )
        matching_services.match_move(
            match=match,
            to="introduced",
            by=coordinator,
            reason="Met",
            first_meeting_on=dt.date(2026, 11, 30),
        )
        services.mentor_assign(
            volunteer=volunteer, mentor=mentor, by=coordinator
        )  # same mentor: no email
    mine = [m for m in mail.outbox if m.to == [volunteer.user.email]]
    assert [m.subject for m in mine] == [
        "[No Limits] A possible match for you: Jo",
        "[No Limits] Your first meeting with Jo",
    ]
    assert "Allergic to nuts" in mine[1].body and "30 November 2026" in mine[1].body


# --- 7. Review dates are calendar-true ---------------------------------------------------------


def test_reviews_after_a_first_meeting_on_30_november(coordinator, cleared):
    match = matching_services.match_propose(
        young_person=young_person(), volunteer=cleared(), by=coordinator
    )
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=dt.date(2026, 11, 30),
    )
    assert dict(match.reviews.values_list("kind", "due_on")) == {
        "first_meeting": dt.date(2026, 12, 14),
        "3_months": dt.date(2027, 2, 28),
        "6_months": dt.date(2027, 5, 30),
        "12_months": dt.date(2027, 11, 30),
    }
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)  # a leap year
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)


# --- 9. Bad admin input answers 400 with a message ---------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"volunteer": "VOLUNTEER", "score": "abc", "action": "propose"},
        {"volunteer": "VOLUNTEER", "score": "-5", "action": "propose"},
        {"volunteer": "abc", "action": "propose"},
        {"volunteer": "VOLUNTEER", "action": "something"},
    ],
)
def test_bad_suggestion_input_is_a_400_with_a_message(coordinator_client, cleared, data):
    volunteer = cleared()
    yp = young_person()
    data = {k: (str(volunteer.pk) if v == "VOLUNTEER" else v) for k, v in data.items()}
    response = coordinator_client.post(
        f"/admin/volunteering/young-people/{yp.pk}/suggestions/", data
    )
    assert response.status_code == 400 and response.content
    assert not Match.objects.exists()


@pytest.mark.parametrize("pair", ["abc", "1:2", "1:x:3", ""])
def test_bad_cohort_input_is_a_400(coordinator_client, pair):
    response = coordinator_client.post("/admin/volunteering/cohort/", {"pair": pair})
    assert (
        response.status_code == 400 and b"young person, a volunteer and a score" in response.content
    )


def test_bad_queue_input_is_a_400(client, home):
    user = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    assert (
        client.post("/admin/volunteering/expenses-to-decide/", {"claim": "abc"}).status_code == 400
    )
    assert client.post("/admin/volunteering/come-along/", {"opportunity": "x"}).status_code == 400


# --- 10. Reports stay fast as data grows --------------------------------------------------------


@pytest.mark.parametrize("report", ["not-cleared", "expiring"])
def test_report_queries_do_not_grow_with_volunteers(coordinator_client, cleared, report):
    url = f"/admin/reports/volunteering/{report}/"
    cleared(issue=dt.date(2023, 12, 20))
    applicant()
    coordinator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        coordinator_client.get(url)
    for _ in range(4):
        cleared(issue=dt.date(2023, 12, 20))
        applicant()
    with CaptureQueriesContext(connection) as many:
        response = coordinator_client.get(url)
    assert response.status_code == 200
    assert len(many) == len(few)


def test_the_expiring_report_shows_only_the_record_that_counts(
    coordinator_client, coordinator, cleared, induction
):
    today = timezone.localdate()
    # done three years ago less 20 days: it runs out in 20 days
    volunteer = cleared(trained=add_months(today, -36) + dt.timedelta(days=20))
    page = coordinator_client.get("/admin/reports/volunteering/expiring/").content.decode()
    assert induction.name in page
    services.training_record_add(
        volunteer=volunteer, course=induction, completed_on=timezone.localdate(), by=coordinator
    )
    page = coordinator_client.get("/admin/reports/volunteering/expiring/").content.decode()
    assert induction.name not in page  # the refresher replaced it


# --- 12. The children's barred-list rule, and the SQL agrees with clearance.py ----------------


def test_a_check_without_the_childrens_barred_list_clears_nobody_under_18(coordinator, cleared):
    volunteer = cleared()
    assert clearance(volunteer, young_person_age=15)
    DBSCheck.objects.filter(volunteer=volunteer).update(childrens_barred_list_checked=False)
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    result = clearance(volunteer, young_person_age=15)
    assert not result and "children's barred list" in " ".join(result.reasons)
    assert clearance(volunteer, young_person_age=19)  # adults: not needed
    ranked, filtered = suggestions.suggest(young_person(age=15))
    assert ranked == [] and sum(filtered.values()) == 1
    with pytest.raises(ValidationError, match="not cleared"):
        matching_services.match_propose(
            young_person=young_person(age=15, first_name="Al"), volunteer=volunteer, by=coordinator
        )


def _vary(rng, volunteer, coordinator, induction, handbook):
    """One random way a cleared volunteer's records can go wrong (or stay right)."""
    check = volunteer.dbs_checks.get()
    change = rng.choice(
        [
            "none",
            "workforce",
            "barred",
            "level",
            "content",
            "risk_ok",
            "status_new",
            "status_ok",
            "expired_dbs",
            "renew_today",
            "leap_issue",
            "second_adult_check",
            "older_child_check",
            "training_expired",
            "training_refreshed",
            "concern",
            "one_reference",
            "no_mentor",
            "no_interview",
            "no_approval",
            "handbook",
            "pending_newer",
        ]
    )
    today = timezone.localdate()
    if change == "workforce":
        DBSCheck.objects.filter(pk=check.pk).update(
            workforce=rng.choice(["child", "adult", "both"])
        )
    elif change == "barred":
        DBSCheck.objects.filter(pk=check.pk).update(childrens_barred_list_checked=False)
    elif change == "level":
        DBSCheck.objects.filter(pk=check.pk).update(
            level=rng.choice(["basic", "standard", "enhanced"])
        )
    elif change in ("content", "risk_ok"):
        DBSCheck.objects.filter(pk=check.pk).update(
            has_content=True,
            risk_assessment_approved_at=timezone.now() if change == "risk_ok" else None,
        )
    elif change in ("status_new", "status_ok"):
        DBSStatusCheck.objects.create(
            dbs_check=check,
            result="NEW_INFO",
            checked_by=coordinator,
            checked_on=today - dt.timedelta(days=9),
        )
        DBSStatusCheck.objects.create(
            dbs_check=check,
            checked_by=coordinator,
            checked_on=today - dt.timedelta(days=2),
            result="BLANK_NO_NEW_INFO" if change == "status_ok" else "NO_MATCH_FOUND",
        )
    elif change == "expired_dbs":
        DBSCheck.objects.filter(pk=check.pk).update(
            issue_date=add_months(today, -36) - dt.timedelta(days=1)
        )
    elif change == "renew_today":
        DBSCheck.objects.filter(pk=check.pk).update(issue_date=add_months(today, -36))
    elif change == "leap_issue":
        DBSCheck.objects.filter(pk=check.pk).update(issue_date=dt.date(2024, 2, 29))
    elif change in ("second_adult_check", "older_child_check", "pending_newer"):
        newer = change != "older_child_check"
        DBSCheck.objects.create(
            volunteer=volunteer,
            level="enhanced",
            workforce="adult" if change != "older_child_check" else "child",
            childrens_barred_list_checked=change == "older_child_check",
            certificate_number="009999999999",
            issue_date=check.issue_date + dt.timedelta(days=30 if newer else -30),
            decision="pending" if change == "pending_newer" else "accepted",
            recorded_by=coordinator,
        )
    elif change == "training_expired":
        TrainingRecord.objects.filter(volunteer=volunteer).update(expires_on=today)
    elif change == "training_refreshed":
        TrainingRecord.objects.filter(volunteer=volunteer).update(
            expires_on=today - dt.timedelta(days=1)
        )
        TrainingRecord.objects.create(
            volunteer=volunteer,
            course=induction,
            completed_on=today - dt.timedelta(days=1),
            expires_on=today + dt.timedelta(days=900),
            recorded_by=coordinator,
        )
    elif change == "concern":
        volunteer.references.filter(pk=volunteer.references.first().pk).update(outcome="concerns")
    elif change == "one_reference":
        volunteer.references.filter(pk=volunteer.references.first().pk).update(outcome="waiting")
    elif change == "no_mentor":
        Volunteer.objects.filter(pk=volunteer.pk).update(mentor=None)
    elif change == "no_interview":
        Volunteer.objects.filter(pk=volunteer.pk).update(interview_done_on=None)
    elif change == "no_approval":
        Volunteer.objects.filter(pk=volunteer.pk).update(approved_at=None)
    elif change == "handbook":
        volunteer.handbook_acceptances.all().delete()
    return change


@pytest.mark.parametrize("on", [dt.date(2026, 11, 22), dt.date(2027, 2, 28), dt.date(2028, 2, 29)])
def test_the_sql_prefilter_and_clearance_agree_on_generated_cases(
    coordinator, cleared, induction, handbook, on
):
    """Each generated case is one kind of write to the records the rule reads; the summary is
    stored again as the services do after a write, then the prefilter on the stored summary
    must agree with clearance() that day and on later days with nothing recorded meanwhile
    (the day before, on and after the DBS renewal and the training expiry; leap days)."""
    rng = random.Random(f"clearance-{on}")
    with time_machine.travel(dt.datetime(on.year, on.month, on.day, 12, tzinfo=dt.UTC), tick=False):
        changes = {}
        for _ in range(40):
            volunteer = cleared(
                issue=on - dt.timedelta(days=400), trained=on - dt.timedelta(days=300)
            )
            changes[volunteer.pk] = _vary(rng, volunteer, coordinator, induction, handbook)
            services.clearance_changed(volunteer)
        context = Context.load()
        volunteers = Volunteer.objects.filter(status="active").prefetch_related(
            "dbs_checks__status_checks", "references", "training", "handbook_acceptances"
        )
        renewal = add_months(on - dt.timedelta(days=400), 36)
        expiry = add_months(on - dt.timedelta(days=300), 36)
        days = {on, on + dt.timedelta(days=1), on + dt.timedelta(days=365)}
        days |= {d + dt.timedelta(days=n) for d in (renewal, expiry) for n in (-1, 0, 1)}
        days |= {dt.date(2027, 2, 28), dt.date(2028, 2, 28), dt.date(2028, 2, 29)}
        for day in sorted(d for d in days if d >= on):
            for age in (15, 19):
                in_sql = set(
                    suggestions.cleared_prefilter(
                        Volunteer.objects.filter(status="active"), age=age, on=day
                    ).values_list("pk", flat=True)
                )
                by_rule = {
                    v.pk
                    for v in volunteers
                    if clearance(v, young_person_age=age, context=context, on=day)
                }
                disagree = {changes[pk] for pk in in_sql ^ by_rule}
                assert in_sql == by_rule, (day, age, disagree)
        assert len(set(changes.values())) > 12  # the cases really vary
        assert any(suggestions.cleared_prefilter(Volunteer.objects.all(), age=15, on=on))
