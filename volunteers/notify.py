"""Emails that make the volunteering workflow happen, each sent once.

Every email goes through nolimits.mail.send_email after the action's transaction commits. Each has
a key (what happened, to which record, for whom) stored in ReminderSent in the same transaction,
so a retried or repeated action finds the key and sends nothing the second time.
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
    except IntegrityError:
        return False
    send_email(recipients, subject, body)  # in the same transaction as the marker
    return True


def coordinators() -> list[str]:
    from nolimits.models import User

    return list(
        User.objects.filter(groups__name="Volunteer coordinators", is_active=True).values_list(
            "email", flat=True
        )
    )
