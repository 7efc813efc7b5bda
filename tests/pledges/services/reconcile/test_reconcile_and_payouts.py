"""Finance's side of Stripe: payouts fill in fees, the daily job catches missed events."""

import time

from django.core import mail
from django.utils import timezone

import pytest

from grants.fund import fund_balance
from pledges import services
from pledges import stripe_payloads as payloads
from pledges.models import Adjustment, Donation, PayoutLine, Pledge, StripeEvent
from pledges.selectors import money_received_pence
from tests.pledges.conftest import history_for
from tests.pledges.fake_stripe import payout_history, refund_history
from tests.pledges.ledger import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fake_stripe")]


def test_a_payout_records_each_gifts_fee_net_and_payout(post_event, pledge, fake_stripe):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    payout = payout_history(
        fake_stripe,
        payout_id="po_1",
        charges=[
            ("ch_sub_test_1_0", "pi_sub_test_1_0", 1000, 35),
            ("ch_other", "pi_other", 500, 20),
        ],
        created=1_781_000_000,
    )
    post_event(payout)
    gift = Donation.objects.get()
    assert (gift.fee_pence, gift.net_pence, gift.payout_id, gift.stripe_charge_id) == (
        35,
        965,
        "po_1",
        "ch_sub_test_1_0",
    )
    listing = [c for c in fake_stripe.calls if c["path"] == "/v1/balance_transactions"][0]
    assert listing["query"]["payout"] == ["po_1"]
    # The lines Stripe paid out for other income, and the payout itself, are kept for finance.
    assert PayoutLine.objects.count() == 3


def test_a_payout_before_the_gifts_invoice_does_not_lose_its_fee(post_event, pledge, fake_stripe):
    history = history_for(pledge, fake_stripe, months=1)
    payout = payout_history(
        fake_stripe,
        payout_id="po_early",
        charges=[("ch_sub_test_1_0", "pi_sub_test_1_0", 1000, 35)],
        created=1_781_000_000,
    )
    post_event(payout)  # first: the gift is not known yet
    assert StripeEvent.objects.get(event_id=payout["id"]).status == StripeEvent.Status.PROCESSED
    for event in history:
        post_event(event)
    gift = Donation.objects.get()
    assert (gift.fee_pence, gift.net_pence, gift.payout_id) == (35, 965, "po_early")


def test_a_refund_told_only_by_charge_refunded_reduces_the_fund(post_event, pledge, fake_stripe):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    assert money_received_pence() == 1000
    events = refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 300), ("re_b", 700)],
        base=1_785_000_000,
        refund_events=False,
    )
    assert all("refunds" not in e["data"]["object"] for e in events)
    post_event(events[0])
    post_event(events[1])
    assert sorted(Adjustment.objects.values_list("stripe_id", "amount_pence")) == [
        ("re_a", -300),
        ("re_b", -700),
    ]
    assert Donation.objects.get().refunded_pence == 1000
    assert money_received_pence() == 0


def test_refund_events_and_charge_refunded_in_any_order_give_one_line_per_refund(
    post_event, pledge, fake_stripe
):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    events = refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 250)],
        base=1_785_000_000,
    )
    for event in reversed(events + events):
        post_event(event)
    assert list(Adjustment.objects.values_list("stripe_id", "amount_pence")) == [("re_a", -250)]
    assert money_received_pence() == 750


def test_reconciliation_rebuilds_a_deleted_history_into_the_same_ledger(
    post_event, pledge, fake_stripe, settings
):
    base = int(time.time()) - 28 * 86400  # within the 30 days of events Stripe keeps
    history = history_for(pledge, fake_stripe, months=1, base=base, method="bacs_debit")
    refunds = refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 400)],
        base=base + 10 * 86400,
        refund_events=False,
    )
    payout = payout_history(
        fake_stripe,
        payout_id="po_1",
        charges=[("ch_sub_test_1_0", "pi_sub_test_1_0", 1000, 35)],
        created=base + 8 * 86400,
    )
    for event in [*history, *refunds, payout]:
        post_event(event)
    before = snapshot()
    assert before["fund"] == 600 and before["payout_lines"]
    assert Donation.objects.get().payment_method_type == "bacs_debit"

    # Everything we were told is lost.
    Adjustment.objects.all().delete()
    Donation.objects.all().delete()
    PayoutLine.objects.all().delete()
    StripeEvent.objects.all().delete()
    pledge.status_changes.all().delete()
    Pledge.objects.filter(pk=pledge.pk).update(
        status=Pledge.Status.AWAITING_CHECKOUT,
        stripe_subscription_id=None,
        stripe_customer_id="",
        stripe_subscription_status="",
        stripe_status_at=0,
        payment_method_type="",
        stripe_payment_method_id="",
        checkout_completed_at=None,
        next_payment_on=None,
    )
    settings.STRIPE_RECONCILE_DAYS = 400  # more than Stripe keeps: capped at 30
    assert services.stripe_reconcile() == len(fake_stripe.events)
    assert snapshot() == before
    assert services.stripe_reconcile() == 0  # again: nothing new, nothing changed
    assert snapshot() == before
    asked = [c for c in fake_stripe.calls if c["path"] == "/v1/events"]
    assert int(asked[-1]["query"]["created[gte]"][0]) >= int(time.time()) - 30 * 86400 - 5
    assert not StripeEvent.objects.exclude(status=StripeEvent.Status.PROCESSED).exists()


def test_reconciliation_looks_back_the_configured_days(fake_stripe, settings):
    settings.STRIPE_RECONCILE_DAYS = 14
    services.stripe_reconcile()
    since = int(fake_stripe.calls[0]["query"]["created[gte]"][0])
    assert abs(since - (int(time.time()) - 14 * 86400)) < 5


def test_a_failed_payment_emails_the_donor_with_where_to_fix_it(
    post_event, pledge, fake_stripe, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    failed = payloads.event(
        "invoice.payment_failed",
        payloads.invoice(
            invoice_id="in_f",
            sub_id="sub_test_1",
            customer="cus_test_1",
            amount=1000,
            status="open",
            metadata={"pledge": str(pledge.uuid)},
        ),
    )
    past_due = payloads.event(
        "customer.subscription.updated",
        payloads.subscription(
            sub_id="sub_test_1",
            customer="cus_test_1",
            amount=1000,
            status="past_due",
            metadata={"pledge": str(pledge.uuid)},
            payment_method="pm_sub_test_1",
        ),
        created=1_785_000_000,
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_event(failed)
        post_event(past_due)
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PAYMENT_FAILED
    message = mail.outbox[-1]
    assert message.subject == "[No Limits] Your monthly gift could not be taken"
    assert "/pledges/my-giving/" in message.body and "Update card or bank details" in message.body


def test_a_refused_direct_debit_mandate_tells_the_donor(
    post_event, pledge, fake_stripe, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, fake_stripe, months=1, method="bacs_debit"):
        post_event(event)
    mandate = payloads.mandate(
        mandate_id="mandate_1", payment_method="pm_sub_test_1", network_status="revoked"
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_event(payloads.event("mandate.updated", mandate))
    assert mail.outbox[-1].subject == "[No Limits] Your Direct Debit has stopped"


def test_a_payment_needing_confirmation_sends_stripes_link(
    post_event, pledge, fake_stripe, django_capture_on_commit_callbacks
):
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    invoice = payloads.invoice(
        invoice_id="in_a",
        sub_id="sub_test_1",
        customer="cus_test_1",
        amount=1000,
        status="open",
        hosted_invoice_url="https://invoice.stripe.com/i/abc",
    )
    with django_capture_on_commit_callbacks(execute=True):
        post_event(payloads.event("invoice.payment_action_required", invoice))
    assert "https://invoice.stripe.com/i/abc" in mail.outbox[-1].body


def test_a_payout_whose_lines_name_only_the_charge_still_gives_the_fee(
    post_event, pledge, fake_stripe
):
    """A balance transaction's `source` is a bare charge id unless expanded; a Stripe that does
    not expand it (an older double, a partial answer) must not lose the gift's fee and payout."""
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    payout = payout_history(
        fake_stripe,
        payout_id="po_plain",
        charges=[("ch_sub_test_1_0", "pi_sub_test_1_0", 1000, 35)],
        created=1_781_000_000,
    )
    lines = [fake_stripe.objects[t] for t in fake_stripe.payouts["po_plain"]]
    assert all(isinstance(line["source"], str) for line in lines)
    fake_stripe.responses[("GET", "/v1/balance_transactions")] = payloads.list_of(
        lines, "/v1/balance_transactions"
    )  # as Stripe holds them: `source` not expanded
    post_event(payout)
    gift = Donation.objects.get()
    assert (gift.fee_pence, gift.net_pence, gift.payout_id) == (35, 965, "po_plain")
    assert PayoutLine.objects.get(type="charge").charge_id == "ch_sub_test_1_0"


def test_the_fund_balance_is_exact_after_every_refund_and_dispute_and_after_reconciling(
    post_event, pledge, fake_stripe
):
    """The balance grant decisions spend against (grants.fund), step by step as Stripe tells of
    a partial refund (charge.refunded only), a refund that then fails, and a dispute opened,
    lost or won; then the same history lost and fetched again from Stripe's Events API."""
    base = int(time.time()) - 20 * 86400
    other = Pledge.objects.create(
        donor=pledge.donor, method="stripe", amount_pence=1000, stripe_checkout_session_id="cs_2"
    )
    for event in [
        *history_for(pledge, fake_stripe, months=1, base=base),
        *history_for(other, fake_stripe, months=1, base=base, sub_id="sub_2", customer="cus_2"),
    ]:
        post_event(event)
    assert fund_balance().available_pence == 2000

    refunds = refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 300)],
        base=base + 3 * 86400,
        refund_events=False,
    )
    post_event(refunds[0])
    assert fund_balance().available_pence == 1700

    failed = {**fake_stripe.objects["re_a"], "status": "failed"}
    fake_stripe.add(failed)
    steps = [
        (payloads.event("refund.failed", failed, created=base + 4 * 86400), 2000),
    ]
    dispute = payloads.dispute(
        dispute_id="dp_1",
        charge_id="ch_sub_2_0",
        payment_intent="pi_sub_2_0",
        amount=1000,
    )
    for n, (status, expected) in enumerate(
        [("needs_response", 1000), ("under_review", 1000), ("lost", 1000)]
    ):
        type_ = "charge.dispute.created" if n == 0 else "charge.dispute.updated"
        event = payloads.event(type_, {**dispute, "status": status}, created=base + (5 + n) * 86400)
        steps.append((event, expected))
    won = payloads.dispute(
        dispute_id="dp_2", charge_id="ch_sub_test_1_0", payment_intent="pi_sub_test_1_0", amount=700
    )
    steps += [
        (payloads.event("charge.dispute.created", won, created=base + 9 * 86400), 300),
        (
            payloads.event(
                "charge.dispute.closed", {**won, "status": "won"}, created=base + 10 * 86400
            ),
            1000,
        ),
    ]
    for event, expected in steps:
        fake_stripe.add_events(event)
        assert post_event(event).status_code == 200
        assert fund_balance().available_pence == expected, event["type"]
    before = snapshot()
    assert before["fund"] == fund_balance().received_pence == 1000

    # Lost, then rebuilt from Stripe's own events: the same ledger and the same balance.
    Adjustment.objects.all().delete()
    Donation.objects.all().delete()
    StripeEvent.objects.all().delete()
    assert fund_balance().available_pence == 0
    services.stripe_reconcile()
    assert snapshot() == before
    assert fund_balance().available_pence == 1000


def test_by_default_reconciliation_looks_back_far_enough_for_direct_debit_and_retries():
    from nolimits.settings import base

    # Bacs takes up to 7 working days and Smart Retries about two weeks; Stripe keeps 30 days.
    assert 14 <= base.STRIPE_RECONCILE_DAYS <= 30


def test_a_fetched_event_in_another_api_version_says_which_version_to_change(fake_stripe):
    """Stripe's Events API renders an event in the account's default API version of its day, not
    the webhook endpoint's: finance is told to change that, not only the endpoint."""
    event = payloads.event(
        "payout.paid",
        payloads.payout(payout_id="po_v", amount=100, arrival_date=int(time.time())),
        created=int(time.time()) - 86400,
    )
    event["api_version"] = "2025-03-31.basil"
    fake_stripe.events.append(event)  # not the pinned version's shape: past the fake's check
    assert services.stripe_reconcile() == 0
    stored = StripeEvent.objects.get(event_id=event["id"])
    assert stored.status == StripeEvent.Status.SET_ASIDE
    assert "2025-03-31.basil" in stored.error
    assert "account's default API version" in stored.error


def test_a_refund_stripe_tells_shows_on_the_givers_my_giving_and_statement(
    post_event, pledge, fake_stripe, client, home
):
    """The same refund, told in Stripe's own shapes, on every screen the giver reads it: the
    gift's tag on My giving (its refunds prefetched apart), its receipt link, the tax year's
    statement, and the date each writes (short_date on one, the date filter on the other)."""
    for event in history_for(pledge, fake_stripe, months=1):
        post_event(event)
    for event in refund_history(
        fake_stripe,
        charge_id="ch_sub_test_1_0",
        payment_intent="pi_sub_test_1_0",
        charge_amount=1000,
        refunds=[("re_a", 300)],
        base=1_785_000_000,
    ):
        post_event(event)
    gift = Donation.objects.get()
    client.force_login(pledge.donor)
    page = client.get("/pledges/my-giving/").content.decode()
    assert '<strong class="govuk-tag govuk-tag--grey">Refund</strong>' in page
    assert f'href="/pledges/receipt/{gift.uuid}/"' in page
    day = timezone.localtime(gift.paid_at)
    assert f"{day.day} {day:%b %Y}" in page
    tax_year = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
    assert f'href="/pledges/statement/{tax_year}/"' in page
    statement = client.get(f"/pledges/statement/{tax_year}/").content.decode()
    assert "Refunded to you" in statement and "£3" in statement
    assert f"{day.day} {day:%b %Y}" in statement
