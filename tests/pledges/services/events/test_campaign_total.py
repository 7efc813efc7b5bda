"""A campaign's stored total (pledges.CampaignTotal) equals the ledger's sum after every change
the webhook path makes: a Direct Debit gift waiting, then received, partly refunded (twice),
paid out, disputed and the dispute won or lost; and whatever order the events come in."""

import datetime as dt

from django.db import transaction
from django.utils import timezone

import pytest

from pledges import gateway
from pledges.campaign_totals import ledger_sum
from pledges.models import CampaignPage, CampaignTotal, Donation
from pledges.selectors import campaign_totals
from tests.factories import UserFactory
from tests.pledges.fake_stripe import FakeStripeHTTP, client_with
from tests.pledges.services.events.test_gift_ledger_property import gift_history, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    page = CampaignPage(
        title="Gift of Giving",
        slug="gift-of-giving",
        summary="Books.",
        target_pence=10_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def stored(campaign) -> dict:
    row = CampaignTotal.objects.get(campaign=campaign)
    return {
        "received_pence": row.received_pence,
        "pending_pence": row.pending_pence,
        "givers": row.givers,
    }


@pytest.mark.parametrize("dispute", ["won", "lost"])
def test_the_stored_total_is_the_ledgers_sum_after_every_event(
    dispute, campaign, monkeypatch, settings
):
    settings.STRIPE_SECRET_KEY = "sk_test_fake"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_fake"
    fake = FakeStripeHTTP()
    monkeypatch.setattr(gateway, "get_gateway", lambda: gateway.StripeGateway(client_with(fake)))
    Donation.objects.create(  # someone else's gift, already counted, never touched
        donor=UserFactory(),
        kind=Donation.Kind.CAMPAIGN,
        campaign=campaign,
        amount_pence=1000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    gift = Donation.objects.create(
        donor=UserFactory(),
        kind=Donation.Kind.CAMPAIGN,
        campaign=campaign,
        amount_pence=5000,
        stripe_checkout_session_id="cs_g1",
    )
    events = sorted(gift_history(fake, gift, dispute), key=lambda e: e["created"])
    seen = set()
    with transaction.atomic():
        for event in events:
            run([event])
            assert stored(campaign) == ledger_sum(campaign.pk), event["type"]
            seen.add(stored(campaign)["received_pence"])
        lost = 3500 if dispute == "lost" else 0
        assert stored(campaign) == {
            "received_pence": 1000 + 5000 - 1500 - lost,
            "pending_pence": 0,
            "givers": 2,
        }
        # It moved: pending while Bacs collected, then received, then less each refund.
        assert {6000, 5000, 4500} <= seen
        in_order = stored(campaign)
        transaction.set_rollback(True)

    CampaignTotal.objects.filter(campaign=campaign).delete()
    run(list(reversed(events)) + events[:3])  # backwards, with repeats
    assert stored(campaign) == in_order == ledger_sum(campaign.pk)
    assert campaign_totals(campaign)["received_pence"] == in_order["received_pence"]
