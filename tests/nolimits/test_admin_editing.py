"""Editors can open every page type and both settings screens in the Wagtail admin."""

from django.core.management import call_command

from wagtail.models import Page, Site

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from nolimits.models import NavigationSettings, SiteSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    editor = UserFactory(roles=[roles.EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    return client


def test_editor_can_open_every_demo_page_in_the_editor(editor_client):
    pages = Page.objects.filter(depth__gte=2).specific()
    assert {type(p).__name__ for p in pages} >= {
        "HomePage",
        "ContentPage",
        "StoryIndexPage",
        "StoryPage",
    }
    for page in pages:
        response = editor_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


def test_editor_can_add_a_content_page_under_home(editor_client):
    home = Site.objects.get(is_default_site=True).root_page
    response = editor_client.get(f"/admin/pages/add/nolimits/contentpage/{home.pk}/")
    assert response.status_code == 200


def test_editor_can_open_site_settings_and_navigation(editor_client):
    site = Site.objects.get(is_default_site=True)
    for model in (SiteSettings, NavigationSettings):
        url = f"/admin/settings/nolimits/{model._meta.model_name}/{site.pk}/"
        assert editor_client.get(url).status_code == 200, url


def test_finance_cannot_edit_site_settings(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    site = Site.objects.get(is_default_site=True)
    response = client.get(f"/admin/settings/nolimits/sitesettings/{site.pk}/")
    assert response.status_code in (302, 403)
