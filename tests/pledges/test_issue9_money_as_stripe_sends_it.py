"""Giving as real Stripe sends it: shapes, events from the wrong place, Gift Aid only with a
gift, claims all or nothing, receipts and finance screens that speak money, money typed kindly."""

import csv
import datetime as dt
import json
import re
import time
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest
import stripe
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from nolimits.models import SiteSettings
from pledges import gateway, giftaid_schedule, selectors, services
from pledges import stripe_payloads as payloads
from pledges.models import (
    CampaignPage,
    Donation,
    GiftAidClaim,
    GiftAidDeclaration,
    PayrollRun,
    Pledge,
    StripeEvent,
)
from pledges.stripe_events import HANDLERS
from tests.factories import UserFactory
from tests.pledges.conftest import history_for
from tests.pledges.fake_stripe import client_with
from tests.pledges.stripe_schema import event_problems, problems

pytestmark = pytest.mark.django_db

GIFT_AID = {
    "gift_aid": "on",
    "title": "Ms",
    "first_name": "Dana",
    "last_name": "Donor",
    "house_name_or_number": "12",
    "postcode": "SL1 2AB",
}


@pytest.fixture
def signed_in(client, donor, home):
    client.force_login(donor)
    return client


@pytest.fixture
def campaign(home):
    page = CampaignPage(
        title="Starter packs",
        slug="starter-packs",
        summary="Setting up home.",
        target_pence=100_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
        suggested_amounts="10, 25",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- 1. Real shapes ---------------------------------------------------------------------------


def test_the_checker_names_a_field_stripe_does_not_have():
    invoice = payloads.invoice(invoice_id="in_1", sub_id="sub_1", customer="cus_1", amount=500)
    assert problems(invoice) == []
    invoice["subscription"] = "sub_1"  # gone since API basil
    invoice["parent"]["subscription_details"]["pledge"] = "x"
    assert sorted(problems(invoice)) == [
        ".parent.subscription_details.pledge: Invoice.Parent.SubscriptionDetails has no such field",
        ".subscription: Invoice has no such field",
    ]
    charge = payloads.charge(charge_id="ch_1", payment_intent="pi_1", amount=500)
    charge["refunds"] = payloads.list_of([], "/v1/refunds")
    assert "event.data.object.refunds: a webhook's charge has none" in event_problems(
        payloads.event("charge.refunded", charge)
    )


def test_every_object_and_event_we_make_is_stripes_shape():
    made = [
        payloads.checkout_session(
            session_id="cs_1", mode="payment", reference="r", metadata={}, amount=1, customer="c"
        ),
        payloads.subscription(sub_id="sub_1", customer="c", amount=1, payment_method="pm_1"),
        payloads.invoice(invoice_id="in_1", sub_id="sub_1", customer="c", amount=1),
        payloads.invoice_payment(invoice_id="in_1", payment_intent="pi_1", amount=1, paid_at=1),
        payloads.payment_method(pm_id="pm_1", type_="bacs_debit"),
        payloads.payment_intent(pi_id="pi_1", amount=1, payment_method="pm_1", charge_id="ch_1"),
        payloads.charge(charge_id="ch_1", payment_intent="pi_1", amount=1, method="bacs_debit"),
        payloads.refund(refund_id="re_1", charge_id="ch_1", payment_intent="pi_1", amount=1),
        payloads.dispute(dispute_id="dp_1", charge_id="ch_1", payment_intent="pi_1", amount=1),
        payloads.payout(payout_id="po_1", amount=1, arrival_date=1),
        payloads.balance_transaction(txn_id="txn_1", amount=1, fee=0, source="ch_1"),
        payloads.mandate(mandate_id="mandate_1", payment_method="pm_1", network_status="revoked"),
    ]
    for obj in made:
        assert problems(obj) == [], obj["object"]
        assert event_problems(payloads.event("x.y", obj)) == [], obj["object"]
    invoice, subscription = made[2], made[1]
    assert "payments" not in invoice and "subscription" not in invoice
    assert invoice["parent"]["subscription_details"]["subscription"] == "sub_1"
    assert subscription["default_payment_method"] == "pm_1"
    assert "refunds" not in made[6]
    assert payloads.API_VERSION == stripe.api_version == "2026-10-28.endive"


def test_the_demos_events_are_stripes_shape(signed_in, campaign):
    from django_q.models import Schedule

    from pledges import demo

    for action in ("card", "bacs_debit", "cancel"):
        response = signed_in.post("/pledges/give/", {"amount_choice": "1000"})
        signed_in.post(response["Location"], {"action": action})
        response = signed_in.post(campaign.url, {"amount_choice": "1000"})
        signed_in.post(response["Location"], {"action": action})
    for schedule in Schedule.objects.filter(func="pledges.demo.deliver"):
        demo.deliver(*eval(schedule.args))  # noqa: S307 - as the worker runs it
    events = list(StripeEvent.objects.all())
    assert {e.type for e in events} >= {
        "checkout.session.completed",
        "checkout.session.async_payment_succeeded",
        "checkout.session.expired",
        "customer.subscription.created",
        "invoice.paid",
    }
    for event in events:
        assert event_problems(event.payload) == [], event.type
        assert event.status == StripeEvent.Status.PROCESSED, (event.type, event.error)
    methods = set(
        Donation.objects.filter(status="succeeded").values_list("kind", "payment_method_type")
    )
    assert methods == {
        ("monthly", "card"),
        ("monthly", "bacs_debit"),
        ("campaign", "card"),
        ("campaign", "bacs_debit"),
    }


# --- 3, 5. Bacs pledges are quiet; the payment method is fetched -------------------------------


def test_a_bacs_pledges_async_session_events_are_recorded_not_failed(
    post_event, pledge, fake_stripe
):
    events = history_for(pledge, fake_stripe, months=1, method="bacs_debit")
    session = events[0]["data"]["object"]
    failed = payloads.event(
        "checkout.session.async_payment_failed", {**session, "payment_status": "unpaid"}
    )
    for event in [*events, failed]:
        assert post_event(event).status_code == 200
    assert set(StripeEvent.objects.values_list("status", flat=True)) == {"processed"}
    assert services.stripe_events_needing_attention() == 0
    pledge.refresh_from_db()
    assert pledge.payment_method_type == "bacs_debit"
    assert pledge.donations.get().payment_method_type == "bacs_debit"
    assert "/v1/payment_methods/pm_sub_test_1" in [c["path"] for c in fake_stripe.calls]


def test_my_giving_says_how_each_pledge_and_gift_is_paid(
    post_event, pledge, fake_stripe, client, donor, home
):
    for event in history_for(pledge, fake_stripe, months=1, method="bacs_debit"):
        post_event(event)
    client.force_login(donor)
    html = client.get("/pledges/my-giving/").content.decode()
    assert html.count("Bacs Direct Debit") == 2  # the pledge and its gift


# --- 7. Events from the wrong place ----------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"api_version": "2024-06-20"}, "sent in Stripe API version 2024-06-20"),
        ({"livemode": True}, "This is a live event but the site uses a test key"),
        ({"created": int(time.time()) + 3600}, "created in the future"),
    ],
)
def test_an_event_from_the_wrong_place_is_set_aside_with_a_plain_reason(
    post_event, pledge, fake_stripe, client, home, change, reason
):
    event = {**history_for(pledge, fake_stripe)[0], **change}
    assert post_event(event).status_code == 200  # acknowledged: Stripe must not retry for days
    stored = StripeEvent.objects.get()
    assert stored.status == StripeEvent.Status.SET_ASIDE and reason in stored.error
    assert services.stripe_events_retry_failed(now=timezone.now() + dt.timedelta(days=9)) == 0
    pledge.refresh_from_db()
    assert pledge.checkout_completed_at is None  # never applied
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    assert reason in client.get("/admin/giving/stripe-events/").content.decode()
    assert "1 Stripe event set aside" in client.get("/admin/").content.decode()


def test_a_live_key_expects_live_events(post_event, pledge, fake_stripe, settings):
    settings.STRIPE_SECRET_KEY = "rk_live_fake"
    post_event(history_for(pledge, fake_stripe)[0])
    assert "This is a test event but the site uses a live key" in StripeEvent.objects.get().error


# --- 8. README and settings -------------------------------------------------------------------


def test_the_readme_lists_exactly_the_events_the_code_handles():
    readme = (Path(django_settings.BASE_DIR) / "README.md").read_text()
    section = readme.split("<!-- stripe-webhook-events -->")[1]
    listed = set(re.findall(r"`([a-z_]+(?:\.[a-z_]+)+)`", section))
    assert listed == set(HANDLERS)
    assert "Customer Portal" in readme and "invoice_history" in readme


def test_stripe_api_base_points_the_sdk_at_a_test_double(settings):
    gateway._stripe_client.cache_clear()
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_API_BASE = "http://127.0.0.1:12111"
    try:
        client = gateway._stripe_client()
        assert client._requestor._options.base_addresses["api"] == "http://127.0.0.1:12111"
    finally:
        gateway._stripe_client.cache_clear()
    settings.STRIPE_API_BASE = ""
    assert gateway._stripe_client()._requestor._options.base_addresses["api"] == (
        "https://api.stripe.com"
    )
    gateway._stripe_client.cache_clear()


# --- 9. Gift Aid only with a gift --------------------------------------------------------------


def _old_gift(donor) -> Donation:
    return Donation.objects.create(
        donor=donor,
        kind="campaign",
        amount_pence=5000,
        status="succeeded",
        paid_at=timezone.now() - dt.timedelta(days=60),
    )


def _claim_rows() -> list:
    start = timezone.localdate() - dt.timedelta(days=365)
    rows, _ = services.gift_aid_claim_prepare(
        start=start, end=timezone.localdate(), by=None, mark_claimed=False
    )
    return rows


def test_abandoning_a_direct_debit_checkout_after_ticking_gift_aid_changes_nothing(
    signed_in, donor
):
    _old_gift(donor)
    before = _claim_rows()
    response = signed_in.post("/pledges/give/", {"amount_choice": "1000", **GIFT_AID})
    assert GiftAidDeclaration.objects.get().awaiting_payment  # waiting for the gift
    assert services.declaration_in_force(donor) is None
    assert _claim_rows() == before  # not in effect while on Checkout
    page = signed_in.get(response["Location"]).content.decode()
    assert "Bacs" in page or "Direct Debit" in page
    signed_in.post(response["Location"], {"action": "cancel"})  # "Nothing was set up"
    assert not GiftAidDeclaration.objects.exists()
    assert _claim_rows() == before == []
    assert (
        "You have not asked us to add Gift Aid"
        in signed_in.get("/pledges/my-giving/").content.decode()
    )


def test_a_declaration_takes_effect_when_the_gift_succeeds(signed_in, donor):
    _old_gift(donor)
    response = signed_in.post("/pledges/give/", {"amount_choice": "1000", **GIFT_AID})
    signed_in.post(response["Location"], {"action": "card"})
    declaration = services.declaration_in_force(donor)
    assert declaration is not None and not declaration.awaiting_payment
    rows = _claim_rows()  # the old gift is covered now (past four years), and the new one
    assert sorted(r.amount_pence for r in rows) == [1000, 5000]


def test_abandoning_keeps_the_donors_declaration_in_force(signed_in, donor, campaign):
    existing = services.declaration_make(
        donor=donor,
        details=services.DeclarationDetails("", "Dana", "Donor", "1", "SL1 1AA"),
        charity_name="F",
    )
    response = signed_in.post("/pledges/give/", {"amount_choice": "1000"})
    # A donor with a declaration in force is not asked again on a campaign gift either.
    assert "your Gift Aid declaration of" in signed_in.get(campaign.url).content.decode()
    assert 'name="gift_aid"' not in signed_in.get(campaign.url).content.decode()
    signed_in.post(response["Location"], {"action": "cancel"})
    assert services.declaration_in_force(donor) == existing


# --- 10. Claims all or nothing -----------------------------------------------------------------


def test_a_claim_whose_files_cannot_be_written_claims_nothing_and_reruns_the_same(
    tmp_path, donor, monkeypatch
):
    services.declaration_make(
        donor=donor,
        details=services.DeclarationDetails("", "Dana", "Donor", "1", "SL1 1AA"),
        charity_name="F",
    )
    gift = Donation.objects.create(
        donor=donor, kind="campaign", amount_pence=5000, status="succeeded", paid_at=timezone.now()
    )
    day = timezone.localdate().isoformat()
    real = giftaid_schedule.write_csv

    def disk_full(rows, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(giftaid_schedule, "write_csv", disk_full)
    out = tmp_path / "claim.ods"
    with pytest.raises(CommandError, match="no gifts were marked as claimed"):
        call_command("gift_aid_schedule", "--start", day, "--end", day, "--output", str(out))
    gift.refresh_from_db()
    assert gift.gift_aid_claim is None and not GiftAidClaim.objects.exists()
    assert list(tmp_path.iterdir()) == []  # no half set of files
    monkeypatch.setattr(giftaid_schedule, "write_csv", real)
    call_command("gift_aid_schedule", "--start", day, "--end", day, "--output", str(out))
    first = (tmp_path / "claim.csv").read_text()
    assert list(csv.reader(first.splitlines()))[1][2:4] == ["Dana", "Donor"]
    gift.refresh_from_db()
    assert gift.gift_aid_claim is not None


# --- 13. Receipts ------------------------------------------------------------------------------


def test_a_receipt_names_the_charity_its_number_and_the_gifts_gift_aid(client, donor, home):
    site = SiteSettings.for_site(home.get_site())
    site.fund_holder_name = "Berkshire Community Foundation"
    site.fund_holder_charity_number = "1155173"
    site.save()
    services.declaration_make(
        donor=donor,
        details=services.DeclarationDetails("", "Dana", "Donor", "1", "SL1 1AA"),
        charity_name="F",
    )
    gift = Donation.objects.create(
        donor=donor,
        kind="campaign",
        amount_pence=2500,
        status="succeeded",
        paid_at=timezone.now(),
        payment_method_type="card",
    )
    client.force_login(donor)
    html = client.get(f"/pledges/receipt/{gift.uuid}/").content.decode()
    assert "Berkshire Community Foundation" in html and "registered charity number 1155173" in html
    assert f"NL-{gift.pk:07d}" in html
    assert "Gift Aid will be claimed: covered by your declaration of" in html
    assert "Paid by</dt><dd" in html and ">Card<" in html
    assert "receipt-print.css" in html
    waiting = Donation.objects.create(
        donor=donor, kind="campaign", amount_pence=2500, status="processing"
    )
    assert waiting.receipt_number == ""
    assert client.get(f"/pledges/receipt/{waiting.uuid}/").status_code == 404
    payroll = Donation.objects.create(
        donor=donor, kind="payroll", amount_pence=800, status="succeeded", paid_at=timezone.now()
    )
    assert "No Gift Aid: gifts from your pay" in selectors.gift_aid_status(payroll)


# --- 14. Finance screens speak money ------------------------------------------------------------


def test_finance_lists_show_pounds_with_pence_yes_no_and_counts(client, home):
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    donor = UserFactory()
    Donation.objects.create(
        donor=donor,
        kind="campaign",
        amount_pence=1000,
        status="succeeded",
        paid_at=timezone.now(),
        refunded_pence=250,
        payment_method_type="bacs_debit",
    )
    html = client.get("/admin/giving/gifts/").content.decode()
    assert "£10.00" in html and "£2.50" in html and re.search(r">\s*No\s*<", html)
    assert "Bacs Direct Debit" in html
    PayrollRun.objects.create(
        month=dt.date(2026, 1, 1), confirmed_by=finance, gift_count=1, total_pence=800
    )
    html = client.get("/admin/giving/payroll-runs/").content.decode()
    assert re.search(r">\s*1 gift\s*<", html) and "£8.00" in html
    html = client.get("/admin/giving/reconciliation/").content.decode()
    assert "£0.00" in html


def test_changing_gift_aid_details_starts_from_what_we_hold_and_cancelling_asks(signed_in, donor):
    services.declaration_make(
        donor=donor,
        details=services.DeclarationDetails("Dr", "Dana", "Donor-Smith", "Rose Cottage", "SL1 1AA"),
        charity_name="F",
    )
    html = signed_in.get("/pledges/gift-aid/").content.decode()
    assert 'value="Rose Cottage"' in html and 'value="Donor-Smith"' in html and 'value="Dr"' in html
    confirm = signed_in.get("/pledges/gift-aid/cancel/")
    assert confirm.status_code == 200
    assert "Are you sure you want to cancel Gift Aid?" in confirm.content.decode()
    assert services.declaration_in_force(donor) is not None  # asking changed nothing
    signed_in.post("/pledges/gift-aid/cancel/")
    assert services.declaration_in_force(donor) is None


def test_each_campaign_gift_reuses_the_donors_stripe_customer(
    signed_in, donor, campaign, fake_stripe
):
    fake_stripe.responses[("POST", "/v1/checkout/sessions")] = {
        **payloads.checkout_session(
            session_id="cs_new",
            mode="payment",
            reference="r",
            metadata={},
            amount=1000,
            status="open",
        )
    }
    Pledge.objects.create(
        donor=donor, method="stripe", amount_pence=500, stripe_customer_id="cus_known"
    )
    signed_in.post(campaign.url, {"amount_choice": "1000"})
    params = [c for c in fake_stripe.calls if c["path"] == "/v1/checkout/sessions"][0]["params"]
    assert params["customer"] == ["cus_known"]
    assert "customer_email" not in params and "customer_creation" not in params
    assert Donation.objects.get().stripe_customer_id == "cus_known"


# --- 12. Every amount field refuses non-numbers kindly -----------------------------------------


BAD_AMOUNTS = ["Infinity", "NaN", "1e3", "1,00,0", "£ 5", "\u0661\u0660", "9" * 40]


@pytest.mark.parametrize("typed", BAD_AMOUNTS)
def test_money_forms_refuse_non_numbers_kindly_and_keep_what_was_typed(
    signed_in, donor, campaign, typed
):
    donor.kind = "staff"
    donor.save()
    pledge = Pledge.objects.create(donor=donor, method="stripe", amount_pence=500, status="active")
    posts = [
        ("/pledges/give/", {"amount_choice": "other", "other_amount": typed}),
        (campaign.url, {"amount_choice": "other", "other_amount": typed}),
        (f"/pledges/pledge/{pledge.uuid}/amount/", {"amount": typed}),
        ("/pledges/give/payroll/", {"amount": typed, "employee_number": "AB123456"}),
    ]
    for url, data in posts:
        response = signed_in.post(url, data)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert "Enter" in html or "Put commas" in html, url
        assert f'value="{typed}"' in html, url
    assert Pledge.objects.count() == 1 and not Donation.objects.exists()


def test_the_fake_stripe_refuses_a_shape_stripe_does_not_have(fake_stripe):
    bad = payloads.payment_method(pm_id="pm_x", type_="card")
    bad["nickname"] = "mine"
    with pytest.raises(AssertionError, match="nickname"):
        fake_stripe.add(bad)
    fake_stripe.responses[("GET", "/v1/payment_methods/pm_y")] = {**bad, "id": "pm_y"}
    with pytest.raises(AssertionError, match="nickname"):
        gateway.StripeGateway(client_with(fake_stripe)).payment_method_type(pm_id="pm_y")


def test_signed_events_with_extra_fields_would_be_caught(pledge, fake_stripe):
    event = history_for(pledge, fake_stripe)[-1]
    event["data"]["object"]["payment_intent"] = "pi_1"  # what old hand-made payloads had
    assert event_problems(json.loads(json.dumps(event))) == [
        "event.data.object.payment_intent: Invoice has no such field"
    ]
