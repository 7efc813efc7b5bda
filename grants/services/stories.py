"""A thank-you the young person agreed to share becomes a draft story for an editor."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator

from grants.models import ThankYou
from nolimits.models import StoryIndexPage, StoryPage


@transaction.atomic
def story_draft_from_thank_you(*, thank_you, by):
    """A thank-you the young person agreed to share becomes a draft story page (first name only,
    consent recorded) for an editor to review and publish."""
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
