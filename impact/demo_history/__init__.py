"""About 18 months of demo history, ending today: giving, volunteering, matching and grants, so a
newcomer's first look at the impact page, the dashboards and the board report shows real figures.

Built once by `manage.py load_demo` (impact/demo_content.py), with a fixed seed, so the history
is the same every time (its dates end on the day it is loaded). Each event happens at its own past
moment through the apps' services and nolimits.states.move, so every status log says when; the
many monthly gifts are bulk-created with the log rows Stripe's events would have written. On the
top floor: it may use every app."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from wagtail.signal_handlers import disable_reference_index_auto_update

from grants.fund import rebuild_ledger
from impact.demo_history import awards, giving, time_given, young_people
from impact.demo_history.common import History
from nolimits import mail
from nolimits.models import User
from pledges.models import CampaignPage
from pledges.services import campaign_total_recount
from volunteers import services as volunteering

# The first giver the history makes: when they exist, the history is there (load_demo again
# changes nothing).
MARKER_EMAIL = "amara.adeyemi.giver1@example.org"


def is_built() -> bool:
    return User.objects.filter(email=MARKER_EMAIL).exists()


@transaction.atomic
def load() -> None:
    """Build the history, unless it is there already."""
    if is_built():
        return
    history = History(now=timezone.now().replace(microsecond=0))
    # What the services would have sent then is no news now; and, as when Wagtail loads fixtures,
    # the records are not added to its reference index one save at a time (a third of the time).
    with mail.not_for_the_past(), disable_reference_index_auto_update():
        giving.build(history)
        # Gifts written in bulk move neither the fund's ledger nor a campaign's stored total one
        # by one: set the ledger from the records now (the panel's decisions below read it) and
        # the campaigns' totals at the end, as the daily ledger check and each Stripe event would.
        rebuild_ledger()
        volunteers = time_given.build(history)
        young_people.build(history, volunteers)
        awards.build(history)
    # The stored clearance summaries were worked out on each past day: work them out for today.
    volunteering.clearance_context_changed()
    for campaign_id in CampaignPage.objects.values_list("pk", flat=True):
        campaign_total_recount(campaign_id=campaign_id)
