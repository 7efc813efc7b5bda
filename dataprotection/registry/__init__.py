"""Where each person's data lives: for every model that holds something about a person, how to
find that person's rows and which fields are theirs.

A person is a `Subject`: someone with an account (a donor, a volunteer, a young person who
applies for grants, a booker, a member of staff) or a young person referred for a mentor, who has
no account (matching.YoungPerson). Each `Source` finds one kind of row for one of them.

What a person's copy shows of other people (decided here, tested in
tests/dataprotection/test_isolation.py):
- A match shows the other side by first name only (the volunteer to the young person, the young
  person to the volunteer), never contact details or what was recorded about them.
- The volunteer's session notes, the coordinator's review notes and the reasons given for a
  match's changes are the young person's story as much as the volunteer's: review notes and match
  reasons go to the young person; session notes (the volunteer wrote them) to the volunteer; the
  young person sees the dates and lengths of the sessions with them.
- Workers' and referees' contact details (email, phone) are theirs and are withheld; their names
  are shown (who referred you, who gave you a reference).
- Panel members' reviews of an application are shown without the reviewer's name; staff who
  opened a record are named in the audit log lines (they acted for the council).

Models of our apps with text or file fields that are not here are in NOT_PERSONAL with the
reason; the completeness test fails for a model in neither.
"""

from __future__ import annotations

from django.db import models

from dataprotection.registry.base import (
    Source,
    Subject,
    log_entries_about,
    messages_to,
    stripe_events_about,
)
from dataprotection.registry.grants import GRANTS
from dataprotection.registry.people import ACCOUNT_AND_GIVING
from dataprotection.registry.time import TIME_AND_MATCHES

__all__ = [
    "NOT_PERSONAL",
    "OUR_APPS",
    "SOURCES",
    "Source",
    "Subject",
    "log_entries_about",
    "messages_to",
    "sources_for",
    "stripe_events_about",
]

SOURCES: list[Source] = [*ACCOUNT_AND_GIVING, *TIME_AND_MATCHES, *GRANTS]

# Our models with text or file fields that hold nothing about a person, and why.
PAGES = "Published page content editors write, not a record about a person."
SETTINGS = "Site settings editors keep for the whole site."
SYSTEM = "System records: ids and machine words, nothing about a person."
NOT_PERSONAL: dict[str, str] = {
    "impact.ImpactPage": PAGES,
    "dataprotection.PrivacyNoticePage": PAGES,
    "impact.Encouragement": "Messages programme leads write for directorate champions to share.",
    "impact.BoardReport": "The board report's kept files: figures only, never names; its label "
    "names the period.",
    "dataprotection.RetentionRun": "Counts of records removed each day, per kind: no contents.",
    "nolimits.HomePage": PAGES,
    "nolimits.ContentPage": PAGES,
    "nolimits.StoryIndexPage": PAGES,
    "nolimits.StoryPage": PAGES
    + " A story made from a thank-you is published only with the young person's consent; the"
    " thank-you itself is in their copy.",
    "pledges.CampaignPage": PAGES,
    "volunteers.OpportunityIndexPage": PAGES,
    "grants.FundPage": PAGES,
    "nolimits.SiteSettings": SETTINGS,
    "nolimits.NavigationSettings": SETTINGS,
    "pledges.GivingSettings": SETTINGS,
    "impact.OpenDataSettings": SETTINGS,
    "nolimits.WorkerHeartbeat": SYSTEM,
    "nolimits.OutboxStatusChange": SYSTEM + " (sending attempts of a message)",
    "nolimits.KeptList": "A copy, for 15 minutes at most, of what a person's own page shows from"
    " records in their copy (nolimits.kept_lists); erasure deletes it.",
    "pledges.StripeEventStatusChange": SYSTEM + " (processing of a Stripe event)",
    "pledges.StripeProduct": SYSTEM,
    "pledges.PayoutLine": "Stripe payout lines: amounts and Stripe ids, joined to a gift by id.",
    "pledges.GiftAidClaim": "A claim sent to HMRC: a reference and totals; the gifts in it are in"
    " each donor's copy.",
    "volunteers.ReminderSent": SYSTEM + " (keys like dbs-recheck-12-30)",
    "volunteers.Handbook": "The handbook's versions: the same for everyone.",
    "volunteers.TrainingCourse": "The courses offered: the same for everyone.",
    "grants.Category": "Grant categories: the same for everyone.",
    "grants.Round": "Funding rounds: the same for everyone.",
    "grants.DecisionTemplate": "Wording templates for decisions: the same for everyone.",
    "dataprotection.Erasure": "Names the erased person by a reference only (user 42), never by"
    " name.",
}

OUR_APPS = ("nolimits", "pledges", "volunteers", "matching", "grants", "impact", "dataprotection")


def sources_for(subject: Subject) -> list[tuple[Source, models.QuerySet]]:
    """Each source with the subject's rows (sources that cannot hold them are left out)."""
    out = []
    for source in SOURCES:
        rows = source.find(subject)
        if rows is not None:
            out.append((source, rows.order_by("pk")))
    return out
