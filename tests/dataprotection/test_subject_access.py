"""Subject access: a programme lead finds a person and downloads one ZIP, logged; nobody else
can, on any of the data protection screens."""

import json

from django.test import Client

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from dataprotection.models import AccessExport
from matching.models import YoungPerson
from nolimits import roles
from tests.dataprotection.people import PDF, everything_about, unzip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(staff):
    person = UserFactory(email="zzq-person@example.org", full_name="Petra Person")
    everything_about(person, staff=staff)
    return person


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_programme_lead_finds_a_person_by_email_or_name_and_downloads_one_zip(lead, person):
    client = signed_in(lead)
    by_email = client.get("/admin/data-protection/", {"q": "zzq-person@example.org"})
    assert "Petra Person" in by_email.content.decode()
    by_name = client.get("/admin/data-protection/", {"q": "petra"}).content.decode()
    assert (
        "Petra Person" in by_name and f"/admin/data-protection/user/{person.pk}/export/" in by_name
    )
    referral = client.get("/admin/data-protection/", {"q": "Pat"}).content.decode()
    pat = YoungPerson.objects.get(first_name="Pat")
    assert f"/admin/data-protection/young-person/{pat.pk}/export/" in referral

    assert client.get(f"/admin/data-protection/user/{person.pk}/export/").status_code == 200
    response = client.post(f"/admin/data-protection/user/{person.pk}/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = unzip(response.content)
    assert {"index.html", "data.json"} <= set(files)
    document = json.loads(files["data.json"])
    headings = {s["heading"] for s in document["sections"]}
    for expected in (
        "Your account", "Monthly pledges", "Gifts", "Gift Aid declarations", "Volunteer record",
        "References", "DBS checks (what we keep about the certificate)", "Training",
        "Time you gave", "Expense claims", "Supervision notes about you", "Grant applications",
        "Your thank-yous", "Who viewed your DBS records", "Who opened your grant applications",
    ):  # fmt: skip
        assert expected in headings
    receipts = [n for n in files if n.startswith("files/expenseclaim/")]
    proofs = [n for n in files if n.startswith("files/application/")]
    assert receipts and proofs and files[receipts[0]].startswith(PDF)
    # who viewed their records: the staff member who opened the application is named
    log = next(
        s for s in document["sections"] if s["heading"] == "Who opened your grant applications"
    )
    assert log["rows"][0]["by"] == "Sam Staff"

    export = AccessExport.objects.get(kind=AccessExport.Kind.SUBJECT_ACCESS, requested_by=lead)
    assert export.subject_user == person and export.item_count > 20
    # the log is in the admin
    listing = client.get("/admin/access-exports/").content.decode()
    assert "Petra Person" in listing


def test_a_referral_without_an_account_is_exported_too(lead, person):
    pat = YoungPerson.objects.get(first_name="Pat")
    response = signed_in(lead).post(f"/admin/data-protection/young-person/{pat.pk}/export/")
    document = json.loads(unzip(response.content)["data.json"])
    assert [s["heading"] for s in document["sections"]][:1] == ["Your referral"]
    assert AccessExport.objects.get(subject_referral=pat).requested_by == lead


def test_search_says_what_is_wrong_with_a_short_search(lead):
    html = signed_in(lead).get("/admin/data-protection/", {"q": "a"}).content.decode()
    assert "Enter at least 2 letters of the email address or name" in html


def test_an_unknown_kind_or_person_is_not_found(lead):
    client = signed_in(lead)
    assert client.get("/admin/data-protection/robot/1/export/").status_code == 404
    assert client.get("/admin/data-protection/young-person/999999/erase/").status_code == 404
    assert client.post("/admin/data-protection/user/999999/export/").status_code == 404


@pytest.mark.parametrize(
    "role", [roles.VOLUNTEER_COORDINATORS, roles.FINANCE, roles.GRANTS_PANEL_CHAIRS, roles.EDITORS]
)
def test_other_roles_are_refused_on_every_data_protection_url(role, person):
    other = UserFactory(roles=[role])
    TOTP.activate(other, generate_totp_secret())
    client = signed_in(other)
    pat = YoungPerson.objects.get(first_name="Pat")
    urls = [
        "/admin/data-protection/?q=petra",
        f"/admin/data-protection/user/{person.pk}/export/",
        f"/admin/data-protection/young-person/{pat.pk}/export/",
        f"/admin/data-protection/user/{person.pk}/erase/",
        "/admin/access-exports/",
        "/admin/erasures/",
    ]
    for url in urls:
        assert client.get(url).status_code in (302, 403), url
    for url in urls[1:4]:
        response = client.post(url, {"reason": "because"})
        assert response.status_code in (302, 403), url
    assert not AccessExport.objects.exclude(requested_by__full_name="Sam Staff").exists()
    person.refresh_from_db()
    assert person.is_active and person.full_name == "Petra Person"


def test_a_programme_lead_without_two_factor_is_refused(person):
    lead = UserFactory(roles=[roles.PROGRAMME_LEADS])
    response = signed_in(lead).post(f"/admin/data-protection/user/{person.pk}/export/")
    assert response.status_code in (302, 403)
    assert not AccessExport.objects.filter(requested_by=lead).exists()


def test_people_without_an_admin_role_and_visitors_are_refused(person):
    for client in (signed_in(person), Client()):
        for url in ("/admin/data-protection/", f"/admin/data-protection/user/{person.pk}/export/"):
            assert client.get(url).status_code in (302, 403)
            assert client.post(url).status_code in (302, 403)
    assert not AccessExport.objects.filter(requested_by=person).exists()
