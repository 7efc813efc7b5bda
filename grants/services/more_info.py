"""The panel asked for more information: the applicant's answers go back to the panel."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from grants.models import Application
from grants.services.answers import check_answers
from grants.services.common import Event, panel_chairs, tell_applicant
from nolimits import states
from nolimits.mail import send_email


def application_send_again(application: Application, *, by) -> Application:
    """More information given: back to the panel, whose members review it afresh. Called by
    `application_submit` inside its transaction, on the row it locked."""
    check_answers(application)
    application.decided_amount_pence, application.decision_message = None, ""
    application.decided_by, application.decided_at = None, None
    application.returned_to_panel_at = timezone.now()
    application.save()
    states.move(application, Application.Status.IN_REVIEW, event=Event.SENT_AGAIN, by=by)
    reviewers = list(
        application.reviews.filter(conflict_of_interest=False, reviewer__is_active=True)
        .select_related("reviewer")
        .values_list("reviewer__email", flat=True)
    )
    chairs = list(
        panel_chairs()
        .exclude(grant_reviews__application=application, grant_reviews__conflict_of_interest=True)
        .values_list("email", flat=True)
    )
    to = sorted(set(reviewers) | set(chairs))
    url = settings.WAGTAILADMIN_BASE_URL + reverse("grants_application", args=[application.pk])
    send_email(
        to,
        f"More information for {application.reference}",
        f"The applicant has sent {application.reference} again with the information the panel "
        f"asked for. Please look at it again and record your review:\n{url}\n",
    )
    tell_applicant(application, "Your application is back with the panel", "sent_again", {})
    return application
