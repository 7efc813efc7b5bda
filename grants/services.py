"""Every action that changes a grant application, with its checks. Logged with who and why."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grants.eligibility import eligibility
from grants.models import Application, ApplicationStatusChange, Endorsement, GrantsSettings

SALT = "grants.endorsement"


def application_start(*, applicant) -> Application:
    existing = applicant.grant_applications.filter(status=Application.Status.DRAFT).first()
    return existing or Application.objects.create(applicant=applicant)


def application_save_step(*, application: Application, by, **answers) -> Application:
    """Save one page's answers on a draft (saved as they go: finish later, on any device)."""
    if application.applicant_id != by.pk:
        raise PermissionDenied("This is not your application.")
    if application.status not in (Application.Status.DRAFT, Application.Status.MORE_INFO):
        raise ValidationError("This application has been sent, so it cannot be changed here.")
    for field, value in answers.items():
        setattr(application, field, value)
    application.save()
    return application


def missing_answers(application: Application) -> list[tuple[str, str]]:
    """(step, message) for every answer still needed, in order."""
    missing = []
    if application.date_of_birth is None or application.care_experienced is None:
        missing.append(
            ("about_you", "Tell us your date of birth and whether you have been in care")
        )
    if application.category_id is None:
        missing.append(("category", "Choose what kind of thing it is for"))
    if not application.what_for:
        missing.append(("what_for", "Tell us what the money is for"))
    if not application.amount_pence:
        missing.append(("amount", "Tell us how much you need"))
    elif application.category and application.amount_pence > application.category.max_amount_pence:
        missing.append(
            (
                "amount",
                f"The most we can give for {application.category.name.lower()} is {application.category.max_amount}",
            )
        )
    if not application.how_it_helps:
        missing.append(("how_it_helps", "Tell us how it will help you"))
    if not application.worker_name or not application.worker_email:
        missing.append(("worker", "Tell us your worker's name and email"))
    return missing


def _move(
    application: Application, to: str, *, by=None, by_description: str = "", reason: str
) -> None:
    if to not in Application.TRANSITIONS[application.status]:
        raise ValidationError(
            f"An application cannot go from “{application.get_status_display()}” to “{Application.Status(to).label}”."
        )
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to,
        by=by,
        by_description=by_description,
        reason=reason,
    )
    application.status = to
    application.save(update_fields=["status", "updated_at"])


def _email(to: str, subject: str, template: str, context: dict) -> None:
    body = render_to_string(
        f"grants/email/{template}.txt", {**context, "base_url": settings.WAGTAILADMIN_BASE_URL}
    )
    send_mail(f"[No Limits] {subject}", body, settings.DEFAULT_FROM_EMAIL, [to])


def endorsement_link(endorsement: Endorsement) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(endorsement.token))
    return settings.WAGTAILADMIN_BASE_URL + reverse("grants:endorse", args=[token])


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    if application.applicant_id != by.pk:
        raise PermissionDenied("This is not your application.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    ok, why = eligibility(
        date_of_birth=application.date_of_birth, care_experienced=application.care_experienced
    )
    if not ok:
        raise ValidationError(why)
    missing = missing_answers(application)
    if missing:
        raise ValidationError([m for _, m in missing])
    application.submitted_at = timezone.now()
    _move(application, Application.Status.SUBMITTED, by=by, reason="Sent by the applicant")
    endorsement = Endorsement.objects.create(
        application=application, sent_to=application.worker_email
    )
    _move(
        application,
        Application.Status.AWAITING_ENDORSEMENT,
        by=by,
        reason=f"Endorsement asked of {application.worker_email}",
    )
    link = endorsement_link(endorsement)
    days = (
        GrantsSettings.objects.first().endorsement_link_days
        if GrantsSettings.objects.exists()
        else 14
    )
    transaction.on_commit(
        lambda: _email(
            application.worker_email,
            "Please support a grant application",
            "endorse",
            {"application": application, "link": link, "days": days},
        )
    )
    transaction.on_commit(
        lambda: _email(
            application.applicant.email,
            "We have your application",
            "received",
            {"application": application},
        )
    )
    return application


class LinkProblem(Exception):
    """The endorsement link is tampered, expired or already used; the message says which, kindly."""


def endorsement_from_link(token: str) -> Endorsement:
    days = (
        GrantsSettings.objects.first().endorsement_link_days
        if GrantsSettings.objects.exists()
        else 14
    )
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
    verdict = "supported" if endorsed else "did not support"
    _move(
        application,
        Application.Status.READY_FOR_PANEL,
        by_description=f"Worker {endorsement.sent_to}",
        reason=f"The worker {verdict} the application",
    )
    transaction.on_commit(
        lambda: _email(
            application.applicant.email,
            "Your application is ready for the panel",
            "ready",
            {"application": application},
        )
    )
    return endorsement


@transaction.atomic
def application_withdraw(
    *, application: Application, by, reason: str = "Withdrawn by the applicant"
) -> None:
    if application.applicant_id != by.pk:
        raise PermissionDenied("This is not your application.")
    _move(application, Application.Status.WITHDRAWN, by=by, reason=reason)
