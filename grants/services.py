"""Every action that changes a grant application, with its checks. Each change of status is
logged as a structured event (who, what, when): grants.history words it for each reader."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from grants.eligibility import eligibility
from grants.models import Application, ApplicationStatusChange, Endorsement, GrantsSettings, Review
from nolimits import files
from nolimits.mail import send_email, send_to_person
from nolimits.money import pounds
from nolimits.working_days import working_days_between

SALT = "grants.endorsement"
Event = ApplicationStatusChange.Event


def _settings() -> GrantsSettings | None:
    return GrantsSettings.objects.first()


def application_start(*, applicant) -> Application:
    existing = applicant.grant_applications.filter(status=Application.Status.DRAFT).first()
    return existing or Application.objects.create(applicant=applicant)


def application_save_step(*, application: Application, by, **answers) -> Application:
    """Save one page's answers on a draft (saved as they go: finish later, on any device)."""
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in Application.EDITABLE:
        raise ValidationError("This application has been sent, so it cannot be changed here.")
    for field, value in answers.items():
        setattr(application, field, value)
    application.save()
    return application


def missing_answers(application: Application) -> list[tuple[str, str]]:
    """(step, message) for every answer still needed, in order."""
    missing = []
    if application.date_of_birth is None:
        missing.append(("date_of_birth", "Tell us your date of birth"))
    if application.care_experienced is None:
        missing.append(("in_care", "Tell us whether you have been in care"))
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
    elif application.worker_email.strip().lower() in _not_the_endorser(application):
        missing.append(
            (
                "worker",
                "The worker who supports the application must be someone else: not you, and not "
                "the worker who started it with you",
            )
        )
    return missing


def _not_the_endorser(application: Application) -> set[str]:
    """The applicant and the worker who started the application never endorse it."""
    people = [application.applicant, application.started_by]
    return {person.email.lower() for person in people if person is not None and person.email}


def _move(
    application: Application,
    to: str,
    *,
    event: str,
    by=None,
    endorsement: Endorsement | None = None,
    data: dict | None = None,
) -> None:
    """The one way an application's status changes: checked against the table, logged as an event."""
    if to not in Application.TRANSITIONS[application.status]:
        raise ValidationError(
            f"An application cannot go from “{application.get_status_display()}” to “{Application.Status(to).label}”."
        )
    ApplicationStatusChange.objects.create(
        application=application,
        from_status=application.status,
        to_status=to,
        event=event,
        by=by,
        endorsement=endorsement,
        data=data or {},
    )
    application.status = to
    application.save(update_fields=["status", "updated_at"])


def _email(to, subject: str, template: str, context: dict) -> None:
    body = render_to_string(
        f"grants/email/{template}.txt", {**context, "base_url": settings.WAGTAILADMIN_BASE_URL}
    )
    send_email(to, subject, body)


def _tell_applicant(application: Application, subject: str, template: str, context: dict) -> None:
    """Every message to the applicant goes through here, once the change is committed: by
    email, or by text message when the young person chose texts (nolimits.mail.send_to_person)."""
    applicant = application.applicant
    body = render_to_string(
        f"grants/email/{template}.txt",
        {"application": application, **context, "base_url": settings.WAGTAILADMIN_BASE_URL},
    )
    transaction.on_commit(lambda: send_to_person(applicant, subject, body))


def endorsement_link(endorsement: Endorsement) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(endorsement.token))
    return settings.WAGTAILADMIN_BASE_URL + reverse("grants:endorse", args=[token])


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Send the application (or, when the panel asked for more information, send it again)."""
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.MORE_INFO:
        return _send_again(application, by=by)
    if application.status != Application.Status.DRAFT:
        raise ValidationError("This application has already been sent.")
    _check_answers(application)
    from grants.models import Round

    if Round.objects.exists():
        current = Round.open_now()
        if current is None:
            raise ValidationError(
                "Applications are closed at the moment. Your answers are saved: you can send them when the next round opens."
            )
        application.round = current
    application.submitted_at = timezone.now()
    application.save(update_fields=["submitted_at", "round", "updated_at"])
    _move(application, Application.Status.SUBMITTED, event=Event.SENT, by=by)
    endorsement = Endorsement.objects.create(
        application=application,
        sent_to=application.worker_email,
        worker_name=application.worker_name,
    )
    _move(
        application,
        Application.Status.AWAITING_ENDORSEMENT,
        event=Event.ENDORSEMENT_ASKED,
        endorsement=endorsement,
    )
    link = endorsement_link(endorsement)
    days = _settings().endorsement_link_days if _settings() else 14
    transaction.on_commit(
        lambda: _email(
            application.worker_email,
            "Please support a grant application",
            "endorse",
            {"application": application, "link": link, "days": days},
        )
    )
    _tell_applicant(application, "We have your application", "received", {})
    return application


def _check_answers(application: Application) -> None:
    ok, why = eligibility(
        date_of_birth=application.date_of_birth, care_experienced=application.care_experienced
    )
    if not ok:
        raise ValidationError(why)
    missing = missing_answers(application)
    if missing:
        raise ValidationError([m for _, m in missing])


def _send_again(application: Application, *, by) -> Application:
    """More information given: back to the panel, whose members review it afresh."""
    _check_answers(application)
    application.decided_amount_pence, application.decision_message = None, ""
    application.decided_by, application.decided_at = None, None
    application.returned_to_panel_at = timezone.now()
    application.save()
    _move(application, Application.Status.IN_REVIEW, event=Event.SENT_AGAIN, by=by)
    reviewers = list(
        application.reviews.filter(conflict_of_interest=False, reviewer__is_active=True)
        .select_related("reviewer")
        .values_list("reviewer__email", flat=True)
    )
    chairs = list(
        _chairs()
        .exclude(grant_reviews__application=application, grant_reviews__conflict_of_interest=True)
        .values_list("email", flat=True)
    )
    to = sorted(set(reviewers) | set(chairs))
    url = settings.WAGTAILADMIN_BASE_URL + reverse("grants_application", args=[application.pk])
    transaction.on_commit(
        lambda: send_email(
            to,
            f"More information for {application.reference}",
            f"The applicant has sent {application.reference} again with the information the panel "
            f"asked for. Please look at it again and record your review:\n{url}\n",
        )
    )
    _tell_applicant(application, "Your application is back with the panel", "sent_again", {})
    return application


def _chairs():
    from nolimits.models import User
    from nolimits.roles import GRANTS_PANEL_CHAIRS

    return User.objects.filter(groups__name=GRANTS_PANEL_CHAIRS, is_active=True)


class LinkProblem(Exception):
    """The endorsement link is tampered, expired or already used; the message says which, kindly."""


def endorsement_from_link(token: str) -> Endorsement:
    days = _settings().endorsement_link_days if _settings() else 14
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
    _move(
        application,
        Application.Status.READY_FOR_PANEL,
        event=Event.ENDORSED if endorsed else Event.NOT_ENDORSED,
        endorsement=endorsement,
    )
    _tell_applicant(application, "Your application is ready for the panel", "ready", {})
    return endorsement


@transaction.atomic
def application_withdraw(*, application: Application, by) -> None:
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    _move(application, Application.Status.WITHDRAWN, event=Event.WITHDRAWN, by=by)


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

    allowed, why = permissions.can_review(reviewer, application)
    if not allowed:
        raise PermissionDenied(why)
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.READY_FOR_PANEL:
        _move(application, Application.Status.IN_REVIEW, event=Event.REVIEW_STARTED, by=reviewer)
        _tell_applicant(application, "The panel is looking at your application", "in_review", {})
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
                f"The fund has only {pounds(max(available, 0))} available, so this cannot be approved now."
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
                    f"{application.round.name} has only {pounds(max(left, 0))} of its budget left."
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
    if to == S.MORE_INFO:
        _move(application, to, event=Event.MORE_INFO_ASKED, by=by, data={"question": message})
        _tell_applicant(application, "The panel needs a bit more information", "more_info", {})
    else:
        data = {"amount_pence": amount_pence} if amount_pence else {}
        _move(application, to, event=Event.DECIDED, by=by, data=data)
        _tell_applicant(application, "The panel has decided", "decided", {})
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
    _move(application, Application.Status.PAID, event=Event.PAID, by=by, data={"method": method})
    _tell_applicant(application, "Your grant has been paid", "paid", {})
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
    """Finished applications lose every personal detail after the retention period in site
    settings. What stays: amounts, category, round, dates and statuses (for the fund's figures),
    the payment record (finance keeps it), and words published as a story with consent."""
    import datetime as dt

    today = today or timezone.localdate()
    days = _settings().retention_days if _settings() else 730
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
        _anonymise(application)
        count += 1
    return count


@transaction.atomic
def _anonymise(application: Application) -> None:
    from grants.models import ThankYou

    thank_you = ThankYou.objects.filter(application=application).first()
    shared = thank_you is not None and thank_you.published_with_consent
    proof = application.proof_of_spend
    if proof:
        storage, name = proof.storage, proof.name
        transaction.on_commit(lambda: storage.delete(name))
    Application.objects.filter(pk=application.pk).update(
        date_of_birth=None,
        care_experienced=None,
        what_for=application.what_for if shared else "",
        how_it_helps="",
        quotes_and_links="",
        worker_name="",
        worker_email="",
        started_for_name="",
        decision_message="",
        proof_of_spend="",
        proof_of_spend_content_type="",
        anonymised_at=timezone.now(),
    )
    application.endorsements.update(comment="", sent_to="removed@example.invalid", worker_name="")
    application.reviews.update(comment="")
    for entry in application.status_changes.exclude(data={}):
        entry.data = {k: v for k, v in entry.data.items() if k in ("amount_pence", "method")}
        entry.save(update_fields=["data"])
    if thank_you is not None and not shared:
        thank_you.message = ""
        thank_you.save(update_fields=["message"])


# --- Thank-you to story ----------------------------------------------------------------------------


@transaction.atomic
def story_draft_from_thank_you(*, thank_you, by):
    """A thank-you the young person agreed to share becomes a draft story page (first name only,
    consent recorded) for an editor to review and publish."""
    from django.utils.html import escape, linebreaks
    from django.utils.text import Truncator

    from grants.models import ThankYou
    from nolimits.models import StoryIndexPage, StoryPage

    thank_you = (
        ThankYou.objects.select_for_update()
        .select_related("application__applicant")
        .get(pk=thank_you.pk)
    )
    if not thank_you.consent_to_share:
        raise ValidationError(
            "The young person did not agree to share this thank-you, so it cannot become a story."
        )
    if thank_you.story_page_id:
        raise ValidationError("A story has already been made from this thank-you.")
    if not thank_you.message.strip():
        raise ValidationError("This thank-you has no words left to share.")
    index = StoryIndexPage.objects.first()
    if index is None:
        raise ValidationError("Make a stories page first: a story needs a place on the site.")
    if not index.permissions_for_user(by).can_add_subpage():
        raise PermissionDenied("Only editors make story pages.")
    application = thank_you.application
    first_name = application.first_name
    story = StoryPage(
        title=f"Thank you from {first_name}",
        slug=f"thank-you-{application.uuid.hex[:12]}",
        summary=Truncator(thank_you.message).chars(300),
        body=[{"type": "paragraph", "value": linebreaks(escape(thank_you.message))}],
        about_young_person=True,
        consent_confirmed=True,
        live=False,
        owner=by,
    )
    index.add_child(instance=story)
    story.save_revision(user=by, log_action=True)
    thank_you.story_page, thank_you.story_made_by, thank_you.story_made_at = (
        story,
        by,
        timezone.now(),
    )
    thank_you.save(update_fields=["story_page", "story_made_by", "story_made_at"])
    return story


# --- Proof of spend and endorsement reminders ------------------------------------------------------


@transaction.atomic
def proof_of_spend_upload(*, application: Application, by, upload) -> None:
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in (
        Application.Status.PAID,
        Application.Status.APPROVED,
        Application.Status.PART_APPROVED,
    ):
        raise ValidationError("You can send proof of spending once your grant is approved.")
    application.proof_of_spend_content_type = files.upload_type(upload, noun="file")
    application.proof_of_spend = upload
    application.save()


def endorsement_reminders(*, today=None) -> int:
    """Not endorsed in N working days: remind the worker once; N more: tell the panel chairs once.
    Working days skip weekends and UK bank holidays (nolimits.working_days)."""
    today = today or timezone.localdate()
    n = _settings().endorsement_reminder_working_days if _settings() else 5
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
            chairs = list(_chairs().values_list("email", flat=True))
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
def application_start_for(
    *, worker, full_name: str, email: str, endorser_name: str, endorser_email: str
) -> Application:
    """A worker starts an application with a young person beside them.

    The answer is the same whatever email is typed: a new address gets a young person's account
    (they set their own password from an email), a known one has the application added to it and
    is told. The worker sees only the application and the name they typed. The worker who starts
    it never endorses it: the endorsement goes to the other worker they name.
    """
    from allauth.account.models import EmailAddress

    from nolimits.models import User

    if not worker.has_perm("grants.start_application_for_young_person"):
        raise PermissionDenied("Only workers can start an application with a young person.")
    email, endorser_email = email.strip().lower(), endorser_email.strip().lower()
    full_name, endorser_name = " ".join(full_name.split()), " ".join(endorser_name.split())
    mine = worker.email.lower()
    if email == mine:
        raise ValidationError({"email": "Enter the young person's email address, not yours"})
    if endorser_email == mine:
        raise ValidationError(
            {
                "endorser_email": "The worker who supports the application must be someone "
                "other than you. Name their personal adviser or social worker."
            }
        )
    if endorser_email == email:
        raise ValidationError(
            {"endorser_email": "The supporting worker's email must not be the young person's"}
        )
    young = User.objects.filter(email=email).first()
    new_account = young is None
    if new_account:
        young = User(email=email, full_name=full_name, kind=User.Kind.YOUNG_PERSON)
        young.set_unusable_password()
        young.full_clean(exclude=["password"])
        young.save()
        EmailAddress.objects.create(user=young, email=email, verified=False, primary=True)
    application = Application.objects.create(
        applicant=young,
        started_by=worker,
        started_for_name=full_name,
        worker_name=endorser_name,
        worker_email=endorser_email,
    )
    _tell_applicant(
        application,
        "Your worker started a grant application with you",
        "started_for_you",
        {"worker": worker, "new_account": new_account},
    )
    return application
