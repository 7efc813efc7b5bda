"""The worker's endorsement: a signed, expiring, single-use link, and their answer."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from grants.models import Application, Endorsement
from grants.services.common import Event, grants_settings, tell_applicant
from nolimits import states

SALT = "grants.endorsement"


def endorsement_link(endorsement: Endorsement) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(endorsement.token))
    return settings.WAGTAILADMIN_BASE_URL + reverse("grants:endorse", args=[token])


def endorsement_link_days() -> int:
    found = grants_settings()
    return found.endorsement_link_days if found else 14


class LinkProblem(Exception):
    """The endorsement link is tampered, expired or already used; the message says which, kindly."""


def endorsement_from_link(token: str) -> Endorsement:
    days = endorsement_link_days()
    try:
        value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=days * 86400)
    except signing.SignatureExpired as exc:
        raise LinkProblem(
            "This link has expired. Ask the young person or the No Limits team to send a new one."
        ) from exc
    except signing.BadSignature as exc:
        raise LinkProblem(
            "This link is not right. Check you copied all of it from the email."
        ) from exc
    endorsement = (
        Endorsement.objects.select_related("application__category", "application__applicant")
        .filter(token=value)
        .first()
    )
    if endorsement is None:
        raise LinkProblem("This link is not right. Check you copied all of it from the email.")
    if endorsement.used_at:
        raise LinkProblem("This link has already been used. Thank you: your answer is recorded.")
    return endorsement


@transaction.atomic
def endorsement_record(
    *, token: str, endorsed: bool, care_experienced_confirmed: bool, comment: str
) -> Endorsement:
    endorsement = endorsement_from_link(token)
    endorsement = Endorsement.objects.select_for_update().get(pk=endorsement.pk)
    if endorsement.used_at:
        raise LinkProblem("This link has already been used. Thank you: your answer is recorded.")
    if endorsed and not care_experienced_confirmed:
        raise ValidationError(
            "To support the application, confirm the young person is care experienced."
        )
    endorsement.endorsed, endorsement.care_experienced_confirmed, endorsement.comment = (
        endorsed,
        care_experienced_confirmed,
        comment,
    )
    endorsement.used_at = timezone.now()
    endorsement.save()
    application = endorsement.application
    states.move(
        application,
        Application.Status.READY_FOR_PANEL,
        event=Event.ENDORSED if endorsed else Event.NOT_ENDORSED,
        endorsement=endorsement,
    )
    tell_applicant(application, "Your application is ready for the panel", "ready", {})
    return endorsement
