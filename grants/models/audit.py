"""Who opened an application or its proof of spending: the grants audit log.

Its own log model (not Wagtail's shared ModelLogEntry), so the panel's rules hold in Wagtail's
"Site history" report as in every other list: an entry is labelled with the reference only (no
free text to anonymise later), a member never sees entries about an application they declared a
conflict of interest on or that is their own, and young panellists see none of it.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.functional import cached_property

from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from grants.models.applications import Application
from grants.models.panel import Review


class ApplicationLogEntryManager(BaseLogEntryManager):
    def get_instance_title(self, instance: Application) -> str:
        return instance.reference

    def log_action(self, instance, action, **kwargs):
        kwargs.update(application=instance)
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(application=instance)

    def viewable_by_user(self, user):
        # Not BaseLogEntryManager.viewable_by_user: it caches the content types it allows on the
        # user, worked out from the first log model asked, so the order of Site history's
        # queries would decide what it shows.
        if user.is_superuser:
            return self.all()
        if getattr(user, "kind", "") == "young_person" or not (
            user.has_perm("grants.view_application") or user.has_perm("grants.record_grant_payment")
        ):
            return self.none()
        allowed = self.all()
        conflict = Review.objects.filter(
            application=OuterRef("application"), reviewer=user, conflict_of_interest=True
        )
        own = Q(application__applicant=user) | Q(application__started_by=user)
        return allowed.exclude(Exists(conflict)).exclude(own)


class ApplicationLogEntry(BaseLogEntry):
    application = models.ForeignKey(
        Application,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )

    objects = ApplicationLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        verbose_name = "application log entry"
        verbose_name_plural = "application log entries"

    @cached_property
    def object_id(self):
        return self.application_id
