"""Sign-up, email verification, sign-in and sign-out through the real allauth views."""

import re

from django.core import mail

import pytest

from nolimits.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "full_name": "Robin  Example ",
    "kind": "staff",
    "directorate": "place",
    "email": "Robin@Example.org",
    "password1": "a-long-enough-secret",
    "password2": "a-long-enough-secret",
}


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


def test_sign_up_verify_sign_in_and_sign_out(client, home):
    response = client.post("/accounts/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="robin@example.org")
    assert (user.full_name, user.kind, user.directorate) == ("Robin Example", "staff", "place")

    # Mandatory verification: signing in before confirming sends them back to check their email.
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "robin@example.org", "password": SIGNUP["password1"]}
    )
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) >= 1
    link = _confirmation_link(mail.outbox[-1])
    page = client.get(link)
    assert (
        "Confirm that <strong>robin@example.org</strong> is your email address."
        in page.content.decode()
    )
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    response = client.post(
        "/accounts/login/", {"login": "robin@example.org", "password": SIGNUP["password1"]}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    assert "Signed in as Robin" in client.get("/").content.decode()

    client.post("/accounts/logout/")
    assert "_auth_user_id" not in client.session


def test_sign_up_errors_are_specific_and_keep_what_was_typed(client, home):
    data = {
        **SIGNUP,
        "full_name": "",
        "kind": "staff",
        "directorate": "",
        "email": "not-an-email",
        "password2": "other",
    }
    response = client.post("/accounts/signup/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Enter your full name" in html
    assert "Select your directorate" in html
    assert "Enter an email address in the correct format, like name@example.org" in html
    assert 'value="not-an-email"' in html  # nothing typed is lost
    assert 'value="staff" checked' in html
    assert not User.objects.exists()


def test_directorate_is_only_kept_for_council_staff(client, home):
    client.post("/accounts/signup/", {**SIGNUP, "kind": "young_person", "directorate": "place"})
    assert User.objects.get().directorate == ""


def test_sign_in_with_wrong_password_says_so_without_signing_in(client, home):
    UserFactory(email="sam@example.org")
    response = client.post(
        "/accounts/login/", {"login": "sam@example.org", "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert (
        "The email address and/or password you specified are not correct."
        in response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_password_reset_goes_through_allauth(client, home):
    UserFactory(email="sam@example.org")
    response = client.post("/accounts/password/reset/", {"email": "sam@example.org"})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_the_user_model_keeps_emails_unique_and_lower_case():
    user = User.objects.create_user("Mixed@Example.ORG", "pw-123456789", full_name="Mixed Case")
    assert user.email == "mixed@example.org"
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        User.objects.create_user("mixed@example.org", "pw-123456789", full_name="Again")
    with pytest.raises(ValidationError):
        User(
            email="c@example.org", full_name="C", kind="councillor", directorate="place"
        ).full_clean()


def test_repeated_failed_sign_ins_are_rate_limited_in_the_shared_cache(client, home):
    from django.core.cache import caches

    assert caches["default"].__class__.__name__ == "DatabaseCache"  # shared by every process
    UserFactory(email="sam@example.org")
    for _ in range(5):
        client.post("/accounts/login/", {"login": "sam@example.org", "password": "wrong-password"})
    response = client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
