"""POST /pledges/stripe/webhook/: verify, store by id first, process idempotently, never 500."""

import json
import time

import pytest

from pledges import stripe_payloads as payloads
from pledges.models import Donation, Pledge, StripeEvent
from pledges.services import stripe_events_retry_failed
from tests.pledges.conftest import history_for
from tests.pledges.fake_stripe import refund_history


def _later():
    import datetime as _dt

    from django.utils import timezone as _tz

    return _tz.now() + _dt.timedelta(days=1)


pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_stripe")]


def test_a_signed_history_activates_the_pledge_and_records_each_month(
    post_event, pledge, fake_stripe
):
    for event in history_for(pledge, fake_stripe, months=2):
        assert post_event(event).status_code == 200
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert pledge.stripe_subscription_id == "sub_test_1"
    assert list(pledge.donations.values_list("amount_pence", "status")) == [(1000, "succeeded")] * 2
    assert [c.to_status for c in pledge.status_changes.all()] == ["pending", "active"]


def test_the_same_event_twice_is_acknowledged_and_changes_nothing(post_event, pledge, fake_stripe):
    events = history_for(pledge, fake_stripe, months=1)
    for event in events:
        post_event(event)
    response = post_event(events[-1])
    assert response.status_code == 200
    assert response.content == b"duplicate"
    assert StripeEvent.objects.filter(event_id=events[-1]["id"]).count() == 1
    assert Donation.objects.count() == 1


def test_ten_deliveries_of_one_invoice_make_one_gift(post_event, pledge, fake_stripe):
    events = history_for(pledge, fake_stripe, months=1)
    for _ in range(10):
        for event in reversed(events):
            assert post_event(event).status_code == 200
    stripe_events_retry_failed(now=_later())
    assert Donation.objects.count() == 1


def test_invoice_before_checkout_still_ends_active(post_event, pledge, fake_stripe):
    for event in reversed(history_for(pledge, fake_stripe, months=1)):
        post_event(event)
    stripe_events_retry_failed(now=_later())
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert Donation.objects.get().amount_pence == 1000


def test_an_invoice_for_an_unknown_subscription_is_kept_and_retried(post_event, pledge):
    orphan = payloads.event(
        "invoice.paid",
        payloads.invoice(invoice_id="in_x", sub_id="sub_unknown", customer="cus_x", amount=500),
    )
    post_event(orphan)
    event = StripeEvent.objects.get(event_id=orphan["id"])
    assert event.status == StripeEvent.Status.FAILED and "Not ready" in event.error
    assert stripe_events_retry_failed(now=_later()) == 1
    assert StripeEvent.objects.get(pk=event.pk).attempts == 2
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    "signature",
    [None, "t=1,v1=deadbeef", "garbage"],
    ids=["missing", "wrong", "malformed"],
)
def test_bad_signatures_are_refused_and_nothing_is_stored(client, pledge, signature, fake_stripe):
    body = json.dumps(history_for(pledge, fake_stripe)[0])
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature else {}
    response = client.post(
        "/pledges/stripe/webhook/", data=body, content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_stale_signature_is_refused(post_event, pledge, fake_stripe):
    response = post_event(history_for(pledge, fake_stripe)[0], timestamp=int(time.time()) - 301)
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()


def test_a_signature_with_another_secret_is_refused(post_event, pledge, fake_stripe):
    assert (
        post_event(history_for(pledge, fake_stripe)[0], sign_with="whsec_someone_else").status_code
        == 400
    )


@pytest.mark.parametrize(
    "body",
    [
        {"hello": "world"},
        {"id": "evt_1", "object": "event", "type": "x", "created": 1, "data": {}},
        [],
    ],
)
def test_a_signed_body_that_is_not_an_event_is_refused(post_event, body):
    assert post_event(body).status_code == 400
    assert not StripeEvent.objects.exists()


def test_an_unsigned_non_json_body_is_400_not_500(client):
    response = client.post(
        "/pledges/stripe/webhook/",
        data=b"\xff\xfe not json",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=x",
    )
    assert response.status_code == 400


def test_unknown_event_types_are_stored_acknowledged_and_ignored(post_event):
    event = payloads.event("customer.tax_id.created", {"id": "txi_1", "object": "tax_id"})
    assert post_event(event).status_code == 200
    assert StripeEvent.objects.get().status == StripeEvent.Status.IGNORED


def test_only_post_is_allowed(client):
    assert client.get("/pledges/stripe/webhook/").status_code == 405
    assert client.put("/pledges/stripe/webhook/").status_code == 405


def test_refunds_and_disputes_become_negative_lines_once(post_event, pledge, fake_stripe):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    (refund,) = refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_1", 400)],
        base=1_795_000_000,
        refund_events=False,
    )
    post_event(refund)
    post_event(refund)
    dispute_open = payloads.event(
        "charge.dispute.created",
        payloads.dispute(
            dispute_id="dp_1",
            charge_id="ch_sub_test_1_0",
            payment_intent="pi_sub_test_1_0",
            amount=600,
        ),
        created=1_795_500_000,
    )
    dispute_won = payloads.event(
        "charge.dispute.closed",
        payloads.dispute(
            dispute_id="dp_1",
            charge_id="ch_sub_test_1_0",
            payment_intent="pi_sub_test_1_0",
            amount=600,
            status="won",
        ),
        created=1_795_500_100,
    )
    post_event(dispute_won)  # the close arrives first
    post_event(dispute_open)
    gift = Donation.objects.get()
    assert gift.refunded_pence == 400
    assert list(gift.adjustments.order_by("kind").values_list("kind", "amount_pence")) == [
        ("dispute", 0),
        ("refund", -400),
    ]
    assert gift.disputed is False


def test_a_cancelled_subscription_stays_cancelled_whatever_comes_after(
    post_event, pledge, fake_stripe
):
    events = history_for(pledge, fake_stripe, months=1)
    deleted = payloads.event(
        "customer.subscription.deleted",
        payloads.subscription(
            sub_id="sub_test_1",
            customer="cus_test_1",
            amount=1000,
            status="canceled",
            metadata={"pledge": str(pledge.uuid)},
        ),
        created=1_780_000_100,
    )
    for event in [deleted, *events]:
        post_event(event)
    stripe_events_retry_failed(now=_later())
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.CANCELLED
    assert Donation.objects.count() == 1  # the money that did arrive is still recorded
