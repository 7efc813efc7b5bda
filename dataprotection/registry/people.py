"""Where the registry finds a person's account and their giving."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from dataprotection.models import AccessExport
from dataprotection.registry.base import (
    STATUS_FIELDS,
    Source,
    messages_to,
    of_user,
    stripe_events_about,
)
from nolimits.models import OutboxMessage, User
from pledges.models import (
    Adjustment,
    Donation,
    DonationStatusChange,
    GiftAidDeclaration,
    Pledge,
    PledgeStatusChange,
    StripeEvent,
)

ACCOUNT_AND_GIVING: list[Source] = [
    # --- the account ---
    Source(
        User,
        "Your account",
        of_user(lambda u: User.objects.filter(pk=u.pk)),
        withheld={"password": "A one-way scramble of the password: it cannot be read."},
        extra={"roles": lambda u: ", ".join(u.groups.values_list("name", flat=True))},
    ),
    Source(EmailAddress, "Email addresses", of_user(lambda u: EmailAddress.objects.filter(user=u))),
    Source(
        Authenticator,
        "Two-factor authentication",
        of_user(lambda u: Authenticator.objects.filter(user=u)),
        fields=("type", "created_at", "last_used_at"),
        withheld={"data": "The secret your authenticator app holds: never shown."},
    ),
    Source(
        OutboxMessage,
        "Emails and text messages we sent you",
        of_user(lambda u: messages_to(u.email)),
        withheld={
            "last_error": "The mail server's technical reply.",
            "provider_reference": "GOV.UK Notify's id for the message.",
        },
    ),
    Source(
        AccessExport,
        "Copies of your data made before",
        of_user(lambda u: AccessExport.objects.filter(subject_user=u)),
        withheld={"file": "The earlier copy itself."},
        extra={"requested by": lambda e: e.requested_by.full_name},
    ),
    # --- giving money ---
    Source(Pledge, "Monthly pledges", of_user(lambda u: u.pledges.all())),
    Source(
        PledgeStatusChange,
        "Changes to your pledges",
        of_user(lambda u: PledgeStatusChange.objects.filter(pledge__donor=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Donation,
        "Gifts",
        of_user(lambda u: u.donations.all()),
        extra={
            "campaign": lambda d: d.campaign.title if d.campaign_id else "",
            "receipt number": lambda d: d.receipt_number,
            "Gift Aid claim": lambda d: d.gift_aid_claim.reference if d.gift_aid_claim_id else "",
        },
    ),
    Source(
        DonationStatusChange,
        "Changes to your gifts",
        of_user(lambda u: DonationStatusChange.objects.filter(donation__donor=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Adjustment,
        "Refunds and disputes",
        of_user(lambda u: Adjustment.objects.filter(donation__donor=u)),
    ),
    Source(
        GiftAidDeclaration,
        "Gift Aid declarations",
        of_user(lambda u: u.gift_aid_declarations.all()),
    ),
    Source(
        StripeEvent,
        "What Stripe told us about your payments",
        of_user(stripe_events_about),
        fields=("event_id", "type", "created", "payload", "received_at"),
        withheld={"error": "Our own processing notes."},
    ),
]
