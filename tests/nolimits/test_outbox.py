"""Emails are never lost and never break a request: the outbox, its retries, and GOV.UK Notify."""

import datetime as dt
import json
import smtplib
import uuid

from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

import jwt
import pytest
import requests
import time_machine
from django_q.models import OrmQ

from nolimits import mail as outbox
from nolimits.models import OutboxMessage, User
from pledges.models import Pledge, StripeEvent
from tests.factories import UserFactory
from tests.pledges.conftest import fake_stripe, history_for, post_event, secret  # noqa: F401, F811

pytestmark = pytest.mark.django_db
DOWN = "tests.nolimits.test_outbox.DownBackend"


class DownBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "mail server down")


def _later(minutes: int):
    return time_machine.travel(timezone.now() + dt.timedelta(minutes=minutes), tick=False)


def test_send_email_is_a_row_delivered_by_a_task():
    outbox.send_email(["a@example.org", ""], "Hello", "Body text")
    message = OutboxMessage.objects.get()
    assert (message.to, message.subject, message.status, message.attempts) == (
        "a@example.org",
        "[No Limits] Hello",
        "sent",
        1,
    )
    assert message.sent_at is not None
    assert [m.subject for m in mail.outbox] == ["[No Limits] Hello"]


@override_settings(Q_CLUSTER={"name": "nolimits", "orm": "default", "timeout": 120, "retry": 180})
def test_a_rolled_back_action_leaves_no_email_and_no_task(monkeypatch):
    """With the ORM broker (not synchronous) the task is queued in the caller's transaction."""
    from django_q.conf import Conf

    monkeypatch.setattr(Conf, "SYNC", False)
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.send_email("a@example.org", "Hello", "Body")
        assert OrmQ.objects.count() == 1
        raise RuntimeError("the action failed")
    assert not OutboxMessage.objects.exists()
    assert not OrmQ.objects.exists()
    assert not mail.outbox


def test_smtp_down_during_a_request_then_up_sends_each_email_once(
    client, home, django_capture_on_commit_callbacks
):
    donor = UserFactory()
    pledge = Pledge.objects.create(
        donor=donor,
        method=Pledge.Method.PAYROLL,
        amount_pence=1000,
        status=Pledge.Status.ACTIVE,
        employee_number="E123",
        payroll_start_month=dt.date(2026, 12, 1),
    )
    client.force_login(donor)
    with override_settings(NOLIMITS_EMAIL_DELIVERY_BACKEND=DOWN):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/pledges/pledge/{pledge.uuid}/cancel/")
        assert response.status_code == 302  # the action is saved, not a 500
        pledge.refresh_from_db()
        assert pledge.status == Pledge.Status.CANCELLED
        message = OutboxMessage.objects.get()
        assert (message.status, message.attempts) == ("pending", 1)
        assert "SMTPConnectError" in message.last_error
        assert outbox.send_waiting() == 0  # not due yet: it waits a minute first
        with _later(2):
            outbox.send_waiting()  # still down: tries again, then waits longer
        message.refresh_from_db()
        assert (message.status, message.attempts) == ("pending", 2)
    assert not mail.outbox
    with _later(10):
        outbox.send_waiting()
        outbox.send_waiting()
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == ("sent", 3, "")
    assert len(mail.outbox) == 1 and "has stopped" in mail.outbox[0].subject


def test_smtp_down_during_a_stripe_event_then_up_sends_the_receipt_once(
    post_event,  # noqa: F811 (the fixture imported above)
    fake_stripe,  # noqa: F811 (Stripe's API, answered at the SDK's HTTP seam)
    home,
    django_capture_on_commit_callbacks,
):
    donor = UserFactory(email="dana@example.org")
    pledge = Pledge.objects.create(
        donor=donor,
        method=Pledge.Method.STRIPE,
        amount_pence=1000,
        stripe_checkout_session_id="cs_test_1",
    )
    with override_settings(NOLIMITS_EMAIL_DELIVERY_BACKEND=DOWN):
        for event in history_for(pledge, fake_stripe, months=1):
            with django_capture_on_commit_callbacks(execute=True):
                assert post_event(event).status_code == 200
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}
    waiting = OutboxMessage.objects.filter(status="pending")
    assert waiting.count() >= 1 and not mail.outbox
    count = waiting.count()
    with _later(5):
        outbox.send_waiting()
        outbox.send_waiting()
    assert OutboxMessage.objects.filter(status="sent").count() == count
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == count and len(set(subjects)) == len(subjects)
    assert any("Thank you for your gift" in s for s in subjects)


@override_settings(NOLIMITS_EMAIL_DELIVERY_BACKEND=DOWN, NOLIMITS_OUTBOX_MAX_ATTEMPTS=2)
def test_a_message_gives_up_after_its_attempts_and_says_so():
    outbox.send_email("a@example.org", "Hello", "Body")
    with _later(5):
        outbox.send_waiting()
    with _later(60):
        outbox.send_waiting()
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == ("failed", 2)


def test_a_message_is_claimed_before_sending_so_it_is_sent_once():
    outbox.send_email("a@example.org", "Hello", "Body")
    message = OutboxMessage.objects.get()
    outbox.deliver(message.pk)  # a second worker given the same task
    assert len(mail.outbox) == 1


def test_a_message_a_dead_worker_left_claimed_is_sent_later():
    message = OutboxMessage.objects.create(to="a@example.org", subject="S", body="B")
    OutboxMessage.objects.filter(pk=message.pk).update(status="sending", attempts=1)
    outbox.send_waiting()
    assert not mail.outbox  # just claimed: perhaps still being sent
    with _later(30):
        outbox.send_waiting()
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="nolimits.mail.OutboxBackend")
def test_allauths_emails_go_through_the_outbox_too(client, home):
    client.post(
        "/accounts/signup/",
        {
            "full_name": "New Person",
            "kind": "councillor",
            "email": "new@example.org",
            "password1": "a-long-enough-secret",
            "password2": "a-long-enough-secret",
        },
    )
    message = OutboxMessage.objects.get(to="new@example.org")
    assert message.status == "sent" and "confirm" in message.body.lower()
    assert mail.outbox[0].to == ["new@example.org"]


def test_staff_see_the_outbox_read_only_in_the_admin(client, home):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    outbox.send_email("a@example.org", "Hello outbox", "Body")
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    page = client.get("/admin/outbox/").content.decode()
    assert "Hello outbox" in page and "Sent" in page
    message = OutboxMessage.objects.get()
    assert client.get(f"/admin/outbox/inspect/{message.pk}/").status_code == 200
    assert client.get(f"/admin/outbox/edit/{message.pk}/").status_code in (302, 403)
    assert client.get("/admin/outbox/new/").status_code in (302, 403)


# --- GOV.UK Notify, faked at its HTTP seam (requests' transport) ----------------------------
SERVICE_ID = str(uuid.uuid4())
SECRET = str(uuid.uuid4())
NOTIFY = {
    "GOVUK_NOTIFY_API_KEY": f"nolimits_test-{SERVICE_ID}-{SECRET}",
    "GOVUK_NOTIFY_EMAIL_TEMPLATE_ID": "f33517ff-2a88-4f6e-b855-c550268ce08a",
    "GOVUK_NOTIFY_SMS_TEMPLATE_ID": "4b1e9b1a-8f37-4a70-9a5e-0a3c5d8c0b10",
}


@pytest.fixture
def notify(monkeypatch):
    """Answers as Notify's API does (201 with the notification's id) and records each request."""
    sent = []

    def send(session, request, **kwargs):
        token = request.headers["Authorization"].removeprefix("Bearer ")
        claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        assert claims["iss"] == SERVICE_ID
        sent.append((request.method, request.url, json.loads(request.body)))
        response = requests.Response()
        response.status_code = 201
        response._content = json.dumps(
            {"id": str(uuid.uuid4()), "reference": sent[-1][2].get("reference"), "content": {}}
        ).encode()
        response.request = request
        response.url = request.url
        return response

    monkeypatch.setattr(requests.Session, "send", send)
    return sent


@override_settings(**NOTIFY)
def test_with_a_notify_key_every_email_goes_through_notify(notify):
    outbox.send_email(["a@example.org", "b@example.org"], "Your grant", "It moved on.")
    assert [call[:2] for call in notify] == [
        ("POST", "https://api.notifications.service.gov.uk/v2/notifications/email")
    ] * 2
    body = notify[0][2]
    assert body["email_address"] == "a@example.org"
    assert body["template_id"] == NOTIFY["GOVUK_NOTIFY_EMAIL_TEMPLATE_ID"]
    assert body["personalisation"] == {"subject": "[No Limits] Your grant", "body": "It moved on."}
    assert not mail.outbox  # not SMTP
    rows = OutboxMessage.objects.order_by("pk")
    assert [r.status for r in rows] == ["sent", "sent"] and all(r.provider_reference for r in rows)


@override_settings(**NOTIFY)
def test_notify_refusing_a_message_is_retried_not_a_500(monkeypatch):
    def refuse(session, request, **kwargs):
        response = requests.Response()
        response.status_code = 500
        response._content = b'{"errors": [{"error": "Exception", "message": "Internal"}]}'
        response.request = request
        response.url = request.url
        return response

    monkeypatch.setattr(requests.Session, "send", refuse)
    outbox.send_email("a@example.org", "Hello", "Body")
    message = OutboxMessage.objects.get()
    assert message.status == "pending" and "500" in message.last_error


@override_settings(**NOTIFY)
def test_a_young_person_who_chose_texts_gets_a_text_through_notify(notify):
    young = UserFactory(kind="young_person", directorate="")
    young.contact_by, young.phone_number = User.ContactBy.TEXT, "07700 900123"
    young.full_clean(exclude=["password"])
    young.save()
    outbox.send_to_person(young, "Your grant was approved", "We will pay £60 this week.")
    method, url, body = notify[0]
    assert url.endswith("/v2/notifications/sms")
    assert body["phone_number"] == "07700900123"
    assert body["template_id"] == NOTIFY["GOVUK_NOTIFY_SMS_TEMPLATE_ID"]
    assert "Your grant was approved" in body["personalisation"]["body"]
    assert OutboxMessage.objects.get().channel == "text"


def test_send_to_person_uses_email_by_default_and_without_notify():
    person = UserFactory(email="jamie@example.org", contact_by="text", phone_number="07700900123")
    outbox.send_to_person(person, "Update", "Body")  # no Notify key: email, never lost
    assert mail.outbox[0].to == ["jamie@example.org"]


def test_the_young_person_chooses_texts_on_their_account_page(client, home):
    young = UserFactory(kind="young_person", directorate="")
    client.force_login(young)
    page = client.get("/accounts/updates/").content.decode()
    assert "How should we send you updates?" in page
    response = client.post("/accounts/updates/", {"contact_by": "text", "phone_number": "12345"})
    html = response.content.decode()
    assert "Enter a UK mobile number, like 07700 900123." in html
    assert 'value="12345"' in html  # what was typed is kept
    response = client.post("/accounts/updates/", {"contact_by": "text", "phone_number": ""})
    assert "Enter a mobile number to get updates by text message." in response.content.decode()
    response = client.post(
        "/accounts/updates/", {"contact_by": "text", "phone_number": "+44 7700 900123"}
    )
    assert response.status_code == 302
    young.refresh_from_db()
    assert (young.contact_by, young.phone_number) == ("text", "07700900123")


def _queue_fails_once(monkeypatch, subject_part: str) -> list[str]:
    """The outbox cannot take one message (its write fails, e.g. the database is locked)."""
    from django.db import OperationalError

    real, failed = outbox._queue, []

    def flaky(channel, to, subject, body):
        if subject_part in subject and not failed:
            failed.append(subject)
            raise OperationalError("database is locked")
        return real(channel, to, subject, body)

    monkeypatch.setattr(outbox, "_queue", flaky)
    return failed


def test_a_stripe_event_is_not_done_while_its_receipt_is_not_queued(
    post_event,  # noqa: F811
    fake_stripe,  # noqa: F811
    home,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    """The receipt is written in the event's own transaction: if it cannot be, the event stays
    failed and its retry sends the receipt, once (never "processed" with the receipt dropped)."""
    import contextlib

    from django.db import OperationalError

    from pledges.services import stripe_events_retry_failed

    failed = _queue_fails_once(monkeypatch, "Thank you for your gift")
    donor = UserFactory(email="dana@example.org")
    pledge = Pledge.objects.create(
        donor=donor,
        method=Pledge.Method.STRIPE,
        amount_pence=1000,
        stripe_checkout_session_id="cs_test_1",
    )
    for event in history_for(pledge, fake_stripe, months=1):
        # a worker whose after-commit step fails still has the event it committed
        with contextlib.suppress(OperationalError):
            with django_capture_on_commit_callbacks(execute=True):
                post_event(event)
    assert failed
    with _later(60):
        stripe_events_retry_failed()
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}
    receipts = [m for m in mail.outbox if "Thank you for your gift" in m.subject]
    assert len(receipts) == 1


def test_a_volunteering_email_is_marked_sent_only_with_its_message_queued(
    monkeypatch, django_capture_on_commit_callbacks
):
    import contextlib

    from django.db import OperationalError

    from volunteers.models import ReminderSent
    from volunteers.notify import email_once

    _queue_fails_once(monkeypatch, "Review due")
    for _ in range(2):  # the job runs again after the failure
        with contextlib.suppress(OperationalError):
            with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
                email_once("review:1:due", "coordinator@example.org", "Review due", "Body")
    assert ReminderSent.objects.filter(key="review:1:due").count() == 1
    assert [m.subject for m in mail.outbox] == ["[No Limits] Review due"]
