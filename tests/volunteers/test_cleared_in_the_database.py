"""The admin's "cleared" filter and "not cleared" report answer from the stored clearance summary
in the database (clearance.cleared_q), not by running the rule for every volunteer. They must
say exactly what clearance() says: on a used demo, as time passes with no refresh (a DBS
renewal or training falling due), and after each kind of record change."""

import datetime as dt
import re

from django.core.management import call_command
from django.utils.html import escape

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services
from volunteers.clearance import Context, clearance
from volunteers.models import DBSStatusCheck, Volunteer

pytestmark = pytest.mark.django_db

LIST = "/admin/volunteering/volunteers/"
REPORT = "/admin/reports/volunteering/not-cleared/"


def signed_in_coordinator(client):
    user = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def names_on(client, url, **query) -> set[str]:
    """Every volunteer's name the screen lists, over all its pages."""
    names, page = set(), 1
    while True:
        html = client.get(url, {**query, "p": page}).content.decode()
        names |= {
            v.user.full_name
            for v in Volunteer.objects.select_related("user")
            if escape(v.user.full_name) in html
        }
        if not re.search(rf"[?&]p={page + 1}\b", html):
            return names
        page += 1


def by_the_rule(on=None) -> tuple[set[str], set[str]]:
    """(cleared, not cleared and not left) as clearance() decides, volunteer by volunteer."""
    context = Context.load()
    cleared, not_cleared = set(), set()
    for volunteer in Volunteer.objects.select_related("user"):
        if clearance(volunteer, context=context, on=on):
            cleared.add(volunteer.user.full_name)
        elif volunteer.status != Volunteer.Status.LEFT:
            not_cleared.add(volunteer.user.full_name)
    return cleared, not_cleared


def assert_screens_agree_with_the_rule(client):
    cleared, not_cleared = by_the_rule()
    assert cleared and not_cleared  # both answers are tested
    assert names_on(client, LIST, cleared="yes") == cleared
    assert names_on(client, LIST, cleared="no") & (cleared | not_cleared) == not_cleared
    assert names_on(client, REPORT) == not_cleared


def test_on_a_used_demo_and_as_years_pass_without_a_refresh(client):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # a demo that has been used
    user = signed_in_coordinator(client)
    assert_screens_agree_with_the_rule(client)
    # DBS certificates fall due for renewal and training lapses; nothing refreshes the summary
    with time_machine.travel(dt.datetime(2031, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        client.force_login(user)  # the session has long expired
        cleared, not_cleared = by_the_rule()
        assert names_on(client, LIST, cleared="yes") == cleared
        assert names_on(client, REPORT) == not_cleared


def test_on_the_day_a_dbs_falls_due_the_screens_say_not_cleared(
    client, coordinator, mentor, induction, handbook
):
    user = signed_in_coordinator(client)
    volunteer = applicant()
    make_cleared(
        volunteer,
        coordinator=coordinator,
        mentor=mentor,
        induction=induction,
        handbook=handbook,
        issue=dt.date(2024, 3, 1),
        trained=dt.date(2025, 7, 1),
    )
    name = volunteer.user.full_name
    due = dt.date(2027, 3, 1)  # three years after issue
    for day, cleared in [(due - dt.timedelta(days=1), True), (due, False)]:
        with time_machine.travel(dt.datetime.combine(day, dt.time(12), dt.UTC), tick=False):
            client.force_login(user)
            assert bool(clearance(Volunteer.objects.get(pk=volunteer.pk))) is cleared
            assert (name in names_on(client, LIST, cleared="yes")) is cleared
            assert (name in names_on(client, REPORT)) is not cleared


@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC), tick=False)
def test_after_each_kind_of_change_the_screens_follow(
    client, coordinator, mentor, induction, handbook
):
    signed_in_coordinator(client)
    volunteer = applicant()
    name = volunteer.user.full_name
    assert name in names_on(client, REPORT) and name in names_on(client, LIST, cleared="no")
    check = make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    assert name in names_on(client, LIST, cleared="yes") and name not in names_on(client, REPORT)

    services.dbs_status_check_record(
        check=check,
        by=coordinator,
        checked_on=dt.date(2026, 11, 20),
        result=DBSStatusCheck.Result.NEW_INFO,
    )
    assert name in names_on(client, REPORT)
    assert "Update Service check" in client.get(REPORT).content.decode()
    services.dbs_status_check_record(
        check=check,
        by=coordinator,
        checked_on=dt.date(2026, 11, 21),
        result=DBSStatusCheck.Result.BLANK_NO_NEW_INFO,
    )
    assert name in names_on(client, REPORT)  # suspended by the new information
    services.volunteer_move(volunteer=volunteer, to="active", by=coordinator, reason="Talked")
    assert name in names_on(client, LIST, cleared="yes")

    services.volunteer_move(volunteer=volunteer, to="paused", by=coordinator, reason="Holiday")
    assert name in names_on(client, REPORT) and name not in names_on(client, LIST, cleared="yes")
    services.volunteer_move(volunteer=volunteer, to="active", by=coordinator, reason="Back")
    assert name in names_on(client, LIST, cleared="yes")

    # a new handbook nobody has accepted yet: the context changed for everyone
    from volunteers.models import Handbook

    Handbook.objects.create(version="2026.2", summary="x", published_on=dt.date(2026, 11, 1))
    services.clearance_context_changed()
    assert name in names_on(client, REPORT)
    services.handbook_accept(volunteer=volunteer, by=volunteer.user)
    assert name in names_on(client, LIST, cleared="yes")
    assert by_the_rule()[0] == names_on(client, LIST, cleared="yes")
