"""What every grants service shares: the site's grants settings, the panel chairs, and the one
way each service tells people (an email to a worker or the panel, a message to the applicant)."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string

from grants.models import Application, ApplicationStatusChange, GrantsSettings
from nolimits.mail import send_email, send_to_person
from nolimits.models import User
from nolimits.roles import GRANTS_PANEL_CHAIRS

Event = ApplicationStatusChange.Event


def grants_settings() -> GrantsSettings | None:
    return GrantsSettings.objects.first()


def panel_chairs():
    return User.objects.filter(groups__name=GRANTS_PANEL_CHAIRS, is_active=True)


def email(to, subject: str, template: str, context: dict) -> None:
    body = render_to_string(
        f"grants/email/{template}.txt", {**context, "base_url": settings.WAGTAILADMIN_BASE_URL}
    )
    send_email(to, subject, body)


def tell_applicant(application: Application, subject: str, template: str, context: dict) -> None:
    """Every message to the applicant goes through here, queued in the change's own
    transaction (the outbox sends it once it is committed): by
    email, or by text message when the young person chose texts (nolimits.mail.send_to_person)."""
    applicant = application.applicant
    body = render_to_string(
        f"grants/email/{template}.txt",
        {"application": application, **context, "base_url": settings.WAGTAILADMIN_BASE_URL},
    )
    send_to_person(applicant, subject, body)
