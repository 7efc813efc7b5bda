"""A campaign's stored total (pledges.models.CampaignTotal): recounted from the ledger, in the
same transaction, whenever one of its gifts is received, starts or stops waiting for the bank, or
a refund or dispute against one changes. The Stripe event handlers (stripe_events, stripe_facts)
call it; it is re-exported from pledges.services.

Recounting (one aggregate over one campaign's gifts, under a lock on its total row) rather than
adding and subtracting keeps the stored figure equal to the ledger's sum whatever order events
come in, and twice-delivered events change nothing. The page cache is made stale once the
change commits (the campaign page shows the total)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from nolimits import pagecache
from pledges.models import Adjustment, CampaignTotal, Donation


def ledger_sum(campaign_id: int) -> dict:
    """What the ledger says now: received (succeeded gifts plus their refund and dispute lines,
    which are negative), pending and the number of people who gave."""
    gifts = Donation.objects.filter(campaign_id=campaign_id)
    agg = gifts.aggregate(
        received=Coalesce(Sum("amount_pence", filter=Q(status=Donation.Status.SUCCEEDED)), 0),
        pending=Coalesce(Sum("amount_pence", filter=Q(status=Donation.Status.PROCESSING)), 0),
        givers=Count("donor", filter=Q(status=Donation.Status.SUCCEEDED), distinct=True),
    )
    taken_back = Adjustment.objects.filter(donation__campaign_id=campaign_id).aggregate(
        t=Coalesce(Sum("amount_pence"), 0)
    )["t"]
    return {
        "received_pence": agg["received"] + taken_back,
        "pending_pence": agg["pending"],
        "givers": agg["givers"],
    }


def campaign_total_recount(*, campaign_id: int) -> CampaignTotal:
    """Store the campaign's total as the ledger gives it. The row is locked first, so two
    events for one campaign recount one after the other and the later sees the earlier."""
    with transaction.atomic():
        CampaignTotal.objects.get_or_create(campaign_id=campaign_id)
        total = CampaignTotal.objects.select_for_update().get(campaign_id=campaign_id)
        for name, value in ledger_sum(campaign_id).items():
            setattr(total, name, value)
        total.save()
        transaction.on_commit(pagecache.bump)
    return total


def gift_changed(donation: Donation) -> None:
    """Call after a gift's status or its refund and dispute lines change."""
    if donation.campaign_id:
        campaign_total_recount(campaign_id=donation.campaign_id)
