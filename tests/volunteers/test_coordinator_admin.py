"""The coordinator's screens in the Wagtail admin: the volunteer file, lists, reports, audit."""

import datetime as dt
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from tests.dates import date_boxes
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers.models import DBSCheck, Volunteer

pytestmark = pytest.mark.django_db


def staff_client(client, role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def post(client, volunteer, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"/admin/volunteering/file/{volunteer.pk}/", data)


def reference_links(outbox) -> list[str]:
    import re

    return [
        re.search(r"http://testserver(/volunteer/reference/\S+/)", m.body).group(1)
        for m in outbox
        if m.subject.startswith("[No Limits] Please give a reference")
    ]


def test_a_coordinator_takes_a_volunteer_from_application_to_cleared(
    client, home, mentor, induction, handbook, django_capture_on_commit_callbacks
):
    """The whole clearance journey through the real screens. Counted for the issue note: the
    coordinator submits 6 forms (interview, DBS, decision, training, mentor, approve), each
    referee 1, the volunteer 1 (the handbook). Before: 13 submits, 4 of them stage moves."""
    from django.core import mail

    coordinator = staff_client(client, roles.VOLUNTEER_COORDINATORS)
    with django_capture_on_commit_callbacks(execute=True):
        volunteer = applicant()
    links = reference_links(mail.outbox)
    assert len(links) == 2
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Waiting for references (0 of 2 back)" in page
    for link in links:  # each referee answers online, with no account
        referee = client.__class__()
        with django_capture_on_commit_callbacks(execute=True):
            response = referee.post(
                link, {"known_for": "Managed her for 4 years", "suitable": "yes", "concerns": ""}
            )
        assert "Reference sent" in response.content.decode()
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Managed her for 4 years" in page  # the reference itself is on the file
    assert "Hold the interview, then record it." in page
    submits = [
        ("interview", date_boxes("done_on", "2", "10", "2026")),
        (
            "dbs",
            {
                "level": "enhanced_barred",
                "workforce": "both",
                "childrens_barred_list_checked": "on",
                "certificate_number": "001234567890",
                **date_boxes("issue_date", "10", "10", "2026"),
            },
        ),
    ]
    for action, fields in submits:
        assert post(client, volunteer, action, **fields).status_code == 302
    check = DBSCheck.objects.get()
    volunteer.refresh_from_db()
    assert check.issue_date == dt.date(2026, 10, 10)
    assert volunteer.interview_done_on == dt.date(2026, 10, 2)
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Decide on the DBS certificate." in page
    assert 'value="accepted" checked' not in page  # no answer chosen for the coordinator
    assert post(client, volunteer, "decide", check=check.pk, decision="accepted").status_code == 302
    post(
        client,
        volunteer,
        "training",
        course=induction.pk,
        **date_boxes("completed_on", "20", "10", "2026"),
    )
    post(client, volunteer, "mentor", mentor=mentor.pk)

    response = post(client, volunteer, "approve")
    assert response.status_code == 200  # refused: the handbook is not accepted yet
    html = response.content.decode()
    assert "The volunteers&#x27; handbook (2026.1) has not been accepted yet." in html
    volunteer.refresh_from_db()
    assert volunteer.status == "applied"  # nothing half-done

    from volunteers import services

    services.handbook_accept(volunteer=volunteer, by=volunteer.user)
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Everything is in place: approve them." in page
    assert post(client, volunteer, "approve").status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "active" and volunteer.approved_by == coordinator
    # every stage passed is in the history, with who did it
    assert [c.to_status for c in volunteer.status_changes.all()] == [
        "references",
        "dbs",
        "training",
        "active",
    ]
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert "Cleared to meet young people." in page
    assert "Approve</button>" not in page  # approval makes no sense once approved
    assert "Record interview" not in page


def test_the_stage_moves_still_work_one_by_one(client, home, mentor, induction, handbook):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    assert post(client, volunteer, "move", to="references", reason="Back").status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "references"
    # "Approved and active" is not offered by the move form: approval has its own button
    page = client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    assert '<option value="active"' not in page and "Approve</button>" in page


def test_bad_dbs_input_is_explained_and_kept(client, home):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    future = dt.date.today() + dt.timedelta(days=5)
    html = post(
        client,
        volunteer,
        "dbs",
        level="enhanced",
        workforce="child",
        certificate_number="12345",
        **date_boxes("issue_date", future),
    ).content.decode()
    assert "A DBS certificate number is 12 digits" in html
    assert "The issue date cannot be in the future." in html
    assert 'value="12345"' in html
    assert re.search(rf'id="id_dbs-issue_date_day"[^>]*value="{future.day}"', html)  # kept
    assert not DBSCheck.objects.exists()


def test_opening_a_file_with_dbs_records_is_audited(client, home, coordinator):
    viewer = staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    from volunteers import services

    check = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level="enhanced",
        workforce="child",
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 1),
    )
    client.get(f"/admin/volunteering/file/{volunteer.pk}/")
    entry = ModelLogEntry.objects.get(action="volunteers.dbs_viewed")
    assert (entry.object_id, entry.user_id) == (str(check.pk), viewer.pk)


@pytest.mark.parametrize("role", [roles.FINANCE, roles.EDITORS, roles.GRANTS_PANEL])
def test_other_roles_cannot_open_volunteer_records(client, home, role):
    staff_client(client, role)
    volunteer = applicant()
    for url in [
        f"/admin/volunteering/file/{volunteer.pk}/",
        "/admin/volunteering/volunteers/",
        "/admin/reports/volunteering/not-cleared/",
        "/admin/volunteering/references/",
    ]:
        assert client.get(url).status_code in (302, 403), (role, url)


def test_finance_can_list_and_export_expense_claims(client, home):
    staff_client(client, roles.FINANCE)
    assert client.get("/admin/volunteering/expenses/").status_code == 200
    assert client.get("/admin/volunteering/expenses/", {"export": "csv"}).status_code == 200


def test_lists_filters_and_reports(client, home, induction, handbook):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    html = client.get("/admin/volunteering/volunteers/", {"cleared": "no"}).content.decode()
    assert volunteer.user.full_name in html
    assert (
        volunteer.user.full_name
        not in client.get("/admin/volunteering/volunteers/", {"cleared": "yes"}).content.decode()
    )
    report = client.get("/admin/reports/volunteering/not-cleared/").content.decode()
    assert volunteer.user.full_name in report and "No DBS check has been recorded yet." in report
    refs = client.get("/admin/reports/volunteering/references/").content.decode()
    assert "Rita Referee" in refs
    assert client.get("/admin/reports/volunteering/expiring/").status_code == 200
    dashboard = client.get("/admin/").content.decode()
    assert "Volunteering: what needs doing" in dashboard and "1 new application" in dashboard


def test_volunteer_list_queries_do_not_grow(client, home):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    applicant()
    client.get("/admin/volunteering/volunteers/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/volunteering/volunteers/")
    for _ in range(6):
        applicant()
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/volunteering/volunteers/")
    assert len(many) == len(few)
    assert Volunteer.objects.count() == 7


def test_the_dbs_list_and_inspect_views_are_audited(client, home, coordinator):
    viewer = staff_client(client, roles.VOLUNTEER_COORDINATORS)
    from volunteers import services

    check = services.dbs_check_record(
        volunteer=applicant(),
        by=coordinator,
        level="enhanced",
        workforce="child",
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 1),
    )
    assert client.get("/admin/volunteering/dbs/").status_code == 200
    assert client.get(f"/admin/volunteering/dbs/inspect/{check.pk}/").status_code == 200
    assert (
        ModelLogEntry.objects.filter(
            action="volunteers.dbs_viewed", user=viewer, object_id=str(check.pk)
        ).count()
        == 2
    )


def test_the_dbs_list_audits_every_record_shown_as_log_would_in_a_fixed_few_queries(
    client, home, coordinator
):
    """One entry per record on the page, the same entry Wagtail's log() writes (the inspect
    view still writes it with log()), however many records the page shows."""
    viewer = staff_client(client, roles.VOLUNTEER_COORDINATORS)
    from volunteers import services

    def record(n):
        return services.dbs_check_record(
            volunteer=applicant(),
            by=coordinator,
            level="enhanced",
            workforce="child",
            certificate_number=f"{n:012d}",
            issue_date=dt.date(2026, 1, 1 + n),
        )

    first = record(1)
    client.get("/admin/volunteering/dbs/")
    ModelLogEntry.objects.all().delete()
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/volunteering/dbs/")
    checks = [first] + [record(n) for n in range(2, 6)]
    ModelLogEntry.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        assert client.get("/admin/volunteering/dbs/").status_code == 200
    assert len(many) == len(few)
    fields = ("content_type_id", "label", "action", "data", "user_id", "object_id")
    listed = sorted(ModelLogEntry.objects.values_list(*fields), key=lambda e: e[-1])
    client.get(f"/admin/volunteering/dbs/inspect/{first.pk}/")  # log(), one entry
    inspected = ModelLogEntry.objects.values_list(*fields).order_by("-pk").first()
    assert [e for e in listed if e[-1] == str(first.pk)] == [inspected]
    assert [e[-1] for e in listed] == sorted(str(c.pk) for c in checks)
    assert {e[4] for e in listed} == {viewer.pk}
    assert {e[1] for e in listed} == {str(c) for c in checks}


def test_finance_cannot_list_dbs_checks(client, home):
    staff_client(client, roles.FINANCE)
    assert client.get("/admin/volunteering/dbs/").status_code in (302, 403)


def test_mentors_report(client, home, coordinator, mentor):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    from volunteers import services

    volunteer = applicant()
    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    html = client.get("/admin/reports/volunteering/mentors/").content.decode()
    assert mentor.full_name in html and volunteer.user.full_name in html
