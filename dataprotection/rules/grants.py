"""Grant applications: the grants app's own rule (grants.services.anonymise_old_applications),
in the table with its period from Settings → Grants, and drafts never sent."""

from django.conf import settings

from dataprotection.rules.common import Due, days_after, due_by, latest_possible
from grants import services as grant_services
from grants.models import Application, ApplicationLogEntry
from grants.services.common import grants_settings

FINISHED = [
    Application.Status.CLOSED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
    Application.Status.PAID,
]


def retention_days() -> int:
    """Settings → Grants, read as the grants service reads it."""
    found = grants_settings()
    return found.retention_days if found else 730


def applications_due(until) -> list[Due]:
    """Finished, not yet anonymised: due once `retention_days` whole days have passed since the
    day of its last change (the service's cutoff is midnight at the start of that day)."""
    days = retention_days()
    records = Application.objects.filter(status__in=FINISHED, anonymised_at__isnull=True)
    return due_by(
        records, lambda a: days_after(a.updated_at, days + 1), lambda a: a.reference, until
    )


def applications_anonymise(due: list[Due], today) -> int:
    return grant_services.anonymise_old_applications(today=today)


def drafts_due(until) -> list[Due]:
    """Drafts never sent: due a period after the applicant last changed them."""
    days = settings.RETENTION_DRAFT_APPLICATION_DAYS
    records = Application.objects.filter(
        status=Application.Status.DRAFT,
        submitted_at__isnull=True,
        updated_at__lt=latest_possible(until, days),
    )
    return due_by(records, lambda a: days_after(a.updated_at, days), lambda a: a.reference, until)


def drafts_delete(due: list[Due], today) -> int:
    """The draft goes with its history; its audit log entries (which do not cascade) too."""
    pks = [d.pk for d in due]
    ApplicationLogEntry.objects.filter(application_id__in=pks).delete()
    drafts = Application.objects.filter(pk__in=pks, status=Application.Status.DRAFT)
    return drafts.delete()[1].get(Application._meta.label, 0)
