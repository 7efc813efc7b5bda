"""The one way the site sends an email. Every app calls `send_email`; nothing else sends mail.

Subjects get the "[No Limits]" prefix here, so callers pass the plain subject.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail


def send_email(to: str | Iterable[str], subject: str, body: str) -> None:
    """Send a plain-text email to one address or several."""
    recipients = [to] if isinstance(to, str) else [address for address in to if address]
    if not recipients:
        return
    send_mail(f"[No Limits] {subject}", body, settings.DEFAULT_FROM_EMAIL, recipients)
