"""Named read queries for the site as a whole."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone


def stale_work() -> dict[str, int]:
    """What has waited longer than NOLIMITS_STALE_MINUTES: label -> how many (only those with
    any). Shown on finance's and the programme lead's dashboard; /healthz says "degraded"."""
    from django.utils.module_loading import import_string

    from django_q.models import Failure, OrmQ

    from nolimits.models import OutboxMessage

    now = timezone.now()
    before = now - timedelta(minutes=settings.NOLIMITS_STALE_MINUTES)
    counts = {
        # The ORM broker stamps a task when queued, and again each time a worker takes it.
        "Background tasks not yet run": OrmQ.objects.filter(lock__lt=before).count(),
        "Background tasks failed in the last day": Failure.objects.filter(
            stopped__lt=before, stopped__gte=now - timedelta(days=1)
        ).count(),
        "Emails and texts not yet sent": OutboxMessage.objects.filter(
            status__in=[OutboxMessage.Status.PENDING, OutboxMessage.Status.SENDING],
            created_at__lt=before,
        ).count(),
        "Emails and texts that could not be sent": OutboxMessage.objects.filter(
            status=OutboxMessage.Status.FAILED
        ).count(),
    }
    for label, path in settings.NOLIMITS_STALE_CHECKS.items():
        counts[label] = import_string(path)(before=before)
    return {label: n for label, n in counts.items() if n}


def health() -> dict:
    """What /healthz reports: the database, the task queue and the worker's last heartbeat."""
    from django_q.models import OrmQ

    from nolimits.models import WorkerHeartbeat

    report: dict = {"database": "unreachable", "queue": "unreachable", "worker": "not seen"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        report["database"] = "ok"
        report["queued_tasks"] = OrmQ.objects.count()
        report["queue"] = "ok"
        beat = WorkerHeartbeat.objects.filter(cluster=settings.Q_CLUSTER["name"]).first()
    except Exception:  # any database error means "not healthy", never a 500
        beat = None
    if beat is not None:
        report["worker_last_seen"] = beat.last_seen.isoformat()
        fresh = beat.last_seen >= timezone.now() - timedelta(
            seconds=settings.NOLIMITS_WORKER_STALE_SECONDS
        )
        report["worker"] = "ok" if fresh else "stale"
    report["ok"] = report["database"] == report["queue"] == report["worker"] == "ok"
    report["status"] = "ok" if report["ok"] else "down"
    if report["ok"]:
        try:
            waiting = stale_work()
        except Exception:  # a count that cannot be made is itself a reason
            waiting = {"Waiting work could not be counted": 1}
        if waiting:
            report["status"] = "degraded"
            report["reasons"] = [f"{label}: {n}" for label, n in waiting.items()]
    report["checked_at"] = datetime.now(tz=timezone.get_current_timezone()).isoformat()
    return report
