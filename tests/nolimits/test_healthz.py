from datetime import timedelta

from django.utils import timezone

import pytest
import time_machine

from nolimits.tasks import heartbeat

pytestmark = pytest.mark.django_db


def test_healthz_is_503_until_a_worker_has_been_seen(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == "ok" and body["queue"] == "ok"
    assert body["worker"] == "not seen" and body["ok"] is False


def test_healthz_is_200_after_a_heartbeat(client):
    heartbeat()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_healthz_is_503_when_the_worker_has_gone_quiet(client):
    heartbeat()
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "stale"


def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_answers_only_get(client):
    assert client.post("/healthz").status_code == 405
