"""The admin's retention screens: the schedule, what falls due in 30 days (counts per kind with
the day) and which records (references only), for programme leads; refused to other roles."""

import datetime as dt
import html

from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.utils import timezone

import pytest

from dataprotection.retention import SCHEDULE
from nolimits import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCHEDULE_URL = "/admin/reports/retention/schedule/"
DUE_URL = "/admin/reports/retention/due/"
RECORDS_URL = "/admin/reports/retention/due/records/"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_a_programme_lead_sees_the_schedule(client, admin_user):
    client.force_login(admin_user(roles.PROGRAMME_LEADS))
    text = page(client, SCHEDULE_URL)
    for kind in SCHEDULE:
        assert kind.name in text
        assert kind.period_text in text
        assert kind.runs_from in text
    assert "Anonymised: The certificate number and any note are removed" in text


@override_settings(RETENTION_OUTBOX_DAYS=30)
def test_the_due_report_counts_per_kind_with_the_day_and_lists_references_only(
    client, admin_user, builders
):
    soon = timezone.now() - dt.timedelta(days=20)  # due in 10 days
    message = builders["outbox"].make(soon)
    builders["outbox"].make(timezone.now() - dt.timedelta(days=29))  # due tomorrow
    builders["outbox"].make(timezone.now())  # due in 30 days
    builders["outbox"].make(timezone.now() + dt.timedelta(days=5))  # due later: not listed
    client.force_login(admin_user(roles.PROGRAMME_LEADS))

    text = page(client, DUE_URL)
    row = text.split("Emails and text messages sent", 1)[1].split("</tr>", 1)[0]
    day = timezone.localdate() + dt.timedelta(days=10)
    assert ">3<" in row.replace(" ", "").replace("\n", "")
    assert f"{day:%d %b %Y}: 1" in row

    records = page(client, RECORDS_URL)
    assert f"Message #{message.pk}" in records
    assert message.subject not in records and message.to not in records


@pytest.mark.parametrize(
    "role", [r for r in roles.ADMIN_ROLES if r != roles.PROGRAMME_LEADS], ids=str
)
def test_other_admin_roles_are_refused(client, admin_user, role):
    client.force_login(admin_user(role))
    for url in (SCHEDULE_URL, DUE_URL, RECORDS_URL):
        response = client.get(url)
        assert response.status_code in (302, 403), (role, url)
        assert "Retention" not in response.content.decode()


def test_signed_out_visitors_go_to_sign_in(client):
    for url in (SCHEDULE_URL, DUE_URL, RECORDS_URL):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_counts_without_the_list_for_a_role_with_only_the_first_permission(client, admin_user):
    group = Group.objects.create(name="Auditors (test)")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_retention"),
    )
    user = admin_user()
    user.groups.add(group)
    client.force_login(user)
    page(client, DUE_URL)
    assert client.get(RECORDS_URL).status_code in (302, 403)


def test_the_menu_shows_the_reports_to_programme_leads_only(client, admin_user):
    client.force_login(admin_user(roles.PROGRAMME_LEADS))
    assert "Retention schedule" in page(client, "/admin/")
    client.force_login(admin_user(roles.FINANCE))
    assert "Retention schedule" not in page(client, "/admin/")


def test_a_person_without_two_factor_is_refused_even_as_programme_lead(client):
    client.force_login(UserFactory(roles=[roles.PROGRAMME_LEADS]))
    assert client.get(SCHEDULE_URL).status_code in (302, 403)
