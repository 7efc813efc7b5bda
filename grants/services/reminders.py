"""Endorsements not back in time: remind the worker once, then tell the panel chairs once."""

from __future__ import annotations

from django.utils import timezone

from grants.models import Application, Endorsement
from grants.services.common import email, grants_settings, panel_chairs
from grants.services.endorsement import endorsement_link
from nolimits.mail import send_email
from nolimits.working_days import working_days_between


def endorsement_reminders(*, today=None) -> int:
    """Not endorsed in N working days: remind the worker once; N more: tell the panel chairs once.
    Working days skip weekends and UK bank holidays (nolimits.working_days)."""
    today = today or timezone.localdate()
    found = grants_settings()
    n = found.endorsement_reminder_working_days if found else 5
    sent = 0
    waiting = Endorsement.objects.filter(
        used_at__isnull=True, application__status=Application.Status.AWAITING_ENDORSEMENT
    ).select_related("application__applicant")
    for endorsement in waiting:
        waited = working_days_between(timezone.localdate(endorsement.sent_at), today)
        if waited >= n and not endorsement.reminded_at:
            link = endorsement_link(endorsement)
            email(
                endorsement.sent_to,
                "Reminder: please support a grant application",
                "endorse",
                {"application": endorsement.application, "link": link, "days": "a few more"},
            )
            endorsement.reminded_at = timezone.now()
            endorsement.save(update_fields=["reminded_at"])
            sent += 1
        elif waited >= 2 * n and not endorsement.escalated_at:
            chairs = list(panel_chairs().values_list("email", flat=True))
            if chairs:
                send_email(
                    chairs,
                    f"Endorsement not back for {endorsement.application.reference}",
                    f"The worker ({endorsement.sent_to}) has not replied about {endorsement.application.reference} after {waited} working days, "
                    "even after a reminder. Please follow it up.",
                )
            endorsement.escalated_at = timezone.now()
            endorsement.save(update_fields=["escalated_at"])
            sent += 1
    return sent
