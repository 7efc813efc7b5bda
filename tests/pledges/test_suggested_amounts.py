"""Suggested amounts, typed by editors as whole pounds ("5, 10, 20"), are the choices donors see on
the monthly form (Settings → Giving) and on a campaign's form, and anything else is refused."""

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.models import Site

import pytest

from pledges.models import CampaignPage, GivingSettings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _choices(html: str) -> list[str]:
    return re.findall(r'name="amount_choice"[^>]*value="([^"]+)"', html)


def test_the_monthly_form_offers_the_amounts_editors_typed(client, home):
    limits = GivingSettings.for_site(Site.objects.get(is_default_site=True))
    limits.suggested_monthly_amounts = " 3,7 , 15"
    limits.full_clean()
    limits.save()
    client.force_login(UserFactory())
    html = client.get("/pledges/give/").content.decode()
    assert _choices(html) == ["300", "700", "1500", "other"]
    assert "£7 a month" in html


def test_a_campaign_form_offers_the_campaign_s_own_amounts(client, home):
    page = CampaignPage(
        title="Summer Appeal",
        slug="summer",
        summary="Days out.",
        target_pence=100_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
        suggested_amounts="12, 40",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    client.force_login(UserFactory())
    assert _choices(client.get("/summer/").content.decode()) == ["1200", "4000", "other"]


@pytest.mark.parametrize("typed", ["5, ten", "5,,10", "£5, £10", "5.50"])
def test_anything_but_whole_pounds_and_commas_is_refused_in_both_places(home, typed):
    limits = GivingSettings(site=Site.objects.get(), suggested_monthly_amounts=typed)
    with pytest.raises(ValidationError) as refused:
        limits.full_clean()
    assert refused.value.message_dict["suggested_monthly_amounts"] == [
        "Whole pounds, separated by commas."
    ]
    page = CampaignPage(
        title="Appeal",
        slug="appeal",
        summary="x",
        target_pence=1,
        starts_on=timezone.localdate(),
        suggested_amounts=typed,
    )
    with pytest.raises(ValidationError) as refused:
        page.full_clean(exclude=["path", "depth"])
    assert refused.value.message_dict["suggested_amounts"] == ["Whole pounds, separated by commas."]
