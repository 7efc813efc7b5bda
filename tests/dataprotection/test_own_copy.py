"""Download my data: a person asks on their account page, gets an emailed link that opens their
copy for them alone, for DATAPROTECTION_LINK_DAYS days; rate limited; logged."""

import datetime as dt
import json
import re

from django.core import mail
from django.core.cache import cache
from django.test import Client

import pytest
import time_machine

from dataprotection.models import AccessExport
from tests.dataprotection.people import everything_about, unzip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def ask(client, capture) -> str:
    """Press the button; the copy is built (the task runs at once in tests); -> the link."""
    with capture(execute=True):
        response = client.post("/accounts/my-data/")
    assert response.status_code == 302
    message = mail.outbox[-1]
    assert message.subject == "[No Limits] Your data is ready to download"
    return re.search(r"http://testserver(/accounts/my-data/\S+/)", message.body).group(1)


def test_the_account_pages_offer_it(user):
    client = signed_in(user)
    assert "/accounts/my-data/" in client.get("/accounts/email/").content.decode()
    page = client.get("/accounts/my-data/").content.decode()
    assert "Email me a link to my data" in page


def test_the_owner_downloads_their_copy_from_the_emailed_link(
    staff, django_capture_on_commit_callbacks
):
    person = UserFactory(email="zzq-own@example.org")
    everything_about(person, staff=staff)
    client = signed_in(person)
    link = ask(client, django_capture_on_commit_callbacks)
    assert mail.outbox[-1].to == ["zzq-own@example.org"]
    export = AccessExport.objects.get(kind=AccessExport.Kind.OWN_COPY)
    assert export.requested_by == person and export.subject_user == person and export.built_at

    response = client.get(link)
    assert response.status_code == 200
    files = unzip(b"".join(response.streaming_content))
    document = json.loads(files["data.json"])
    assert any(s["heading"] == "Volunteer record" for s in document["sections"])
    assert any(name.startswith("files/expenseclaim/") for name in files)


def test_the_link_does_not_open_for_anyone_else(
    user, make_user, django_capture_on_commit_callbacks
):
    link = ask(signed_in(user), django_capture_on_commit_callbacks)
    stranger = signed_in(make_user())
    assert stranger.get(link).status_code == 403
    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_the_link_expires(user, settings, django_capture_on_commit_callbacks):
    settings.DATAPROTECTION_LINK_DAYS = 7
    with time_machine.travel(START, tick=False):
        client = signed_in(user)
        link = ask(client, django_capture_on_commit_callbacks)
    # (signed in again each time: a session is shorter than the link)
    with time_machine.travel(START + dt.timedelta(days=6, hours=23), tick=False):
        assert signed_in(user).get(link).status_code == 200
    with time_machine.travel(START + dt.timedelta(days=7, hours=1), tick=False):
        response = signed_in(user).get(link)
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_a_tampered_or_made_up_link_fails(user, django_capture_on_commit_callbacks):
    client = signed_in(user)
    link = ask(client, django_capture_on_commit_callbacks)
    assert client.get(link[:-3] + "xx/").status_code == 410
    assert client.get("/accounts/my-data/not-a-token/").status_code == 410


def test_asking_too_often_is_refused_kindly(user, django_capture_on_commit_callbacks):
    client = signed_in(user)
    for _ in range(3):
        ask(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/my-data/", follow=True)
    assert "too many times" in response.content.decode()
    assert AccessExport.objects.filter(subject_user=user).count() == 3


def test_signing_in_is_needed_to_ask():
    response = Client().post("/accounts/my-data/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AccessExport.objects.exists()


def test_a_copy_leaves_storage_once_its_link_has_expired(user, django_capture_on_commit_callbacks):
    from dataprotection.tasks import delete_expired_copies

    with time_machine.travel(START, tick=False):
        ask(signed_in(user), django_capture_on_commit_callbacks)
    export = AccessExport.objects.get(subject_user=user)
    storage, name = export.file.storage, export.file.name
    with time_machine.travel(START + dt.timedelta(days=6), tick=False):
        assert delete_expired_copies() == 0
    assert storage.exists(name)
    with time_machine.travel(START + dt.timedelta(days=7, hours=1), tick=False):
        assert delete_expired_copies() == 1
    assert not storage.exists(name)
    export.refresh_from_db()
    assert export.file == "" and export.built_at  # the log stays
