"""Finished applications lose every personal detail after the retention period."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from grants.models import Application, ThankYou
from grants.services.common import grants_settings


def anonymise_old_applications(*, today=None) -> int:
    """Finished applications lose every personal detail after the retention period in site
    settings. What stays: amounts, category, round, dates and statuses (for the fund's figures),
    the payment record (finance keeps it), and words published as a story with consent."""
    today = today or timezone.localdate()
    found = grants_settings()
    days = found.retention_days if found else 730
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
        application_anonymise(application)
        count += 1
    return count


@transaction.atomic
def application_anonymise(application: Application, *, keep_published_story: bool = True) -> None:
    """Every personal detail of one application goes. A story published with consent stays
    unless `keep_published_story` is False (the young person asked to be erased)."""
    thank_you = ThankYou.objects.filter(application=application).first()
    shared = keep_published_story and thank_you is not None and thank_you.published_with_consent
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
        if thank_you.story_page_id:
            # A story made from it but never published with consent still holds the words (in
            # the page and its revisions): it goes with them.
            thank_you.story_page.delete()
