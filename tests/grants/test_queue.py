"""The panel's queue: only sent applications; "waiting for my review" includes "ready for
panel"; the dashboard's counts match the lists; a declared conflict hides an application from
every list, count and export for that member."""

import datetime as dt
import re

from django.utils import timezone

import pytest

from grants import services
from grants.models import Application, Round
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _listed(client, **params) -> set[str]:
    html = client.get("/admin/grants/applications/", params).content.decode()
    return set(re.findall(r"G-\d{5}", html))


def _dashboard(client) -> tuple[int, int]:
    html = client.get("/admin/").content.decode()
    waiting = int(re.search(r"(\d+) applications? waiting for your review", html).group(1))
    ready = int(re.search(r"(\d+) ready for the panel", html).group(1))
    return waiting, ready


def test_drafts_never_reach_the_panel(client, home, send, panel):
    sent = send()
    draft = services.application_start(
        applicant=UserFactory(kind="young_person", directorate="", full_name="Dee Draft")
    )
    services.application_save_step(application=draft, by=draft.applicant, what_for="A secret plan")
    client.force_login(panel["member"])
    assert _listed(client) == {sent.reference}
    assert "A secret plan" not in client.get("/admin/grants/applications/").content.decode()
    assert (
        "A secret plan"
        not in client.get("/admin/grants/applications/", {"q": "secret"}).content.decode()
    )
    export = client.get("/admin/grants/applications/", {"export": "csv"})
    assert b"A secret plan" not in b"".join(export.streaming_content)
    assert client.get(f"/admin/grants/application/{draft.pk}/").status_code == 404


def test_waiting_for_my_review_includes_ready_for_panel_and_matches_the_dashboard(
    client, home, send, panel
):
    ready = send()
    in_review = send()
    reviewed = send()
    waiting_for_worker = send(endorse=False)
    services.review_record(
        application=in_review,
        reviewer=panel["chair"],
        conflict_of_interest=False,
        recommendation="yes",
    )
    services.review_record(
        application=reviewed,
        reviewer=panel["member"],
        conflict_of_interest=False,
        recommendation="no",
    )
    client.force_login(panel["member"])
    waiting = _listed(client, waiting_for_me="true")
    assert waiting == {ready.reference, in_review.reference}
    assert waiting_for_worker.reference not in waiting and reviewed.reference not in waiting
    assert _listed(client, status="ready_for_panel") == {ready.reference}
    assert _dashboard(client) == (2, 1)


def test_a_declared_conflict_hides_it_from_every_list_count_and_export(client, home, send, panel):
    mine = send()
    other = send()
    member = panel["member"]
    services.review_record(application=mine, reviewer=member, conflict_of_interest=True)
    client.force_login(member)
    assert _listed(client) == {other.reference}
    assert _listed(client, waiting_for_me="true") == {other.reference}
    assert _dashboard(client) == (1, 1)
    export = b"".join(
        client.get("/admin/grants/applications/", {"export": "csv"}).streaming_content
    ).decode()
    assert other.reference in export and mine.reference not in export
    assert client.get(f"/admin/grants/application/{mine.pk}/").status_code == 302
    # Another member still sees both.
    client.force_login(panel["chair"])
    assert _listed(client) == {mine.reference, other.reference}


def test_sending_records_when_and_in_which_round(home, send):
    today = timezone.localdate()
    spring = Round.objects.create(
        name="Spring",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=9),
        budget_pence=100_000,
    )
    application = send(endorse=False)
    application = Application.objects.get(pk=application.pk)
    assert application.submitted_at is not None and application.round == spring


def test_a_members_own_application_is_a_conflict_without_declaring_one(client, home, send, panel):
    """A young panellist who applies (or a worker on the panel who started one) never sees it
    on the panel's side, nor reviews or decides it."""
    from django.core.exceptions import PermissionDenied

    young = panel["young"]
    own = send(young)
    other = send()
    client.force_login(young)
    assert _listed(client) == {other.reference}
    assert _listed(client, waiting_for_me="true") == {other.reference}
    assert _dashboard(client) == (1, 1)
    assert client.get(f"/admin/grants/application/{own.pk}/").status_code == 302
    with pytest.raises(PermissionDenied):
        services.review_record(
            application=own, reviewer=young, conflict_of_interest=False, recommendation="yes"
        )
    chair = panel["chair"]
    for_chair = send(chair)
    with pytest.raises(PermissionDenied):
        services.application_decide(application=for_chair, by=chair, outcome="decline")


def test_the_dashboards_to_pay_count_leaves_out_a_declared_conflict(
    client, home, send, panel, money
):
    member, chair = panel["member"], panel["chair"]
    applications = [send(), send()]
    services.review_record(application=applications[0], reviewer=member, conflict_of_interest=True)
    for application in applications:
        services.review_record(
            application=application,
            reviewer=chair,
            conflict_of_interest=False,
            recommendation="yes",
        )
        services.application_decide(
            application=application,
            by=chair,
            outcome="approve",
            amount_pence=30_000,
            message="Yes",
        )
    client.force_login(member)
    html = client.get("/admin/").content.decode()
    assert "1 approved and waiting to be paid" in html
    client.force_login(chair)
    assert "2 approved and waiting to be paid" in client.get("/admin/").content.decode()


def test_wagtails_site_history_follows_the_panels_rules(client, home, send, panel):
    """Opening an application is audited; the audit log in Wagtail's Site history report names
    it by reference only, hides it from a member with a conflict and shows young panellists
    none of it."""
    from grants.models import ApplicationLogEntry

    mine = send()
    Application.objects.filter(pk=mine.pk).update(what_for="Lessons, ring me on 07700 900123")
    chair, member = panel["chair"], panel["member"]
    client.force_login(chair)
    client.get(f"/admin/grants/application/{mine.pk}/")
    assert ApplicationLogEntry.objects.get().label == mine.reference
    services.review_record(application=mine, reviewer=member, conflict_of_interest=True)

    def site_history() -> str:
        html = client.get("/admin/reports/site-history/").content.decode()
        export = b"".join(
            client.get("/admin/reports/site-history/", {"export": "csv"}).streaming_content
        ).decode()
        return html + export

    history = site_history()
    assert mine.reference in history and "07700" not in history and "Lessons" not in history
    client.force_login(member)
    assert mine.reference not in site_history()
    client.force_login(panel["young"])
    history = site_history()
    assert mine.reference not in history and "Cass Chair" not in history
