"""The fast Gift Aid schedule against the slow, obvious one; its queries do not grow with gifts.

The schedule (selectors.gift_aid_claimable, services.gift_aid_claim_prepare, giftaid_schedule)
reads plain values, streams and caches to write 100,000 gifts in a few seconds. Here a generated
set of gifts, declarations and awkward cases is scheduled by it and by a reference written the
plain way from model instances (is_gift_aid_eligible, timezone.localdate, one row per gift over
£20, small gifts filled into lines of at most £1,000 in date order), and the rows must agree.
"""

import datetime as dt
import random

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from pledges import services
from pledges.models import Donation, GiftAidClaim, GiftAidDeclaration
from pledges.selectors import gift_aid_declaration_for, is_gift_aid_eligible
from pledges.services import gift_aid
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 4, 6), dt.date(2027, 4, 5)
TITLES = ["", "Mr", "Ms", "Dr", "Prof", "Revd"]
SURNAMES = ["Smith", "Jones-Khan", "  O'Neil ", "Lee  Chan", "Ng-Li-Wu", "Brown"]
AMOUNTS = [1, 100, 500, 1999, 2000, 2001, 2500, 10_000, 50_000, 99_999, 100_000, 250_000]
SMALL_AMOUNTS = [500, 1000, 1500, 2000] * 3  # enough small gifts for several aggregated lines


def _aware(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _make_gifts(rng: random.Random, donors: int, gifts: int) -> None:
    """Donors with zero to three declarations (replaced, cancelled, not covering the past, still
    waiting for a payment) and gifts of every kind, status and amount, some near local midnight
    and on the period's first and last days."""
    people = [UserFactory() for _ in range(donors)]
    declarations = []
    for number, person in enumerate(people):
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            declared = _aware(START + dt.timedelta(days=rng.randrange(-400, 300)), 12)
            cancelled = declared + dt.timedelta(days=rng.randrange(1, 200))
            outward, inward = rng.choice(["SL1", "s19", "W1A", "EC1A"]), rng.choice(["2ab", "0AA"])
            declarations.append(
                GiftAidDeclaration(
                    donor=person,
                    wording="…",
                    charity_name="Foundation",
                    title=rng.choice(TITLES),
                    first_name=rng.choice(["Dana", "Jo-Ann", "A", " Sam  Lee "]) + str(number),
                    last_name=rng.choice(SURNAMES),
                    house_name_or_number=rng.choice(["12", "Flat 3, The Mill", " 7a "]),
                    postcode=rng.choice([f"{outward}{inward}", f"{outward} {inward}", "75001"]),
                    declared_at=declared,
                    covers_past_four_years=rng.random() < 0.8,
                    cancelled_at=cancelled if rng.random() < 0.25 else None,
                    awaiting_payment=rng.random() < 0.05,
                )
            )
    GiftAidDeclaration.objects.bulk_create(declarations)
    earlier = GiftAidClaim.objects.create(
        reference="GA-EARLIER", period_start=START, period_end=START
    )
    donations = []
    for _ in range(gifts):
        day = START + dt.timedelta(days=rng.randrange(-3, (END - START).days + 4))
        hour, minute = rng.choice(
            [(0, 30), (9, 0), (12, 15), (23, 30)]
        )  # 23:30 UTC: BST's next day
        donations.append(
            Donation(
                donor=rng.choice(people),
                kind=rng.choice(["campaign", "monthly", "monthly", "payroll"]),
                status=rng.choice(["succeeded"] * 8 + ["processing", "failed"]),
                amount_pence=rng.choice(AMOUNTS + SMALL_AMOUNTS),
                paid_at=timezone.make_aware(
                    dt.datetime.combine(day, dt.time(hour, minute)), dt.UTC
                ),
                refunded_pence=rng.choice([0] * 15 + [100]),
                disputed=rng.random() < 0.03,
                gift_aid_claim=earlier if rng.random() < 0.03 else None,
            )
        )
    Donation.objects.bulk_create(donations)


def _clean(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit].rstrip()


def _postcode(raw: str) -> str:
    squashed = raw.replace(" ", "").upper()
    return f"{squashed[:-3]} {squashed[-3:]}" if not squashed.isdigit() else "X"


def _reference_rows(start: dt.date, end: dt.date) -> list[tuple]:
    """The schedule worked out the slow, obvious way, one model instance at a time."""
    eligible = []
    for donation in Donation.objects.filter(gift_aid_claim__isnull=True).order_by("pk"):
        if donation.paid_at is None or not start <= timezone.localdate(donation.paid_at) <= end:
            continue
        made = list(donation.donor.gift_aid_declarations.filter(awaiting_payment=False))
        if is_gift_aid_eligible(donation, made):
            eligible.append((donation, gift_aid_declaration_for(donation, made)))
    eligible.sort(key=lambda pair: (timezone.localdate(pair[0].paid_at), pair[0].pk))
    rows = []
    for donation, d in eligible:
        if donation.amount_pence > 2000:
            rows.append(
                (
                    _clean(d.title, 4),
                    _clean(d.first_name, 35),
                    _clean(d.last_name.replace("-", " "), 35),
                    _clean(d.house_name_or_number, 40),
                    _postcode(d.postcode),
                    "",
                    timezone.localdate(donation.paid_at),
                    donation.amount_pence,
                    (donation.pk,),
                )
            )
    line: list[Donation] = []
    for donation, _ in eligible:
        if donation.amount_pence > 2000:
            continue
        if line and sum(g.amount_pence for g in line) + donation.amount_pence > 100_000:
            rows.append(_aggregated(line))
            line = []
        line.append(donation)
    if line:
        rows.append(_aggregated(line))
    return rows


def _aggregated(line: list[Donation]) -> tuple:
    return (
        "", "", "", "", "", "Gifts of £20 or less each",
        max(timezone.localdate(g.paid_at) for g in line),
        sum(g.amount_pence for g in line),
        tuple(g.pk for g in line),
    )  # fmt: skip


def _as_tuples(rows) -> list[tuple]:
    return [
        (r.title, r.first_name, r.last_name, r.house, r.postcode, r.aggregated, r.date,
         r.amount_pence, r.donation_ids)
        for r in rows
    ]  # fmt: skip


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_schedule_equals_the_plain_reference_row_for_row(seed):
    _make_gifts(random.Random(seed), donors=40, gifts=1000)
    rows, claim = services.gift_aid_claim_prepare(start=START, end=END, by=None, mark_claimed=False)
    expected = _reference_rows(START, END)
    assert claim is None
    assert sum(not r[5] for r in expected) > 50  # rows of their own
    assert sum(bool(r[5]) for r in expected) >= 2  # more than one aggregated line
    assert _as_tuples(rows) == expected


@pytest.mark.parametrize(
    "ranges, parameters", [(None, None), (2, 9)], ids=["as configured", "many small statements"]
)
def test_the_claim_marks_exactly_the_reference_gifts(tmp_path, monkeypatch, ranges, parameters):
    if ranges:  # runs of ids and single ids split over many UPDATEs mark the same gifts
        monkeypatch.setattr(gift_aid, "CLAIM_UPDATE_RANGES", ranges)
        monkeypatch.setattr(gift_aid, "CLAIM_UPDATE_PARAMETERS", parameters)
    _make_gifts(random.Random(4), donors=30, gifts=400)
    expected = {pk for row in _reference_rows(START, END) for pk in row[8]}
    unclaimed_before = set(
        Donation.objects.filter(gift_aid_claim__isnull=True).values_list("pk", flat=True)
    )
    call_command(
        "gift_aid_schedule", "--start", f"{START}", "--end", f"{END}",
        "--output", str(tmp_path / "claim.ods"),
    )  # fmt: skip
    claim = GiftAidClaim.objects.exclude(reference="GA-EARLIER").get()
    assert set(claim.donations.values_list("pk", flat=True)) == expected
    assert claim.total_pence == sum(
        Donation.objects.filter(pk__in=expected).values_list("amount_pence", flat=True)
    )
    still_unclaimed = set(
        Donation.objects.filter(gift_aid_claim__isnull=True).values_list("pk", flat=True)
    )
    assert still_unclaimed == unclaimed_before - expected


def _command_queries(tmp_path, name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        call_command(
            "gift_aid_schedule", "--start", f"{START}", "--end", f"{END}",
            "--output", str(tmp_path / f"{name}.ods"),
        )  # fmt: skip
    return len(queries)


def _donors_with_gifts(count: int, gifts_each: int) -> None:
    declared = _aware(START - dt.timedelta(days=30), 12)
    for _ in range(count):
        person = UserFactory()
        GiftAidDeclaration.objects.create(
            donor=person, wording="…", charity_name="F", first_name="Dana", last_name="Donor",
            house_name_or_number="1", postcode="SL1 2AB", declared_at=declared,
        )  # fmt: skip
        Donation.objects.bulk_create(
            Donation(
                donor=person,
                kind="monthly",
                status="succeeded",
                amount_pence=(500, 2500)[n % 2],
                paid_at=_aware(START, 9) + dt.timedelta(days=n),
            )  # fmt: skip
            for n in range(gifts_each)
        )


def test_the_commands_queries_do_not_grow_with_the_number_of_gifts(tmp_path):
    _donors_with_gifts(3, gifts_each=4)  # 12 gifts
    few = _command_queries(tmp_path, "few")
    _donors_with_gifts(30, gifts_each=70)  # 2,100 more gifts from 30 donors
    many = _command_queries(tmp_path, "many")
    assert Donation.objects.filter(gift_aid_claim__isnull=True).count() == 0
    assert (tmp_path / "many-part2.ods").exists()  # over 1,000 rows: more files, same queries
    assert many == few
    assert few <= 12, few  # read gifts, read declarations, the claim, one UPDATE, transaction
