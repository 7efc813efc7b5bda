"""A Stripe event is applied once: its status moves along StripeEvent.TRANSITIONS through
nolimits.states, each move logged with why; an applied event is never applied again."""

import pytest

from nolimits import states
from pledges import services
from pledges import stripe_payloads as payloads
from pledges.models import StripeEvent, StripeEventStatusChange
from tests.pledges.conftest import history_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_stripe")]


def _moves(event: StripeEvent) -> list[tuple[str, str]]:
    return list(event.status_changes.values_list("from_status", "to_status"))


def test_an_applied_event_is_logged_once_and_never_applied_again(
    post_event, pledge, fake_stripe
):
    first = history_for(pledge, fake_stripe, months=1)[0]
    post_event(first)
    event = StripeEvent.objects.get(event_id=first["id"])
    assert event.status == "processed" and event.attempts == 1
    assert _moves(event) == [("pending", "processed")]
    assert event.status_changes.get().reason == f"Applied {first['type']}"
    assert services.stripe_event_process(event_pk=event.pk) == "processed"
    event.refresh_from_db()
    assert event.attempts == 1 and _moves(event) == [("pending", "processed")]


def test_a_failed_event_is_logged_with_its_reason_then_applied_on_retry(
    post_event, pledge, fake_stripe
):
    events = history_for(pledge, fake_stripe, months=1)
    invoice = next(e for e in events if e["type"] == "invoice.paid")
    # Before the checkout, and without the pledge's id: no pledge knows this subscription yet.
    invoice["data"]["object"]["parent"]["subscription_details"]["metadata"] = {}
    post_event(invoice)
    stored = StripeEvent.objects.get(event_id=invoice["id"])
    assert stored.status == "failed"
    assert _moves(stored) == [("pending", "failed")]
    assert stored.status_changes.get().reason.startswith("Not ready: no pledge for subscription")
    services.stripe_event_process(event_pk=stored.pk)  # still not ready: no second log row
    stored.refresh_from_db()
    assert stored.attempts == 2 and _moves(stored) == [("pending", "failed")]
    for event in events:
        if event is not invoice:
            post_event(event)
    services.stripe_event_process(event_pk=stored.pk)
    stored.refresh_from_db()
    assert stored.status == "processed"
    assert _moves(stored) == [("pending", "failed"), ("failed", "processed")]


def test_an_event_type_we_do_not_handle_is_ignored_and_logged(post_event):
    event = payloads.event("product.created", payloads.skeleton("product"))
    post_event(event)
    stored = StripeEvent.objects.get(event_id=event["id"])
    assert stored.status == "ignored" and _moves(stored) == [("pending", "ignored")]


def test_a_set_aside_event_is_never_applied(post_event):
    event = payloads.event("invoice.paid", payloads.skeleton("invoice"))
    event["api_version"] = "2020-08-27"
    post_event(event)
    stored = StripeEvent.objects.get(event_id=event["id"])
    assert stored.status == "set_aside"
    assert services.stripe_event_process(event_pk=stored.pk) == "set_aside"
    assert not StripeEventStatusChange.objects.exists()
    with pytest.raises(states.IllegalMove):
        states.move(stored, StripeEvent.Status.PROCESSED, reason="by hand")
