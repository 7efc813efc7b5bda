"""The worker's endorsement: a signed, expiring, single-use link (grants.services.endorsement)."""

import datetime as dt
import re

from django.core import mail
from django.utils import timezone

import pytest
import time_machine

from grants import services
from grants.models import Category
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def category(db):
    return Category.objects.create(name="Setting up home", slug="home", max_amount_pence=50_000)


@pytest.fixture
def young(db):
    return UserFactory(
        kind="young_person", directorate="", full_name="Jamie Young", email="jamie@example.org"
    )


@pytest.fixture
def sent(young, category, django_capture_on_commit_callbacks):
    application = services.application_start(applicant=young)
    services.application_save_step(
        application=application,
        by=young,
        date_of_birth=dt.date(2006, 5, 1),
        care_experienced=True,
        category=category,
        what_for="A bed",
        amount_pence=18000,
        how_it_helps="Sleep",
        worker_name="Pat",
        worker_email="pat@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, by=young)
    link = re.search(
        r"(/grant-applications/endorse/\S+/)",
        next(m for m in mail.outbox if m.to == ["pat@example.org"]).body,
    ).group(1)
    return application, link


def test_the_worker_endorses_once_without_an_account(client, home, sent):
    application, link = sent
    page = client.get(link).content.decode()
    assert "A bed" in page and "Jamie" in page and "Jamie Young" not in page  # first name only
    html = client.post(link, {"endorsed": "yes"}).content.decode()
    assert "confirm the young person is care experienced" in html
    client.post(
        link, {"endorsed": "yes", "care_experienced_confirmed": "on", "comment": "Needs this"}
    )
    application.refresh_from_db()
    assert application.status == "ready_for_panel"
    again = client.get(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()


def test_an_expired_link_is_refused_kindly(client, home, sent):
    _, link = sent
    with time_machine.travel(timezone.now() + dt.timedelta(days=15)):
        response = client.get(link)
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_a_tampered_link_is_refused(client, home, sent):
    _, link = sent
    response = client.get(link[:-3] + "xx/")
    assert response.status_code == 400 and "This link is not right" in response.content.decode()
