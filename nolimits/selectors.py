"""Named read queries for the site as a whole."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.utils import timezone


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
    report["checked_at"] = datetime.now(tz=timezone.get_current_timezone()).isoformat()
    return report
