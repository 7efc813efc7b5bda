from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings

from wagtail.models import Page, Site

import pytest
from allauth.account.models import EmailAddress

from nolimits import demo, roles
from nolimits.models import HomePage, NavigationSettings, SiteSettings, User

pytestmark = pytest.mark.django_db


def _snapshot():
    return (
        Page.objects.count(),
        User.objects.count(),
        EmailAddress.objects.count(),
        sorted(Page.objects.values_list("url_path", flat=True)),
    )


def test_load_demo_builds_the_site_and_an_account_per_role(client, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    for path in [
        "/",
        "/give-money/",
        "/give-time/",
        "/grants/",
        "/care-leavers-offer/",
        "/stories/",
        "/about/",
    ]:
        assert client.get(path).status_code == 200, path
    assert SiteSettings.for_site(site).council_name == demo.SITE_SETTINGS["council_name"]
    assert len(NavigationSettings.for_site(site).header_links) == 8  # + "Come along", "Our impact"
    for role in roles.ALL_ROLES:
        assert User.objects.filter(groups=Group.objects.get(name=role)).exists(), role
    for email, *_ in demo.DEMO_ACCOUNTS:
        assert email in out
        assert EmailAddress.objects.get(email=email).verified
    assert demo.DEMO_PASSWORD in out


def test_demo_accounts_can_sign_in(client):
    call_command("load_demo")
    response = client.post(
        "/accounts/login/", {"login": "donor@example.org", "password": demo.DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "Signed in as Dana" in client.get("/").content.decode()


def test_load_demo_twice_changes_nothing():
    call_command("load_demo")
    first = _snapshot()
    call_command("load_demo")
    assert _snapshot() == first


@override_settings(NOLIMITS_ENVIRONMENT="production")
def test_load_demo_is_refused_under_production_settings():
    with pytest.raises(CommandError, match="refused under production"):
        call_command("load_demo")
    assert not User.objects.exists()
