"""Publishing the impact page forgets its cached figures, so an editor sees today's at once; a
volunteer applying or changing stage forgets the coordinators' panel's count."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.signals import page_published

from impact.dashboards import volunteering_now_key
from impact.pages import ImpactPage
from impact.public_figures import forget
from volunteers.models import Volunteer, VolunteerStatusChange


@receiver(page_published, sender=ImpactPage)
def impact_page_published(sender, instance, **kwargs):
    forget(instance.pk)


@receiver(post_save, sender=Volunteer, dispatch_uid="impact_volunteer_saved")
@receiver(post_delete, sender=Volunteer, dispatch_uid="impact_volunteer_deleted")
@receiver(post_save, sender=VolunteerStatusChange, dispatch_uid="impact_volunteer_stage")
def volunteering_changed(sender, **kwargs):
    key = volunteering_now_key(timezone.localdate())
    cache.delete(key)
    # Again when the change commits: with Redis the first delete is seen before it, and a count
    # made in between (of the old state) would be kept for IMPACT_PAGE_CACHE_SECONDS.
    transaction.on_commit(lambda: cache.delete(key))
