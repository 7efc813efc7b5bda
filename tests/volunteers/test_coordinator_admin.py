"""The coordinator's screens in the Wagtail admin: the volunteer file, lists, reports, audit."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ModelLogEntry

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
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


def test_a_coordinator_takes_a_volunteer_from_application_to_cleared(
    client, home, mentor, induction, handbook
):
    coordinator = staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    for ref in volunteer.references.all():
        assert (
            post(
                client,
                volunteer,
                "reference",
                reference=ref.pk,
                outcome="satisfactory",
                received_on="2026-10-01",
            ).status_code
            == 302
        )
    assert (
        post(client, volunteer, "move", to="references", reason="References back").status_code
        == 302
    )
    post(client, volunteer, "interview", done_on="2026-10-02")
    post(client, volunteer, "move", to="dbs", reason="Interviewed")
    post(
        client,
        volunteer,
        "dbs",
        level="enhanced_barred",
        workforce="both",
        childrens_barred_list_checked="on",
        certificate_number="001234567890",
        issue_date="2026-10-10",
    )
    check = DBSCheck.objects.get()
    post(client, volunteer, "decide", check=check.pk, decision="accepted", note="")
    post(client, volunteer, "move", to="training", reason="DBS accepted")
    post(client, volunteer, "training", course=induction.pk, completed_on="2026-10-20")
    post(client, volunteer, "mentor", mentor=mentor.pk)

    response = post(client, volunteer, "move", to="active", reason="Approved")
    assert response.status_code == 200  # refused: the handbook is not accepted yet
    assert (
        "The volunteers&#x27; handbook (2026.1) has not been accepted yet."
        in response.content.decode()
    )

    from volunteers import services

    services.handbook_accept(volunteer=volunteer, by=volunteer.user)
    assert post(client, volunteer, "move", to="active", reason="Approved").status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "active" and volunteer.approved_by == coordinator
    assert (
        "Cleared to meet young people."
        in client.get(f"/admin/volunteering/file/{volunteer.pk}/").content.decode()
    )


def test_bad_dbs_input_is_explained_and_kept(client, home):
    staff_client(client, roles.VOLUNTEER_COORDINATORS)
    volunteer = applicant()
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    html = post(
        client,
        volunteer,
        "dbs",
        level="enhanced",
        workforce="child",
        certificate_number="12345",
        issue_date=future,
    ).content.decode()
    assert "A DBS certificate number is 12 digits" in html
    assert "The issue date cannot be in the future." in html
    assert 'value="12345"' in html
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
