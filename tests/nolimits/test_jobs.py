import importlib
from pathlib import Path

from django.core.checks import run_checks
from django.test import override_settings

import pytest
from django_q.models import Schedule
from django_q.tasks import async_task

from nolimits.models import WorkerHeartbeat
from nolimits.tasks import SCHEDULES, ensure_schedules

pytestmark = pytest.mark.django_db


def test_migrate_creates_every_schedule_once():
    ensure_schedules()
    ensure_schedules()
    for spec in SCHEDULES:
        assert Schedule.objects.filter(name=spec["name"], func=spec["func"]).count() == 1


def _documented_jobs() -> list[tuple[str, str, str]]:
    text = (Path(__file__).resolve().parents[2] / "docs" / "architecture.md").read_text()
    table = text.split("<!-- scheduled-jobs -->")[1].split("<!-- /scheduled-jobs -->")[0]
    rows = [line.strip("| ").split(" | ") for line in table.strip().splitlines()[2:]]
    return [(name, func.strip("`"), runs) for name, func, runs in rows]


RUNS = {"I": "every {minutes} minutes", "D": "daily", "W": "weekly"}


def _runs(spec) -> str:
    if spec["schedule_type"] == "I" and spec["minutes"] == 1:
        return "every minute"
    return RUNS[spec["schedule_type"]].format(minutes=spec.get("minutes"))


def test_the_architecture_page_lists_exactly_the_scheduled_jobs():
    assert _documented_jobs() == [(s["name"], s["func"], _runs(s)) for s in SCHEDULES]


@pytest.mark.parametrize("spec", SCHEDULES, ids=lambda spec: spec["func"])
def test_every_scheduled_job_names_a_function_that_exists(spec):
    module, name = spec["func"].rsplit(".", 1)
    assert callable(getattr(importlib.import_module(module), name))


def test_a_changed_schedule_is_updated_not_duplicated():
    Schedule.objects.filter(name="Worker heartbeat").update(minutes=99)
    ensure_schedules()
    assert Schedule.objects.get(name="Worker heartbeat").minutes == 1


def test_the_heartbeat_task_runs_through_django_q():
    async_task("nolimits.tasks.heartbeat")  # sync in tests: runs now
    assert WorkerHeartbeat.objects.count() == 1


@override_settings(
    Q_CLUSTER={"name": "x", "orm": "default", "timeout": 120, "retry": 60, "max_attempts": 3}
)
def test_system_check_refuses_retry_not_greater_than_timeout():
    ids = [e.id for e in run_checks()]
    assert "nolimits.E001" in ids


@override_settings(
    Q_CLUSTER={"name": "x", "orm": "default", "timeout": 60, "retry": 120, "max_attempts": 0}
)
def test_system_check_refuses_unlimited_retries():
    assert "nolimits.E002" in [e.id for e in run_checks()]


def test_the_cache_job_deletes_expired_entries_and_keeps_the_rest(settings):
    """The database cache deletes an expired entry only when it is read again: a person's kept
    lists (nolimits.kept_lists) would stay in the table for good without this job."""
    import datetime as dt

    from django.core.cache import cache
    from django.db import connection
    from django.utils import timezone

    import time_machine

    from nolimits import kept_lists
    from nolimits.tasks import delete_expired_cache_entries

    assert settings.CACHES["default"]["BACKEND"].endswith("DatabaseCache")
    cache.set("a-kept-list", "gifts and names", kept_lists.KEPT_FOR)
    cache.set("kept-for-a-day", "still wanted", 24 * 60 * 60)
    cache.set("kept-for-ever", "the generation", None)

    def rows() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM nolimits_cache")
            return cursor.fetchone()[0]

    from nolimits.models import KeptList

    KeptList.objects.create(person_id=7, part="sessions", stamp="{}", value="{}", expires=0)
    KeptList.objects.create(person_id=8, part="sessions", stamp="{}", value="{}", expires=2**40)
    assert delete_expired_cache_entries() == 1 and rows() == 3
    assert list(KeptList.objects.values_list("person_id", flat=True)) == [8]
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert delete_expired_cache_entries() == 1
    assert rows() == 2
    assert cache.get("kept-for-a-day") == "still wanted" and cache.get("kept-for-ever")
