"""Editors type and read money in pounds on the giving screens they use (Settings → Giving and a
campaign page's target), through the real Wagtail admin views; pence are only how it is stored."""

from django.urls import reverse

from wagtail.models import Site

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from pledges.models import CampaignPage, GivingSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(roles=[roles.EDITORS])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def _giving_url(site):
    return reverse("wagtailsettings:edit", args=["pledges", "givingsettings", site.pk])


GIVING = {
    "suggested_monthly_amounts": "5, 10, 20",
    "minimum_monthly_pence": "2.50",
    "maximum_monthly_pence": "£500",
    "minimum_gift_pence": "1",
    "maximum_gift_pence": "1,000",
}


def test_an_editor_sets_the_giving_limits_in_pounds(client, editor, home):
    site = Site.objects.get(is_default_site=True)
    response = client.post(_giving_url(site), GIVING)
    assert response.status_code == 302, response.content.decode()[:2000]
    limits = GivingSettings.for_site(site)
    assert (
        limits.minimum_monthly_pence,
        limits.maximum_monthly_pence,
        limits.minimum_gift_pence,
        limits.maximum_gift_pence,
    ) == (250, 50_000, 100, 100_000)
    page = client.get(_giving_url(site)).content.decode()
    assert 'value="2.50"' in page and 'value="500"' in page and 'value="1000"' in page
    assert "Smallest monthly gift (£)" in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1e3", "Enter an amount in pounds"),
        ("Infinity", "Enter an amount in pounds"),
        ("£ 5", "without a space after the £ sign"),
        ("0", "more than £0"),
        ("", "Enter an amount"),
    ],
)
def test_a_limit_that_is_not_an_amount_is_refused_and_kept(client, editor, home, typed, message):
    site = Site.objects.get(is_default_site=True)
    before = GivingSettings.for_site(site).maximum_gift_pence
    response = client.post(_giving_url(site), GIVING | {"maximum_gift_pence": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    if typed:
        assert f'value="{typed}"' in html.replace("&#x27;", "'").replace("&amp;", "&")
    assert GivingSettings.for_site(site).maximum_gift_pence == before


def test_an_editor_gives_a_campaign_its_target_in_pounds(client, editor, home):
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["pledges", "campaignpage", home.pk]),
        {
            "title": "Winter coats",
            "slug": "winter-coats",
            "summary": "Coats for winter.",
            "target_pence": "5,000",
            "starts_on": "2026-12-01",
            "ends_on": "",
            "suggested_amounts": "10, 25",
            "body-count": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = CampaignPage.objects.get(slug="winter-coats")
    assert page.target_pence == 500_000
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'value="5000"' in edit and "Target (£)" in edit
