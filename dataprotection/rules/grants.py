"""Grant applications: the grants app's own rule (grants.services.anonymise_old_applications),
in the table with its period from Settings → Grants."""

from dataprotection.rules.common import Due, days_after, due_by
from grants import services as grant_services
from grants.models import Application
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
