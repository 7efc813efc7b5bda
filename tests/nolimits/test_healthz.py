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


def _stale_stripe_event(minutes_ago: int, status: str = "pending"):
    from pledges.models import StripeEvent

    return StripeEvent.objects.create(
        event_id=f"evt_stale_{minutes_ago}_{status}",
        type="invoice.paid",
        created=0,
        payload={},
        status=status,
        received_at=timezone.now() - timedelta(minutes=minutes_ago),
    )


def test_healthz_says_degraded_with_the_reason_when_a_stripe_event_waits(client):
    heartbeat()
    _stale_stripe_event(2)  # a moment ago: not yet a worry
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and "reasons" not in body
    _stale_stripe_event(30, "failed")
    response = client.get("/healthz")
    assert response.status_code == 200  # the site still serves
    body = response.json()
    assert body["status"] == "degraded"
    assert body["reasons"] == ["Stripe events waiting or failed: 1"]


def test_healthz_says_degraded_for_tasks_and_emails_left_waiting(client):
    from django_q.models import OrmQ

    from nolimits.models import OutboxMessage

    heartbeat()
    old = timezone.now() - timedelta(minutes=30)
    OrmQ.objects.create(key="nolimits", payload="x", lock=old)
    OutboxMessage.objects.create(to="a@example.org", subject="S", body="B", created_at=old)
    OutboxMessage.objects.create(to="b@example.org", subject="S", body="B", status="failed")
    reasons = client.get("/healthz").json()["reasons"]
    assert reasons == [
        "Background tasks not yet run: 1",
        "Emails and texts not yet sent: 1",
        "Emails and texts that could not be sent: 1",
    ]


def test_healthz_says_degraded_for_a_background_task_that_failed(client):
    """A task django-q2 gave up on (a Failure) is counted once it is a few minutes old."""
    import uuid

    from django_q.models import Task

    heartbeat()

    def failed(minutes_ago):
        at = timezone.now() - timedelta(minutes=minutes_ago)
        Task.objects.create(
            id=uuid.uuid4().hex,
            name=f"t{minutes_ago}",
            func="pledges.tasks.x",
            started=at,
            stopped=at,
            success=False,
            result="boom",
        )

    failed(2)  # just now: the retry may still come
    assert client.get("/healthz").json()["status"] == "ok"
    failed(30)
    body = client.get("/healthz").json()
    assert (body["status"], body["reasons"]) == (
        "degraded",
        ["Background tasks failed in the last day: 1"],
    )


@pytest.mark.parametrize("role", ["Finance", "Programme leads"])
def test_finance_and_the_programme_lead_see_the_waiting_counts(client, home, role):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    _stale_stripe_event(30)
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    assert "Waiting too long" in page
    assert "1</span> stripe events waiting or failed" in page


def test_an_editor_does_not_get_the_waiting_panel(client, home):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import UserFactory

    user = UserFactory(roles=["Editors"])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    assert "Waiting too long" not in client.get("/admin/").content.decode()
