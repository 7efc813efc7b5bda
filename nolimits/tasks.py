"""django-q2 jobs for the site as a whole. Jobs take ids and call a service."""

from django.conf import settings
from django.utils import timezone

# Every scheduled job in the project, by function path (django-q2 imports it when it runs, so
# this list names jobs of apps above the foundation without importing them). docs/architecture.md
# lists the same jobs; tests/nolimits/test_jobs.py holds the two together.
SCHEDULES = [
    {
        "name": "Worker heartbeat",
        "func": "nolimits.tasks.heartbeat",
        "schedule_type": "I",  # minutes
        "minutes": settings.NOLIMITS_HEARTBEAT_MINUTES,
    },
    {
        "name": "Send waiting emails and text messages",
        "func": "nolimits.mail.send_waiting",
        "schedule_type": "I",
        "minutes": 1,
    },
    {
        # People's kept lists (nolimits.kept_lists) must not outlive their 15 minutes, and the
        # database cache deletes an expired entry only when it is read again or is culled.
        "name": "Delete expired cache entries",
        "func": "nolimits.tasks.delete_expired_cache_entries",
        "schedule_type": "I",
        "minutes": 15,
    },
    {
        "name": "Retry failed Stripe events",
        "func": "pledges.tasks.retry_failed_stripe_events",
        "schedule_type": "I",
        "minutes": 5,
    },
    {
        "name": "Reconcile with Stripe (daily)",
        "func": "pledges.tasks.reconcile_with_stripe",
        "schedule_type": "D",
    },
    {
        "name": "Volunteering reminders (daily)",
        "func": "volunteers.tasks.daily_reminders",
        "schedule_type": "D",
    },
    {
        "name": "Volunteering digest (weekly)",
        "func": "volunteers.tasks.weekly_digest",
        "schedule_type": "W",
    },
    {
        "name": "Grant endorsement reminders (daily)",
        "func": "grants.tasks.endorsement_reminders",
        "schedule_type": "D",
    },
    {
        "name": "Anonymise old grant applications (daily)",
        "func": "grants.tasks.anonymise_old_applications",
        "schedule_type": "D",
    },
    {
        "name": "Purge DBS decision notes after six months (daily)",
        "func": "volunteers.tasks.purge_disclosure_notes",
        "schedule_type": "D",
    },
    {
        # A safety net: the services refresh each summary when its records change.
        "name": "Refresh volunteers' stored clearance summaries (daily)",
        "func": "volunteers.tasks.refresh_clearance_summaries",
        "schedule_type": "D",
    },
    # The board report (issue 15): made once when a six-month reporting period ends.
    {
        "name": "Corporate Parenting Board report at the end of each period (daily)",
        "func": "impact.tasks.board_report_at_period_end",
        "schedule_type": "D",
    },
    {
        # A safety net: every money movement updates the ledger in its own transaction.
        "name": "Check the fund ledger against the full sums (daily)",
        "func": "grants.tasks.reconcile_fund_ledger",
        "schedule_type": "D",
    },
    {
        "name": "Apply the retention schedule (daily)",
        "func": "dataprotection.tasks.apply_retention",
        "schedule_type": "D",
    },
    {
        "name": "Delete people's own copies of their data once the link has expired (daily)",
        "func": "dataprotection.tasks.delete_expired_copies",
        "schedule_type": "D",
    },
]


def heartbeat() -> None:
    """Record that a worker ran a scheduled task just now (read by /healthz)."""
    from nolimits.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update_or_create(
        cluster=settings.Q_CLUSTER["name"], defaults={"last_seen": timezone.now()}
    )


def delete_expired_cache_entries() -> int:
    """Delete every expired kept list (nolimits.kept_lists) and every expired entry from each
    database cache (Redis expires its own; for the database cache, the same statement Django's
    DatabaseCache runs when it culls); returns how many."""
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connections, router

    from nolimits import kept_lists

    deleted = kept_lists.delete_expired()
    for alias in settings.CACHES:
        backend = caches[alias]
        if not isinstance(backend, DatabaseCache):
            continue
        connection = connections[router.db_for_write(backend.cache_model_class)]
        table = connection.ops.quote_name(backend._table)
        expires = connection.ops.quote_name("expires")
        now = timezone.now().replace(microsecond=0)
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE {expires} < %s",  # noqa: S608 (the cache's own table)
                [connection.ops.adapt_datetimefield_value(now)],
            )
            deleted += cursor.rowcount
    return deleted


def ensure_schedules(**kwargs) -> None:
    """Create or update every schedule in SCHEDULES (runs after each migrate)."""
    from django_q.models import Schedule

    for spec in SCHEDULES:
        spec = dict(spec)
        name = spec.pop("name")
        schedule, created = Schedule.objects.get_or_create(name=name, defaults=spec)
        if not created:
            changed = {k: v for k, v in spec.items() if getattr(schedule, k) != v}
            if changed:
                Schedule.objects.filter(pk=schedule.pk).update(**changed)
