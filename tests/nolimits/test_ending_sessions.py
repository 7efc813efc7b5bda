"""Ending a session ends it: signing out, signing out the other browsers, a new password. Checked
through allauth's own views, as a person would do them, with the old cookie tried again."""

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

import pytest

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def signed_in(email: str) -> Client:
    browser = Client()
    answer = browser.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert answer.status_code == 302, answer.content.decode()[:500]
    return browser


def is_signed_in(browser: Client) -> bool:
    answer = browser.get("/pledges/my-giving/")
    return answer.status_code == 200


def test_signing_out_ends_the_session(home):
    person = UserFactory()
    browser = signed_in(person.email)
    key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    assert is_signed_in(browser)
    browser.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, replayed, signs nobody in.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert not is_signed_in(replay)


def test_signing_out_other_browsers_ends_their_sessions(home):
    person = UserFactory()
    laptop, phone = signed_in(person.email), signed_in(person.email)
    assert is_signed_in(laptop) and is_signed_in(phone)
    # allauth's "sign out other sessions", from the laptop.
    answer = laptop.post("/accounts/sessions/")
    assert answer.status_code == 302
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)


def test_a_new_password_signs_out_the_other_browsers(home):
    person = UserFactory()
    laptop, phone = signed_in(person.email), signed_in(person.email)
    answer = laptop.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-long-secret-1",
            "password2": "a-new-long-secret-1",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert is_signed_in(laptop)
    assert not is_signed_in(phone)
