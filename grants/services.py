"""Every action that changes a grant application, with its checks. Logged with who and why."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grants.eligibility import eligibility
from grants.models import Application, ApplicationStatusChange, Endorsement, GrantsSettings
from nolimits.mail import send_email
from nolimits.working_days import working_days_between

SALT = "grants.endorsement"


def application_start(*, applicant) -> Application:
    existing = applicant.grant_applications.filter(status=Application.Status.DRAFT).first()
    return existing or Application.objects.create(applicant=applicant)


def application_save_step(*, application: Application, by, **answers) -> Application:
    """Save one page's answers on a draft (saved as they go: finish later, on any device)."""
    if not application.can_edit(by):
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
    send_email(to, subject, body)


def endorsement_link(endorsement: Endorsement) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(endorsement.token))
    return settings.WAGTAILADMIN_BASE_URL + reverse("grants:endorse", args=[token])


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    if not application.can_edit(by):
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
    from grants.models import Round

    if Round.objects.exists():
        current = Round.open_now()
        if current is None:
            raise ValidationError(
                "Applications are closed at the moment. Your answers are saved: you can send them when the next round opens."
            )
        application.round = current
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
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    _move(application, Application.Status.WITHDRAWN, by=by, reason=reason)


# --- Panel, decisions, payments --------------------------------------------------------------------


@transaction.atomic
def review_record(
    *,
    application: Application,
    reviewer,
    conflict_of_interest: bool,
    recommendation: str = "",
    comment: str = "",
):
    from grants import permissions
    from grants.models import Review

    allowed, why = permissions.can_review(reviewer, application)
    if not allowed:
        raise PermissionDenied(why)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.READY_FOR_PANEL:
        _move(
            application,
            Application.Status.IN_REVIEW,
            by=reviewer,
            reason="The panel started reviewing",
        )
        transaction.on_commit(
            lambda: _email(
                application.applicant.email,
                "The panel is looking at your application",
                "in_review",
                {"application": application},
            )
        )
    if application.status != Application.Status.IN_REVIEW:
        raise ValidationError("This application is not with the panel.")
    if not conflict_of_interest and recommendation not in Review.Recommendation.values:
        raise ValidationError("Choose yes, no or needs more information.")
    review, _ = Review.objects.update_or_create(
        application=application,
        reviewer=reviewer,
        defaults={
            "conflict_of_interest": conflict_of_interest,
            "recommendation": "" if conflict_of_interest else recommendation,
            "comment": "" if conflict_of_interest else comment,
            "reviewed_at": timezone.now(),
        },
    )
    return review


def _fund_lock():
    """One row every decision locks, so two decisions cannot both spend the same money."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    settings_row, _ = GrantsSettings.objects.get_or_create(site=site)
    return GrantsSettings.objects.select_for_update().get(pk=settings_row.pk)


@transaction.atomic
def application_decide(
    *,
    application: Application,
    by,
    outcome: str,
    amount_pence: int | None = None,
    message: str = "",
) -> Application:
    """The chair decides. An approval can never commit more than asked, the category's maximum
    or the fund's available balance."""
    from grants import permissions
    from grants.models import DecisionTemplate
    from pledges.selectors import fund_balance

    allowed, why = permissions.can_decide(by, application)
    if not allowed:
        raise PermissionDenied(why)
    _fund_lock()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("category", "applicant")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.IN_REVIEW:
        raise ValidationError("Only an application with the panel can be decided.")
    S = Application.Status
    if outcome == "approve":
        if not amount_pence or amount_pence <= 0:
            raise ValidationError("Enter the amount to give.")
        if amount_pence > application.amount_pence:
            raise ValidationError(
                f"The amount cannot be more than was asked for ({application.amount})."
            )
        if amount_pence > application.category.max_amount_pence:
            raise ValidationError(
                f"The amount cannot be more than the {application.category.name.lower()} maximum ({application.category.max_amount})."
            )
        available = fund_balance().available_pence
        if amount_pence > available:
            raise ValidationError(
                f"The fund has only £{max(available, 0) / 100:,.2f} available, so this cannot be approved now."
            )
        if application.round_id:
            from django.db.models import Sum

            spent = (
                Application.objects.filter(
                    round_id=application.round_id, status__in=[S.APPROVED, S.PART_APPROVED, S.PAID]
                ).aggregate(t=Sum("decided_amount_pence"))["t"]
                or 0
            )
            left = application.round.budget_pence - spent
            if amount_pence > left:
                raise ValidationError(
                    f"{application.round.name} has only £{max(left, 0) / 100:,.2f} of its budget left."
                )
        to = S.APPROVED if amount_pence == application.amount_pence else S.PART_APPROVED
    elif outcome == "decline":
        to, amount_pence = S.DECLINED, None
    elif outcome == "more_info":
        to, amount_pence = S.MORE_INFO, None
    else:
        raise ValidationError("Choose a decision.")
    if not message.strip():
        template = DecisionTemplate.objects.filter(outcome=to).first()
        message = template.render(application, amount_pence) if template else ""
    if not message.strip():
        raise ValidationError("Write a message to the applicant.")
    application.decided_amount_pence, application.decision_message = amount_pence, message.strip()
    application.decided_by, application.decided_at = by, timezone.now()
    application.save()
    _move(application, to, by=by, reason="The panel decided")
    transaction.on_commit(
        lambda: _email(
            application.applicant.email,
            "The panel has decided",
            "decided",
            {"application": application},
        )
    )
    return application


@transaction.atomic
def payment_record(
    *, application: Application, by, amount_pence: int, paid_on, method: str, reference: str
):
    from grants.models import GrantPayment

    if not by.has_perm("grants.record_grant_payment"):
        raise PermissionDenied("Only Finance records payments.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (Application.Status.APPROVED, Application.Status.PART_APPROVED):
        raise ValidationError("Only an approved application can be paid.")
    if amount_pence > (application.decided_amount_pence or 0):
        raise ValidationError("The payment cannot be more than the panel approved.")
    if paid_on > timezone.localdate():
        raise ValidationError("The payment date cannot be in the future.")
    payment = GrantPayment(
        application=application,
        amount_pence=amount_pence,
        paid_on=paid_on,
        method=method,
        reference=reference,
        recorded_by=by,
    )
    payment.full_clean()
    payment.save()
    _move(
        application,
        Application.Status.PAID,
        by=by,
        reason=f"Paid by {payment.get_method_display().lower()}",
    )
    transaction.on_commit(
        lambda: _email(
            application.applicant.email,
            "Your grant has been paid",
            "paid",
            {"application": application},
        )
    )
    return payment


@transaction.atomic
def thank_you_write(*, application: Application, by, message: str, consent_to_share: bool):
    from grants.models import ThankYou

    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in (Application.Status.PAID, Application.Status.CLOSED):
        raise ValidationError("You can say thank you once your grant is paid.")
    thanks, _ = ThankYou.objects.update_or_create(
        application=application, defaults={"message": message, "consent_to_share": consent_to_share}
    )
    return thanks


def anonymise_old_applications(*, today=None) -> int:
    """Closed applications lose personal details after the retention period in site settings."""
    import datetime as dt

    today = today or timezone.localdate()
    days = GrantsSettings.objects.first().retention_days if GrantsSettings.objects.exists() else 730
    cutoff = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=days), dt.time.min))
    finished = [
        Application.Status.CLOSED,
        Application.Status.DECLINED,
        Application.Status.WITHDRAWN,
        Application.Status.PAID,
    ]
    old = Application.objects.filter(
        status__in=finished, updated_at__lt=cutoff, anonymised_at__isnull=True
    )
    count = 0
    for application in old:
        Application.objects.filter(pk=application.pk).update(
            date_of_birth=None,
            how_it_helps="",
            quotes_and_links="",
            worker_name="",
            worker_email="",
            decision_message="",
            anonymised_at=timezone.now(),
        )
        application.endorsements.update(comment="", sent_to="removed@example.invalid")
        application.reviews.update(comment="")
        count += 1
    return count


# --- Proof of spend and endorsement reminders ------------------------------------------------------


@transaction.atomic
def proof_of_spend_upload(*, application: Application, by, upload) -> None:
    from volunteers.services import receipt_type

    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in (
        Application.Status.PAID,
        Application.Status.APPROVED,
        Application.Status.PART_APPROVED,
    ):
        raise ValidationError("You can send proof of spending once your grant is approved.")
    try:
        application.proof_of_spend_content_type = receipt_type(upload)
    except ValidationError as exc:
        raise ValidationError(" ".join(exc.messages).replace("receipt", "file")) from exc
    application.proof_of_spend = upload
    application.save()


def endorsement_reminders(*, today=None) -> int:
    """Not endorsed in N working days: remind the worker once; N more: tell the panel chairs once."""
    from nolimits.models import User

    today = today or timezone.localdate()
    n = (
        GrantsSettings.objects.first().endorsement_reminder_working_days
        if GrantsSettings.objects.exists()
        else 5
    )
    sent = 0
    waiting = Endorsement.objects.filter(
        used_at__isnull=True, application__status=Application.Status.AWAITING_ENDORSEMENT
    ).select_related("application__applicant")
    for endorsement in waiting:
        waited = working_days_between(timezone.localdate(endorsement.sent_at), today)
        if waited >= n and not endorsement.reminded_at:
            link = endorsement_link(endorsement)
            _email(
                endorsement.sent_to,
                "Reminder: please support a grant application",
                "endorse",
                {"application": endorsement.application, "link": link, "days": "a few more"},
            )
            endorsement.reminded_at = timezone.now()
            endorsement.save(update_fields=["reminded_at"])
            sent += 1
        elif waited >= 2 * n and not endorsement.escalated_at:
            chairs = list(
                User.objects.filter(groups__name="Grants panel chairs", is_active=True).values_list(
                    "email", flat=True
                )
            )
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


@transaction.atomic
def application_start_for(*, worker, full_name: str, email: str) -> Application:
    """A worker starts an application with a young person beside them. The young person gets an
    account (they set their own password from an email) so they can follow it themselves."""
    from allauth.account.models import EmailAddress

    from nolimits.models import User

    if worker.kind != User.Kind.STAFF:
        raise PermissionDenied("Only council staff can start an application for someone.")
    email = email.strip().lower()
    young = User.objects.filter(email=email).first()
    if young is None:
        young = User(
            email=email, full_name=" ".join(full_name.split()), kind=User.Kind.YOUNG_PERSON
        )
        young.set_unusable_password()
        young.full_clean(exclude=["password"])
        young.save()
        EmailAddress.objects.create(user=young, email=email, verified=False, primary=True)
    elif young.kind != User.Kind.YOUNG_PERSON:
        raise ValidationError("That email address belongs to someone who is not a young person.")
    application = Application.objects.create(
        applicant=young, started_by=worker, worker_name=worker.full_name, worker_email=worker.email
    )
    transaction.on_commit(
        lambda: _email(
            young.email,
            "Your worker started a grant application with you",
            "started_for_you",
            {"application": application, "worker": worker},
        )
    )
    return application
