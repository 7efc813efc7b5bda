"""Where the registry finds a young person's grant applications."""

from __future__ import annotations

from dataprotection.registry.base import (
    LOG,
    OpenGrantReference,
    Source,
    of_user,
)
from grants.models import (
    Application,
    ApplicationLogEntry,
    ApplicationStatusChange,
    Endorsement,
    GrantPayment,
    Review,
    ThankYou,
)

GRANTS: list[Source] = [
    # --- grants ---
    Source(
        Application,
        "Grant applications",
        of_user(lambda u: u.grant_applications.all()),
        withheld={
            "proof_of_spend_content_type": "The file's type (the file is included).",
            "worker_email": "Your worker's own contact details.",
        },
        extra={
            "reference": lambda a: a.reference,
            "category": lambda a: a.category.name if a.category_id else "",
        },
    ),
    Source(
        ApplicationStatusChange,
        "Steps of your grant applications",
        of_user(lambda u: ApplicationStatusChange.objects.filter(application__applicant=u)),
        fields=("from_status", "to_status", "event", "at", "data"),
        withheld={"reason": "Always empty here: these steps carry no free text."},
    ),
    Source(
        Endorsement,
        "Your worker's endorsements",
        of_user(lambda u: Endorsement.objects.filter(application__applicant=u)),
        withheld={"sent_to": "Your worker's own email address."},
    ),
    Source(
        Review,
        "The panel's reviews of your applications",
        of_user(lambda u: Review.objects.filter(application__applicant=u)),
    ),
    Source(
        GrantPayment,
        "Grant payments",
        of_user(lambda u: GrantPayment.objects.filter(application__applicant=u)),
    ),
    Source(
        ThankYou,
        "Your thank-yous",
        of_user(lambda u: ThankYou.objects.filter(application__applicant=u)),
    ),
    Source(
        OpenGrantReference,
        "How your grants are published as open data (no name)",
        of_user(lambda u: OpenGrantReference.objects.filter(application__applicant=u)),
    ),
    Source(
        ApplicationLogEntry,
        "Who opened your grant applications",
        of_user(lambda u: ApplicationLogEntry.objects.filter(application__applicant=u)),
        fields=("label", "action", "timestamp"),
        withheld={"data": "Technical details of the log entry.", "uuid": "Technical."},
        extra=LOG,
    ),
]
