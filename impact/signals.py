"""Publishing the impact page forgets its cached figures, so an editor sees today's at once."""

from django.dispatch import receiver

from wagtail.signals import page_published

from impact.pages import ImpactPage
from impact.public_figures import forget


@receiver(page_published, sender=ImpactPage)
def impact_page_published(sender, instance, **kwargs):
    forget(instance.pk)
