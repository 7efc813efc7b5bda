"""Emails that make the volunteering workflow happen, each sent once.

Every email goes through nolimits.mail.send_email, whose outbox row is written in the same
transaction as the action and as the email's key (what happened, to which record, for whom) in
ReminderSent: both are kept or neither, and a retried or repeated action finds the key and sends
nothing the second time.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from nolimits.mail import send_email
from volunteers.models import ReminderSent


def email_once(key: str, to: str | Iterable[str], subject: str, body: str) -> bool:
    """Send once per key, after commit. False if there is nobody to send to or it was sent."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    if not recipients:
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key[:200])
            send_email(recipients, subject, body)  # the outbox row commits with the marker
    except IntegrityError:
        return False
    return True


def coordinators() -> list[str]:
    from nolimits.models import User

    return list(
        User.objects.filter(groups__name="Volunteer coordinators", is_active=True).values_list(
            "email", flat=True
        )
    )
