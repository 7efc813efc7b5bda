"""Named read queries for giving: totals, money received, a donor's giving, Gift Aid, finance.

The fund balance (money received less grants committed and paid) is grants' (grants.fund)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Max,
    Min,
    Prefetch,
    Q,
    Sum,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from nolimits.links import url_for_each
from pledges.models import (
    Adjustment,
    CampaignTotal,
    Donation,
    GiftAidDeclaration,
    Pledge,
    StripeEvent,
)

SUCCEEDED = Donation.Status.SUCCEEDED


def campaign_totals(campaign) -> dict:
    """Progress from succeeded gifts only (less refunds and disputes); pending shown apart. Read
    from the stored total (pledges.campaign_totals keeps it equal to the ledger's sum): one
    query, however many gifts."""
    stored = CampaignTotal.objects.filter(campaign_id=campaign.pk).first()
    received = max(stored.received_pence, 0) if stored else 0
    target = campaign.target_pence or 1
    return {
        "received_pence": received,
        "pending_pence": stored.pending_pence if stored else 0,
        "givers": stored.givers if stored else 0,
        "target_pence": campaign.target_pence,
        "percent": min(100, round(received * 100 / target)),
    }


def money_received_pence() -> int:
    """Every gift received, less refunds and disputes: the fund's income, summed over every
    gift (grants.fund keeps it in a ledger and checks the ledger against this sum).
    A gift counts from its paid date (a payroll gift from its pay date), never before."""
    gross = Donation.objects.filter(status=SUCCEEDED, paid_at__lte=timezone.now()).aggregate(
        t=Coalesce(Sum("amount_pence"), 0)
    )["t"]
    adjustments = Adjustment.objects.aggregate(t=Coalesce(Sum("amount_pence"), 0))["t"]
    return gross + adjustments


def money_dated_later_pence() -> int:
    """Received gifts whose paid date is still to come (the ledger holds them already; they
    count from that date). Few rows, found through the (status, paid_at) index."""
    return Donation.objects.filter(status=SUCCEEDED, paid_at__gt=timezone.now()).aggregate(
        t=Coalesce(Sum("amount_pence"), 0)
    )["t"]


# --- A donor's own giving ---------------------------------------------------------------------


def tax_year_start(day: dt.date) -> int:
    """The calendar year in which the UK tax year containing `day` began (6 April)."""
    return day.year if (day.month, day.day) >= (4, 6) else day.year - 1


def tax_year_bounds(start_year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    return (
        dt.datetime(start_year, 4, 6, tzinfo=tz),
        dt.datetime(start_year + 1, 4, 6, tzinfo=tz),
    )


def tax_year_label(start_year: int) -> str:
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def my_giving(donor, per_page: int, page_number) -> dict:
    """What My giving shows a giver of their own pledges and gifts, in as few queries as the
    page can be drawn with (issue 17: a giver of many years has hundreds of gifts):
    - every pledge once: the list leaves out checkouts never paid for, but any of them may have
      made the Stripe customer whose card or bank details the portal lets the giver change;
    - the gifts a page at a time, newest first, sliced by the database and counted in the same
      query that finds the first and last gift, which also bound the tax years' statements."""
    pledges = list(donor.pledges.order_by("-created_at"))
    span = donor_giving_span(donor)
    paginator = Paginator(donor_gifts(donor), per_page)
    paginator.count = span.listed
    gifts = paginator.get_page(page_number)
    receipt_url = url_for_each("pledges:receipt", uuid.UUID(int=0))
    for gift in gifts:
        gift.receipt_url = receipt_url(gift.uuid)
    return {
        "pledges": [p for p in pledges if p.status != Pledge.Status.ABANDONED],
        "has_stripe_customer": any(p.stripe_customer_id for p in pledges),
        "gifts": gifts,
        "tax_years": [(y, tax_year_label(y)) for y in donor_tax_years(donor, span)],
    }


# The gifts My giving lists: received, and Direct Debits still waiting for the bank.
LISTED = [SUCCEEDED, Donation.Status.PROCESSING]


class GivingSpan(NamedTuple):
    listed: int  # how many gifts My giving lists
    first: dt.datetime | None  # when the first and the last gift were received
    last: dt.datetime | None


def donor_giving_span(donor) -> GivingSpan:
    """How many gifts My giving lists and when the first and last were received: one query over
    the giver's own rows (the by-donor index), however many gifts the fund holds."""
    return GivingSpan(
        **donor.donations.aggregate(
            listed=Count("pk", filter=Q(status__in=LISTED)),
            first=Min("paid_at", filter=Q(status=SUCCEEDED)),
            last=Max("paid_at", filter=Q(status=SUCCEEDED)),
        )
    )


def donor_gifts(donor):
    """The gifts My giving lists, newest first, each with its campaign's title (`campaign_title`)
    and its refunds and disputes (`taken_back`), the only adjustments the list shows."""
    return (
        donor.donations.filter(status__in=LISTED)
        # Only the campaign's title is shown: not the whole campaign page (its StreamField
        # parsed for every gift on the page).
        .annotate(campaign_title=F("campaign__title"))
        .prefetch_related(
            Prefetch(
                "adjustments",
                queryset=Adjustment.objects.filter(amount_pence__lt=0).order_by("created_at"),
                to_attr="taken_back",
            )
        )
        # A gift still waiting for the bank (no paid_at yet) is newest, on both databases
        # (SQLite puts NULLs last when descending, PostgreSQL first); pk keeps pages stable.
        .order_by(F("paid_at").desc(nulls_first=True), "-created_at", "-pk")
    )


def donor_tax_years(donor, span: GivingSpan | None = None) -> list[int]:
    """The tax years (by the year each began) in which the donor's gifts were received, newest
    first. The first and last gift (`span`, found here if not given) bound them; when they fall
    in different tax years the database places each gift by comparing its time with the first
    moment of each tax year between them (6 April, midnight UK time, as tax_year_bounds and the
    statements draw them): no gift's date read or converted row by row on each view of My
    giving."""
    span = span or donor_giving_span(donor)
    if span.first is None:
        return []
    first = tax_year_start(timezone.localdate(span.first))
    last = tax_year_start(timezone.localdate(span.last))
    if first == last:
        return [first]
    tax_year = Case(
        *(
            When(paid_at__gte=tax_year_bounds(year)[0], then=Value(year))
            for year in range(last, first, -1)
        ),
        default=Value(first),
        output_field=IntegerField(),
    )
    return list(
        donor.donations.filter(status=SUCCEEDED, paid_at__isnull=False)
        .annotate(tax_year=tax_year)
        .order_by("-tax_year")
        .values_list("tax_year", flat=True)
        .distinct()
    )


def donor_statement(donor, start_year: int) -> dict:
    start, end = tax_year_bounds(start_year)
    gifts = list(
        donor.donations.filter(status=SUCCEEDED, paid_at__gte=start, paid_at__lt=end)
        .select_related("campaign")
        .prefetch_related("adjustments")
        .order_by("paid_at")
    )
    refunded = sum(
        -a.amount_pence for g in gifts for a in g.adjustments.all() if a.amount_pence < 0
    )
    total = sum(g.amount_pence for g in gifts)
    declarations = list(donor.gift_aid_declarations.made())
    gift_aided = sum(g.amount_pence for g in gifts if is_gift_aid_eligible(g, declarations))
    return {
        "label": tax_year_label(start_year),
        "start": start.date(),
        "end": (end - dt.timedelta(days=1)).date(),
        "gifts": gifts,
        "total_pence": total,
        "refunded_pence": refunded,
        "net_pence": total - refunded,
        "gift_aid_eligible_pence": gift_aided,
        "gift_aid_value_pence": gift_aided // 4,
    }


# --- Gift Aid ---------------------------------------------------------------------------------


def is_gift_aid_eligible(donation: Donation, declarations: list[GiftAidDeclaration]) -> bool:
    """Not payroll, received, not refunded or disputed, and covered by a declaration in force."""
    if (
        donation.kind == Donation.Kind.PAYROLL
        or donation.status != SUCCEEDED
        or donation.paid_at is None
    ):
        return False
    if donation.refunded_pence or donation.disputed:
        return False
    return any(d.covers(donation.paid_at) for d in declarations)


def gift_aid_status(donation: Donation) -> str:
    """The Gift Aid position of one gift, in words a donor (and HMRC) can read on a receipt."""
    if donation.kind == Donation.Kind.PAYROLL:
        return "No Gift Aid: gifts from your pay already have tax relief"
    if donation.refunded_pence or donation.disputed:
        return "No Gift Aid: this gift was refunded or disputed"
    if donation.gift_aid_claim_id:
        return f"Gift Aid claimed from HMRC (claim {donation.gift_aid_claim.reference})"
    declaration = (
        gift_aid_declaration_for(donation, list(donation.donor.gift_aid_declarations.made()))
        if donation.paid_at
        else None
    )
    if declaration is None:
        return "No Gift Aid: not covered by a Gift Aid declaration"
    return (
        "Gift Aid will be claimed: covered by your declaration of "
        f"{timezone.localtime(declaration.declared_at):%-d %B %Y}"
    )


def gift_aid_declaration_for(
    donation: Donation, declarations: list[GiftAidDeclaration]
) -> GiftAidDeclaration | None:
    covering = [d for d in declarations if d.covers(donation.paid_at)]
    return max(covering, key=lambda d: d.declared_at) if covering else None


@dataclass(frozen=True, slots=True)
class DeclarationOnFile:
    """What a claim needs of a declaration, read as plain values rather than a model instance
    (20,000 of these are a few megabytes; as model instances they were about 25)."""

    title: str
    first_name: str
    last_name: str
    house_name_or_number: str
    postcode: str
    declared_at: dt.datetime
    cancelled_at: dt.datetime | None
    covers_past_four_years: bool

    covers = GiftAidDeclaration.covers  # the model's own rule, so the two can never differ


class ClaimableGift(NamedTuple):  # immutable, and cheap to make 100,000 of
    donation_id: int
    paid_at: dt.datetime
    amount_pence: int
    declaration: DeclarationOnFile


def _plain_rows(rows, chunk_size: int = 5000):
    """The rows of a values_list as the driver gives them, without Django's converters run value
    by value (most of the Gift Aid schedule's reading time for 100,000 gifts)."""
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(chunk_size):
            yield from batch


def _aware_datetimes():
    """A function turning a datetime read by _plain_rows into an aware one. PostgreSQL's driver
    gives them aware. SQLite's gives the stored text (read through CAST, so its registered
    converter, parse_datetime, is not run either), naive and in connection.timezone: UTC unless
    the database's TIME_ZONE says otherwise."""
    zone = connection.timezone  # read once: through Django's connection proxy it costs per row
    parse = dt.datetime.fromisoformat
    offset = "+00:00" if zone.utcoffset(None) == dt.timedelta(0) else ""

    def aware(when):
        if when.__class__ is str:
            if offset and len(when) in (19, 26):  # YYYY-MM-DD HH:MM:SS[.ffffff], the stored form
                return parse(when + offset)
            when = parse(when)
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=zone)
        return when

    return aware


def _datetime_read_as_text(name: str):
    """`name` for a values_list read by _plain_rows: on SQLite, the stored text."""
    if connection.vendor == "sqlite":
        return Cast(name, output_field=TextField())
    return F(name)


_DECLARATION_DATETIMES = ("declared_at", "cancelled_at")


def gift_aid_claimable(start: dt.date, end: dt.date):
    """Gifts that can go on a claim: received in [start, end], unclaimed, eligible, each with the
    declaration that covers it, in the order they were paid. Streams plain values, so 100,000
    gifts stay within a small budget: two queries, whatever the number of gifts."""
    tz = timezone.get_default_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    donations = (
        Donation.objects.filter(
            status=SUCCEEDED,
            paid_at__gte=since,
            paid_at__lt=until,
            gift_aid_claim__isnull=True,
            refunded_pence=0,
            disputed=False,
        )
        .exclude(kind=Donation.Kind.PAYROLL)
        .order_by("paid_at", "pk")
    )
    by_donor: dict[int, list[DeclarationOnFile]] = {}
    fields = list(DeclarationOnFile.__dataclass_fields__)
    declarations = (
        GiftAidDeclaration.objects.made()
        .filter(donor__in=donations.values("donor_id"))
        .annotate(
            **{f"{name}_read": _datetime_read_as_text(name) for name in _DECLARATION_DATETIMES}
        )
        .values_list(
            "donor_id",
            *(f"{name}_read" if name in _DECLARATION_DATETIMES else name for name in fields),
        )
    )
    at = [1 + fields.index(name) for name in _DECLARATION_DATETIMES]
    aware = _aware_datetimes()
    for row in _plain_rows(declarations):
        values = list(row)
        for position in at:
            values[position] = aware(values[position])
        by_donor.setdefault(values[0], []).append(DeclarationOnFile(*values[1:]))
    rows = donations.annotate(paid_at_read=_datetime_read_as_text("paid_at")).values_list(
        "pk", "donor_id", "paid_at_read", "amount_pence"
    )
    for pk, donor_id, paid_at, amount in _plain_rows(rows):
        on_file = by_donor.get(donor_id)
        if not on_file:
            continue
        paid_at = aware(paid_at)
        if len(on_file) == 1:  # most donors: no list to build
            if on_file[0].covers(paid_at):
                yield ClaimableGift(pk, paid_at, amount, on_file[0])
            continue
        covering = [d for d in on_file if d.covers(paid_at)]
        if covering:
            yield ClaimableGift(pk, paid_at, amount, max(covering, key=lambda d: d.declared_at))


# --- Finance ----------------------------------------------------------------------------------


def monthly_reconciliation(year: int, month: int) -> dict:
    """Gross, Stripe fee, net and payouts for a month; refunds and disputes as negative lines."""
    tz = timezone.get_default_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    received = Donation.objects.filter(status=SUCCEEDED, paid_at__gte=start, paid_at__lt=end)
    by_kind = {
        row["kind"]: row
        for row in received.values("kind").annotate(
            gross=Coalesce(Sum("amount_pence"), 0),
            fee=Coalesce(Sum("fee_pence"), 0),
            count=Count("pk"),
        )
    }
    adjustments = list(
        Adjustment.objects.filter(created_at__gte=start, created_at__lt=end, amount_pence__lt=0)
        .select_related("donation__donor")
        .order_by("created_at")
    )
    gross = sum(r["gross"] for r in by_kind.values())
    fee = sum(r["fee"] for r in by_kind.values())
    negative = sum(a.amount_pence for a in adjustments)
    payouts = list(
        received.exclude(payout_id="")
        .values("payout_id")
        .annotate(total=Sum("net_pence"))
        .order_by("payout_id")
    )
    return {
        "start": start.date(),
        "by_kind": [{"kind": Donation.Kind(k).label, **v} for k, v in sorted(by_kind.items())],
        "gross_pence": gross,
        "fee_pence": fee,
        "adjustments": adjustments,
        "adjustments_pence": negative,
        "net_pence": gross - fee + negative,
        "payouts": payouts,
    }


def pledges_with_failed_payments() -> int:
    """Monthly pledges whose last payment failed (Stripe retries; finance may follow them up).
    How many monthly givers there are is a figure: impact.figures.monthly_giving."""
    return Pledge.objects.filter(status=Pledge.Status.PAYMENT_FAILED).count()


def stale_stripe_events(*, before) -> int:
    """Stripe events received before `before` and still waiting or failed (settings'
    NOLIMITS_STALE_CHECKS: counted on the dashboard, and /healthz says "degraded")."""
    return StripeEvent.objects.filter(
        status__in=[StripeEvent.Status.PENDING, StripeEvent.Status.FAILED], received_at__lt=before
    ).count()
