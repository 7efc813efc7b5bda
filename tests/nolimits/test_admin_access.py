"""Admin roles must have two-factor authentication; the admins sign in only through allauth."""

import time

from django.test import override_settings

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from nolimits import roles
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _sign_in(client, user) -> None:
    """Sign in through allauth's real form (force_login skips allauth's own bookkeeping)."""
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302


def _code(secret: str) -> str:
    if time.time() % 30 > 28:  # allauth takes only the current window: do not straddle it
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.mark.parametrize("role", roles.ADMIN_ROLES)
def test_admin_role_without_two_factor_is_sent_to_set_it_up(client, home, role):
    _sign_in(client, UserFactory(roles=[role]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")
    # allauth asks for the password again before an authenticator is added.
    page = client.get(response["Location"], follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert "Set up two-factor authentication before you use the admin." in page.content.decode()
    page = client.post(page.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/2fa/totp/activate/")
    assert 'class="nl-qr"' in page.content.decode()


def test_every_admin_path_is_guarded_not_only_the_dashboard(client, home):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    for path in ["/admin/pages/", "/admin/images/", "/django-admin/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert "/accounts/2fa/totp/activate/" in response["Location"], path


def test_superuser_needs_two_factor_too(client, home):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert "/accounts/2fa/totp/activate/" in client.get("/admin/")["Location"]


def test_admin_role_with_two_factor_signs_in_with_a_code_and_opens_the_admin(client, home):
    editor = UserFactory(email="editor@example.org", roles=[roles.EDITORS])
    secret = generate_totp_secret()
    TOTP.activate(editor, secret)

    response = client.post(
        "/accounts/login/", {"login": "editor@example.org", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session  # the password alone is not enough

    response = client.post("/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_people_without_an_admin_role_are_not_asked_for_two_factor_and_cannot_open_admin(
    client, home
):
    client.force_login(UserFactory(roles=[roles.MENTORS]))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client.get("/").status_code == 200


@override_settings(NOLIMITS_ADMIN_MFA_REQUIRED=False)
def test_the_demo_switch_turns_enforcement_off(client, home):
    client.force_login(UserFactory(roles=[roles.EDITORS]))
    assert client.get("/admin/").status_code == 200


def test_wagtail_login_form_cannot_create_a_session_with_a_password(client, home):
    UserFactory(email="editor@example.org", roles=[roles.EDITORS], is_superuser=True)
    response = client.post(
        "/admin/login/", {"username": "editor@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_admin_sign_in_pages_send_people_to_allauth(client, home):
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/login/")["Location"].startswith("/accounts/login/?next=")
    response = client.get("/django-admin/login/")
    assert response["Location"].startswith("/accounts/login/?next=")
    response = client.post(
        "/django-admin/login/", {"username": "x@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session


def test_wagtail_user_admin_uses_our_user_fields(client, home):
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.person@example.org",
            "full_name": "New Person",
            "kind": "councillor",
            "directorate": "",
            "password1": "another-long-secret",
            "password2": "another-long-secret",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from nolimits.models import User

    created = User.objects.get(email="new.person@example.org")
    assert (created.full_name, created.kind) == ("New Person", "councillor")
