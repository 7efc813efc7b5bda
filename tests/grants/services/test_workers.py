"""Starting an application for a young person is for workers (the Workers role, granted by
migration); the answer is the same whatever email is typed; the starter never endorses it;
requests are rate limited."""

import re

from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.test import override_settings

import pytest

from grants.models import Application
from nolimits import roles
from nolimits.ratelimit import MESSAGE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/grant-applications/apply-with-a-young-person/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def worker(db):
    return UserFactory(full_name="Pat Adviser", email="pat@example.org", roles=[roles.WORKERS])


def _form(email="sky@example.org", **extra):
    return {
        "full_name": "Sky Young",
        "email": email,
        "endorser_name": "Wren Worker",
        "endorser_email": "wren@example.org",
        "with_me": "on",
        **extra,
    }


def test_the_workers_role_is_made_by_migration_with_the_permission():
    group = Group.objects.get(name=roles.WORKERS)
    assert list(group.permissions.values_list("codename", flat=True)) == [
        "start_application_for_young_person"
    ]
    assert not UserFactory(roles=[roles.WORKERS]).has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize(
    "who",
    [
        {"kind": "staff"},  # council staff without the Workers role
        {"kind": "young_person", "directorate": ""},
        {"kind": "staff", "roles": [roles.GRANTS_PANEL]},
    ],
)
def test_only_workers_may_start_one(client, home, who):
    client.force_login(UserFactory(**who))
    for response in (client.get(URL), client.post(URL, _form())):
        # refused; an admin role without two-factor is sent to set it up first
        assert response.status_code == 403 or response["Location"].startswith(
            "/accounts/2fa/totp/activate/"
        )
    assert not Application.objects.exists()
    assert (
        "Start an application with them" not in client.get("/grant-applications/").content.decode()
    )
    assert not Application.objects.exists()


def test_a_worker_starts_one_and_another_worker_endorses_it(
    client, home, worker, send, django_capture_on_commit_callbacks
):
    client.force_login(worker)
    assert "Start an application with them" in client.get("/grant-applications/").content.decode()
    html = client.post(URL, _form(with_me="")).content.decode()
    assert "Only start an application with the young person&#x27;s agreement" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, _form(email="Sky@Example.org"))
    application = Application.objects.get()
    assert response["Location"].endswith(f"{application.uuid}/date_of_birth/")
    assert application.applicant.email == "sky@example.org"
    assert application.applicant.kind == "young_person"
    assert not application.applicant.has_usable_password()
    assert (application.started_by, application.worker_email) == (worker, "wren@example.org")
    assert any(
        m.to == ["sky@example.org"] and "/accounts/password/reset/" in m.body for m in mail.outbox
    )
    assert "Sky Young: not finished" in client.get("/grant-applications/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("endorser_email", "PAT@example.org", "must be someone other than you"),
        ("email", "pat@example.org", "the young person&#x27;s email address, not yours"),
        ("endorser_email", "sky@example.org", "must not be the young person&#x27;s"),
    ],
)
def test_the_starter_is_never_the_endorser(client, home, worker, field, value, message):
    client.force_login(worker)
    html = client.post(URL, _form(**{field: value})).content.decode()
    assert message in html and 'value="Wren Worker"' in html  # what was typed is kept
    assert not Application.objects.exists()


def test_naming_the_starter_later_as_the_worker_is_refused_on_sending(client, home, worker):
    client.force_login(worker)
    client.post(URL, _form())
    application = Application.objects.get()
    client.post(
        f"/grant-applications/application/{application.uuid}/worker/",
        {"worker_name": "Pat Adviser", "worker_email": "pat@example.org"},
    )
    html = client.get(f"/grant-applications/application/{application.uuid}/check/").content.decode()
    assert "must be someone else" in html and "Send application" not in html


def test_the_answer_is_the_same_whatever_email_is_typed(
    client, home, worker, django_capture_on_commit_callbacks
):
    """A new address, a young person who has an account, and a staff member's address all get
    the same page, the same message and the same next step: nothing says which was which."""
    UserFactory(
        email="known.young@example.org", full_name="Kit Known", kind="young_person", directorate=""
    )
    UserFactory(email="staff.member@example.org", full_name="Sam Staff")
    client.force_login(worker)
    pages = []
    for email in ["new.young@example.org", "known.young@example.org", "staff.member@example.org"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, _form(email=email), follow=True)
        application = Application.objects.get(applicant__email=email)
        html = re.sub(
            r'(nonce|value)="[^"]{20,}"',  # per-request nonces and CSRF tokens
            "",
            response.content.decode().replace(str(application.uuid), "UUID"),
        )
        pages.append((response.redirect_chain[-1][0].replace(str(application.uuid), "UUID"), html))
        assert "Kit Known" not in html and "Sam Staff" not in html
    assert pages[0] == pages[1] == pages[2]
    mine = client.get("/grant-applications/").content.decode()
    assert "Kit" not in mine and "Sam" not in mine and mine.count("Sky Young") == 3
    # The account holder, not the worker, hears about it.
    assert any(m.to == ["known.young@example.org"] for m in mail.outbox)


@override_settings(RATE_LIMITS={"grants.start_for_young_person": "2/h"})
def test_starting_is_rate_limited(client, home, worker):
    client.force_login(worker)
    for n in range(2):
        assert client.post(URL, _form(email=f"y{n}@example.org")).status_code == 302
    response = client.post(URL, _form(email="y9@example.org"))
    html = response.content.decode()
    assert response.status_code == 200 and MESSAGE in html and 'value="y9@example.org"' in html
    assert Application.objects.count() == 2


def test_the_starter_is_not_the_endorser_at_another_address_on_their_account(client, home, worker):
    """A worker's account can hold more than one address (allauth's email page): none of them
    may be the supporting worker's, when starting or later when sending."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=worker, email="pat.home@example.org", verified=True)
    client.force_login(worker)
    html = client.post(URL, _form(endorser_email="Pat.Home@example.org")).content.decode()
    assert "must be someone other than you" in html and not Application.objects.exists()
    client.post(URL, _form())
    application = Application.objects.get()
    client.post(
        f"/grant-applications/application/{application.uuid}/worker/",
        {"worker_name": "Pat at home", "worker_email": "pat.home@example.org"},
    )
    html = client.get(f"/grant-applications/application/{application.uuid}/check/").content.decode()
    assert "must be someone else" in html and "Send application" not in html
