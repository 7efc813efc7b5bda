"""The pledges app's demo content: campaigns to give to. Loaded by `manage.py load_demo`."""

import datetime as dt

from django.utils import timezone

from nolimits.demo import p
from nolimits.models import HomePage
from pledges.models import CampaignPage

# slug -> (title, summary, target in pence, body paragraphs, suggested amounts)
CAMPAIGNS = {
    "gift-of-giving": (
        "The Gift of Giving",
        "Every Christmas we give a book or a voucher to every child in our care and every care "
        "leaver. Help us reach them all this year.",
        500_000,
        [
            "A present with their name on it tells a young person that someone thought of them. "
            "£10 buys a book; £25 buys a voucher for a care leaver to spend as they choose.",
            "Gifts are wrapped by volunteers from across the council and delivered by social "
            "workers and personal advisers before Christmas.",
        ],
        "10, 25, 50",
    ),
    "starter-packs": (
        "Starter packs",
        "Help young people at big moments: setting up their first home, going to university, "
        "or getting ready for a baby.",
        1_000_000,
        [
            "A home starter pack has pans, bedding, a kettle and the things nobody thinks of until "
            "they move in. A university pack has a laptop bag, bedding and kitchen basics. A baby "
            "pack has the essentials for the first weeks.",
            "Each pack costs about £150. Any amount helps.",
        ],
        "15, 50, 150",
    ),
}


def load(home: HomePage) -> None:

    today = timezone.localdate()
    for slug, (title, summary, target, paragraphs, amounts) in CAMPAIGNS.items():
        if CampaignPage.objects.child_of(home).filter(slug=slug).exists():
            continue
        campaign = CampaignPage(
            title=title,
            slug=slug,
            summary=summary,
            target_pence=target,
            starts_on=today - dt.timedelta(days=30),
            ends_on=None,
            suggested_amounts=amounts,
            body=[p(*paragraphs)],
            show_in_menus=False,
        )
        home.add_child(instance=campaign)
        campaign.save_revision().publish()
