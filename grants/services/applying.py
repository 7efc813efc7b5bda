"""The applicant's part: start, answer (saved as they go), send, withdraw."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from grants.models import Application, Endorsement, Round
from grants.services.answers import check_answers
from grants.services.common import Event, email, tell_applicant
from grants.services.endorsement import endorsement_link, endorsement_link_days
from grants.services.more_info import application_send_again
from nolimits import states


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


@transaction.atomic
def application_submit(*, application: Application, by) -> Application:
    """Send the application (or, when the panel asked for more information, send it again)."""
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status == Application.Status.MORE_INFO:
        return application_send_again(application, by=by)
    if application.status != Application.Status.DRAFT:
        raise ValidationError("This application has already been sent.")
    check_answers(application)
    if Round.objects.exists():
        current = Round.open_now()
        if current is None:
            raise ValidationError(
                "Applications are closed at the moment. Your answers are saved: you can send them when the next round opens."
            )
        application.round = current
    application.submitted_at = timezone.now()
    states.move(
        application,
        Application.Status.SUBMITTED,
        by=by,
        also_save=("submitted_at", "round"),
        event=Event.SENT,
    )
    endorsement = Endorsement.objects.create(
        application=application,
        sent_to=application.worker_email,
        worker_name=application.worker_name,
    )
    states.move(
        application,
        Application.Status.AWAITING_ENDORSEMENT,
        event=Event.ENDORSEMENT_ASKED,
        endorsement=endorsement,
    )
    link = endorsement_link(endorsement)
    days = endorsement_link_days()
    email(
        application.worker_email,
        "Please support a grant application",
        "endorse",
        {"application": application, "link": link, "days": days},
    )
    tell_applicant(application, "We have your application", "received", {})
    return application


@transaction.atomic
def application_withdraw(*, application: Application, by) -> None:
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    states.move(application, Application.Status.WITHDRAWN, event=Event.WITHDRAWN, by=by)
