"""A gift's status moves only along Donation.TRANSITIONS, through nolimits.states, and each move
is logged; late or repeated Stripe events never move a gift back. Driven through the real
campaign page, the demo checkout and the signed webhook."""

import datetime as dt

from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles, states
from pledges import gateway
from pledges import stripe_payloads as payloads
from pledges.models import CampaignPage, Donation, DonationStatusChange
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(home):
    page = CampaignPage(
        title="Warm Coats",
        slug="warm-coats",
        summary="A coat for every winter.",
        target_pence=50_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def _give(client, method: str, amount: str = "25") -> Donation:
    client.force_login(UserFactory())
    response = client.post("/warm-coats/", {"amount_choice": "other", "other_amount": amount})
    client.post(response["Location"], {"action": method})
    return Donation.objects.get()


def _moves(gift: Donation) -> list[tuple[str, str]]:
    return list(gift.status_changes.values_list("from_status", "to_status"))


def test_a_card_gift_is_logged_from_not_paid_to_received_once(client, campaign, post_event):
    gift = _give(client, "card")
    assert gift.status == "succeeded"
    assert _moves(gift) == [("awaiting_payment", "succeeded")]
    change = gift.status_changes.get()
    assert change.by is None and change.reason == "Stripe: paid at checkout"
    # Stripe sends the same completed session again, then a stray "expired": nothing moves.
    again = payloads.event(
        "checkout.session.completed",
        payloads.checkout_session(
            session_id=gift.stripe_checkout_session_id,
            mode="payment",
            reference=str(gift.uuid),
            metadata={"donation": str(gift.uuid)},
            amount=gift.amount_pence,
            payment_intent=gift.stripe_payment_intent_id,
        ),
    )
    expired = payloads.event(
        "checkout.session.expired",
        payloads.checkout_session(
            session_id=gift.stripe_checkout_session_id,
            mode="payment",
            reference=str(gift.uuid),
            metadata={"donation": str(gift.uuid)},
            amount=gift.amount_pence,
            payment_status="unpaid",
            status="expired",
        ),
    )
    assert post_event(again).status_code == 200
    assert post_event(expired).status_code == 200
    gift.refresh_from_db()
    assert gift.status == "succeeded" and _moves(gift) == [("awaiting_payment", "succeeded")]


def test_a_direct_debit_gift_is_logged_through_processing(client, campaign, post_event):
    gift = _give(client, "bacs_debit")
    assert _moves(gift) == [("awaiting_payment", "processing")]
    paid = payloads.event(
        "checkout.session.async_payment_succeeded",
        payloads.checkout_session(
            session_id=gift.stripe_checkout_session_id,
            mode="payment",
            reference=str(gift.uuid),
            metadata={"donation": str(gift.uuid)},
            amount=gift.amount_pence,
            payment_intent=gift.stripe_payment_intent_id,
        ),
    )
    post_event(paid)
    gift.refresh_from_db()
    assert gift.status == "succeeded" and gift.paid_at is not None
    assert _moves(gift) == [("awaiting_payment", "processing"), ("processing", "succeeded")]


def test_leaving_the_checkout_is_logged_and_a_late_payment_does_not_revive_the_gift(
    client, campaign, post_event
):
    client.force_login(UserFactory())
    response = client.post("/warm-coats/", {"amount_choice": "other", "other_amount": "10"})
    client.post(response["Location"], {"action": "cancel"})
    gift = Donation.objects.get()
    assert gift.status == "expired"
    assert _moves(gift) == [("awaiting_payment", "expired")]
    late = payloads.event(
        "checkout.session.completed",
        payloads.checkout_session(
            session_id=gift.stripe_checkout_session_id,
            mode="payment",
            reference=str(gift.uuid),
            metadata={"donation": str(gift.uuid)},
            amount=gift.amount_pence,
        ),
    )
    post_event(late)
    gift.refresh_from_db()
    assert gift.status == "expired" and gift.paid_at is None and gift.receipt_number == ""


def test_stripe_unreachable_leaves_the_gift_not_completed_by_the_donor(
    client, campaign, monkeypatch
):
    class Down:
        def payment_checkout(self, **kwargs):
            raise gateway.GatewayUnavailable("down")

    monkeypatch.setattr(gateway, "get_gateway", lambda: Down())
    donor = UserFactory()
    client.force_login(donor)
    response = client.post("/warm-coats/", {"amount_choice": "other", "other_amount": "10"})
    assert response.status_code == 200
    assert "We could not reach our payment provider" in response.content.decode()
    gift = Donation.objects.get()
    change = gift.status_changes.get()
    assert (change.from_status, change.to_status, change.by) == ("awaiting_payment", "expired", donor)


def test_a_received_gift_cannot_go_back_to_not_paid(db):
    gift = Donation.objects.create(
        donor=UserFactory(), kind="campaign", amount_pence=500, status="succeeded"
    )
    with pytest.raises(states.IllegalMove) as refused:
        states.move(gift, Donation.Status.AWAITING_PAYMENT, reason="nonsense")
    assert refused.value.messages == ["A donation cannot go from “Received” to “Not paid yet”."]
    assert states.next_states(gift) == []
    assert not DonationStatusChange.objects.exists()


def test_finance_sees_a_gifts_history_on_its_inspect_page(client, campaign):
    gift = _give(client, "bacs_debit")
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    html = client.get(f"/admin/giving/gifts/inspect/{gift.pk}/").content.decode()
    assert "History" in html
    assert "Not paid yet → Processing (Direct Debit): Stripe: Direct Debit being collected" in html
