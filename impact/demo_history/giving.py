"""The demo's giving history: monthly pledges by card and Direct Debit with a gift each month,
payroll pledges and every month's payroll run, campaign gifts, Gift Aid declarations and a claim,
two refunds and a dispute.

Stripe's side is made as the demo gateway makes it (ids minted like pledges.demo's, so the demo
gateway reads how each gift was paid); pledges and gifts are bulk-created with the status-log rows
Stripe's events would have written (pledges.stripe_events: a monthly gift is made received, with
no log; a campaign gift moves from "not paid yet"). Payroll, Gift Aid and the refunds and dispute
go through the real services and the real webhook path, at their past moments."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wagtail.models import Site

from impact.demo_history.common import History, at, months_later, people
from impact.periods import add_months
from nolimits.models import SiteSettings, User
from pledges import demo as demo_gateway
from pledges import services
from pledges import stripe_payloads as payloads
from pledges.models import (
    CampaignPage,
    Donation,
    DonationStatusChange,
    GivingSettings,
    Pledge,
    PledgeStatusChange,
)
from pledges.services.gift_aid import DeclarationDetails

AMOUNTS = [300, 500, 500, 1000, 1000, 1500, 2000, 2500]
CARD, BACS = "card", "bacs_debit"
P = Pledge.Status

# How some monthly pledges ended (the rest are still active): (how many, status, Stripe's
# subscription status, reason)
ENDINGS = [
    (5, P.CANCELLED, "canceled", "Stripe: customer.subscription.deleted"),
    (2, P.PAUSED, "paused", "Stripe: customer.subscription.updated"),
    (1, P.PAYMENT_FAILED, "past_due", "Stripe: invoice.payment_failed"),
]


def build(history: History) -> None:
    finance = User.objects.get(email="finance@example.org")
    donors = people("giver", 36, User.Kind.STAFF)
    councillors = people("cllr", 6, User.Kind.COUNCILLOR, offset=11)
    for councillor in councillors:
        councillor.full_name = f"Cllr {councillor.full_name}"
    User.objects.bulk_update(councillors, ["full_name"])
    monthly = donors[:26] + councillors
    declarations(history, monthly[::2] + donors[30:])
    stripe_pledges(history, monthly)
    payroll(history, donors[26:], finance)
    campaign_gifts(history, donors + councillors)
    gift_aid_claim(history, finance)
    refunds_and_dispute(history)


def declarations(history: History, donors: list[User]) -> None:
    """Gift Aid declarations, each made on the donor's first day of giving (the real service)."""
    charity = SiteSettings.for_site(Site.objects.get(is_default_site=True)).fund_holder_name
    for n, donor in enumerate(donors):
        first, last = donor.full_name.removeprefix("Cllr ").split(" ", 1)
        with at(history.day(n * 2, hour=9)):
            services.declaration_make(
                donor=donor,
                details=DeclarationDetails(
                    title="",
                    first_name=first,
                    last_name=last,
                    house_name_or_number=str(10 + n),
                    postcode=f"TB{1 + n % 9} {n % 10}AB",
                ),
                charity_name=charity or "Thamesbrook Community Foundation",
            )


def stripe_pledges(history: History, donors: list[User]) -> None:
    """Monthly pledges by card (two in three) and Bacs Direct Debit, begun over the months, one
    gift a month each until today or until the pledge ended."""
    rng, now = history.rng, history.now
    endings = [(s, sub, why) for n, s, sub, why in ENDINGS for _ in range(n)]
    pledges, logs, gifts = [], [], []
    for n, donor in enumerate(donors):
        method = BACS if n % 3 == 2 else CARD
        created = history.day(n * 2 + rng.uniform(0, 1), hour=12)
        end = None
        if n < len(endings):
            end = history.day(history.rng.uniform(n * 2 + 95, history.days - 20), hour=15)
        status, sub_status, reason = endings[n] if end else (P.ACTIVE, "active", "")
        key = f"{donor.email}:{n}"
        pledge = Pledge(
            donor=donor,
            method=Pledge.Method.STRIPE,
            amount_pence=rng.choice(AMOUNTS),
            status=status,
            created_at=created,
            stripe_checkout_session_id=history.stripe_id("cs", key),
            stripe_customer_id=history.stripe_id("cus", donor.email),
            stripe_subscription_id=history.stripe_id("sub", key),
            stripe_subscription_status=sub_status,
            payment_method_type=method,
            stripe_payment_method_id=history.stripe_id("pm", key, method),
            checkout_completed_at=created,
            cancelled_at=end if status == P.CANCELLED else None,
            cancellation_reason="cancellation_requested" if status == P.CANCELLED else "",
        )
        first_paid = created + dt.timedelta(days=4 if method == BACS else 0, minutes=1)
        paid, months = first_paid, 0
        while paid <= (end or now) and paid < now:
            gifts.append(
                Donation(
                    donor=donor,
                    kind=Donation.Kind.MONTHLY,
                    pledge=pledge,
                    amount_pence=pledge.amount_pence,
                    status=Donation.Status.SUCCEEDED,
                    created_at=paid,
                    paid_at=paid,
                    payment_method_type=method,
                    stripe_invoice_id=history.stripe_id("in", f"{key}:{paid:%Y%m}", method),
                    stripe_payment_intent_id=history.stripe_id("pi", f"{key}:{paid:%Y%m}", method),
                    stripe_charge_id=history.stripe_id("ch", f"{key}:{paid:%Y%m}", method),
                    stripe_customer_id=pledge.stripe_customer_id,
                )
            )
            months += 1
            paid = months_later(first_paid, months)
        pledge.next_payment_on = timezone.localdate(paid) if status == P.ACTIVE else None
        pledges.append(pledge)
        # What Stripe's events would have logged (pledges.services.events: "Stripe: <type>").
        if method == BACS:
            logs.append(
                (
                    pledge,
                    P.AWAITING_CHECKOUT,
                    P.PENDING,
                    created,
                    "Stripe: checkout.session.completed",
                )
            )
            logs.append((pledge, P.PENDING, P.ACTIVE, first_paid, "Stripe: invoice.paid"))
        else:
            logs.append((pledge, P.AWAITING_CHECKOUT, P.ACTIVE, first_paid, "Stripe: invoice.paid"))
        if end:
            logs.append((pledge, P.ACTIVE, status, end, reason))
    Pledge.objects.bulk_create(pledges)
    Donation.objects.bulk_create(gifts)
    PledgeStatusChange.objects.bulk_create(
        PledgeStatusChange(pledge=p, from_status=f, to_status=t, at=when, reason=why)
        for p, f, t, when, why in logs
    )


def payroll(history: History, donors: list[User], finance: User) -> None:
    """Payroll pledges (the real service, on the day each was made), two stopped later, and
    finance's confirmation of every month's run since the first (payroll_run_confirm)."""
    limits = GivingSettings.for_site(Site.objects.get(is_default_site=True))
    first_month = timezone.localdate(history.start).replace(day=1)
    pledges = []
    for n, donor in enumerate(donors):
        when = history.day(n * 9 + 3, hour=11)
        with at(when):
            pledges.append(
                services.payroll_pledge_create(
                    donor=donor,
                    amount_pence=history.rng.choice(AMOUNTS),
                    employee_number=f"TB{40100 + n}",
                    start_month=add_months(timezone.localdate(when).replace(day=1), 1),
                    limits=limits,
                )
            )
    for pledge in pledges[:2]:
        with at(history.day(300, hour=16)):
            services.pledge_cancel(pledge=pledge, by=pledge.donor, reason="Leaving the council")
    month = add_months(first_month, 1)
    while True:
        confirmed_on = add_months(month, 1).replace(day=3)
        moment = timezone.make_aware(dt.datetime.combine(confirmed_on, dt.time(10)))
        if moment > history.now:
            break
        with at(moment):
            services.payroll_run_confirm(month=month, by=finance)
        month = add_months(month, 1)


def campaign_gifts(history: History, donors: list[User]) -> None:
    """One-off gifts to the campaigns: the Gift of Giving each November and December, starter
    packs all year. Made through Checkout: "not paid yet", then received (by card at once, by
    Bacs after collection), as pledges.stripe_events logs it."""
    campaigns = {
        c.slug: c for c in CampaignPage.objects.filter(slug__in=["gift-of-giving", "starter-packs"])
    }
    if len(campaigns) < 2:
        return
    for campaign in campaigns.values():  # the campaigns have been running all along
        page = campaign.get_latest_revision_as_object()
        page.starts_on = timezone.localdate(history.start)
        page.save_revision().publish()
    rng = history.rng
    gifts, logs = [], []
    moments = []
    for day in range(0, history.days, 7):  # starter packs: a gift most weeks
        if rng.random() < 0.7:
            moments.append(("starter-packs", history.day(day + rng.uniform(0, 6), hour=13)))
    for day in range(history.days):  # Gift of Giving: November and December
        moment = history.day(day, hour=19)
        if moment.month in (11, 12) and rng.random() < 0.45:
            moments.append(("gift-of-giving", moment))
    for n, (slug, moment) in enumerate(moments):
        donor = donors[rng.randrange(len(donors))]
        method = BACS if n % 5 == 4 else CARD
        paid = moment + dt.timedelta(days=3 if method == BACS else 0, minutes=2)
        if paid >= history.now:
            continue
        key = f"gift:{n}"
        gift = Donation(
            donor=donor,
            kind=Donation.Kind.CAMPAIGN,
            campaign=campaigns[slug],
            amount_pence=rng.choice([1000, 1500, 2500, 2500, 5000, 15000]),
            status=Donation.Status.SUCCEEDED,
            created_at=moment,
            paid_at=paid,
            payment_method_type=method,
            stripe_checkout_session_id=history.stripe_id("cs", key),
            stripe_payment_intent_id=history.stripe_id("pi", key, method),
            stripe_charge_id=history.stripe_id("ch", key, method),
            stripe_customer_id=history.stripe_id("cus", donor.email),
        )
        gifts.append(gift)
        S = Donation.Status
        if method == BACS:
            logs.append(
                (
                    gift,
                    S.AWAITING_PAYMENT,
                    S.PROCESSING,
                    moment + dt.timedelta(minutes=1),
                    "Stripe: Direct Debit being collected",
                )
            )
            logs.append((gift, S.PROCESSING, S.SUCCEEDED, paid, "Stripe: Direct Debit collected"))
        else:
            logs.append((gift, S.AWAITING_PAYMENT, S.SUCCEEDED, paid, "Stripe: paid at checkout"))
    Donation.objects.bulk_create(gifts)
    DonationStatusChange.objects.bulk_create(
        DonationStatusChange(donation=g, from_status=f, to_status=t, at=when, reason=why)
        for g, f, t, when, why in logs
    )


def gift_aid_claim(history: History, finance: User) -> None:
    """Finance claimed Gift Aid on the gifts of the history's first year (the real claim), a
    fortnight after that year ended; the gifts since are still to claim."""
    start = timezone.localdate(history.start)
    end = add_months(start, 12) - dt.timedelta(days=1)
    with at(timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=14), dt.time(10)))):
        services.gift_aid_claim_prepare(start=start, end=end, by=finance)


def refunds_and_dispute(history: History) -> None:
    """Two refunds and a dispute (opened, then lost), each sent as Stripe would send it and taken
    through the real webhook path (pledges.demo.sign_and_ingest), on card gifts after the claim."""
    since = history.start + dt.timedelta(days=400)
    card_gifts = list(
        Donation.objects.filter(
            paid_at__gte=since,
            paid_at__lt=history.now - dt.timedelta(days=20),
            payment_method_type=CARD,
            gift_aid_claim__isnull=True,
        ).order_by("paid_at", "pk")[:40:13]
    )
    for n, gift in enumerate(card_gifts[:3]):
        moment = gift.paid_at + dt.timedelta(days=5)
        with at(moment):
            if n < 2:
                refund = payloads.refund(
                    refund_id=history.stripe_id("re", str(gift.pk)),
                    charge_id=gift.stripe_charge_id,
                    payment_intent=gift.stripe_payment_intent_id,
                    amount=gift.amount_pence,
                )
                demo_gateway.sign_and_ingest(payloads.event("refund.created", refund))
                continue
            dispute = dict(
                dispute_id=history.stripe_id("dp", str(gift.pk)),
                charge_id=gift.stripe_charge_id,
                payment_intent=gift.stripe_payment_intent_id,
                amount=gift.amount_pence,
            )
            opened = {**payloads.dispute(**dispute), "created": int(moment.timestamp())}
            demo_gateway.sign_and_ingest(payloads.event("charge.dispute.created", opened))
        with at(moment + dt.timedelta(days=10)):
            lost = {**payloads.dispute(**dispute, status="lost"), "created": opened["created"]}
            demo_gateway.sign_and_ingest(payloads.event("charge.dispute.closed", lost))
