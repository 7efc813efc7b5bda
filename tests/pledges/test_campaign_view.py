"""The campaign page holds the campaign; pledges.views.campaign serves it (handed the request by
the on_serve_page hook), after Wagtail's own checks on the page."""

import datetime as dt

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from pledges.models import CampaignPage, Donation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    page = CampaignPage(
        title="Staff Only Appeal",
        slug="staff-appeal",
        summary="For staff.",
        target_pence=10_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_view_restriction_on_a_campaign_still_applies_before_its_form(client, campaign):
    PageViewRestriction.objects.create(page=campaign, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/staff-appeal/")
    assert response.status_code == 302 and "/staff-appeal/" in response["Location"]
    client.post("/staff-appeal/", {"amount_choice": "other", "other_amount": "10"})
    assert not Donation.objects.exists()
    client.force_login(UserFactory())
    page = client.get("/staff-appeal/")
    assert page.status_code == 200 and "Continue to payment" in page.content.decode()

