"""Gift Aid: a donor's declarations, and finance's claims of the tax back from HMRC."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from nolimits.models import User
from pledges import giftaid_schedule as schedule
from pledges import selectors
from pledges.models import Donation, GiftAidClaim, GiftAidDeclaration, Pledge


@dataclass(frozen=True)
class DeclarationDetails:
    title: str
    first_name: str
    last_name: str
    house_name_or_number: str
    postcode: str


def declaration_in_force(donor: User) -> GiftAidDeclaration | None:
    return (
        donor.gift_aid_declarations.made()
        .filter(cancelled_at__isnull=True)
        .order_by("-declared_at")
        .first()
    )


@transaction.atomic
def declaration_make(
    *,
    donor: User,
    details: DeclarationDetails,
    charity_name: str,
    for_pledge: Pledge | None = None,
    for_donation: Donation | None = None,
) -> GiftAidDeclaration:
    """Record a declaration; one already in force is kept, marked as replaced. Made on the way
    to Checkout (for_pledge / for_donation), it waits: it takes effect, and replaces the one in
    force, only when that pledge or gift succeeds (stripe_events), and leaving Checkout deletes it."""
    now = timezone.now()
    waiting = for_pledge is not None or for_donation is not None
    if not waiting:
        for old in (
            donor.gift_aid_declarations.made().select_for_update().filter(cancelled_at__isnull=True)
        ):
            old.cancelled_at = now
            old.cancellation_reason = "Replaced by a new declaration"
            old.save(update_fields=["cancelled_at", "cancellation_reason"])
    declaration = GiftAidDeclaration(
        awaiting_payment=waiting,
        for_pledge=for_pledge,
        for_donation=for_donation,
        donor=donor,
        wording=GiftAidDeclaration.WORDING.format(charity=charity_name),
        charity_name=charity_name,
        title=details.title.strip(),
        first_name=details.first_name.strip(),
        last_name=details.last_name.strip(),
        house_name_or_number=details.house_name_or_number.strip(),
        postcode=details.postcode.strip().upper(),
        declared_at=now,
    )
    declaration.full_clean()
    declaration.save()
    return declaration


def save_with_declaration(
    record: Pledge | Donation, *, declaration: DeclarationDetails | None, charity_name: str
) -> None:
    """Check and save a new pledge or gift with the Gift Aid declaration made with it, if any,
    which waits for its payment. Call it inside the caller's transaction."""
    record.full_clean()
    record.save()
    if declaration:
        made_for = {"for_pledge" if isinstance(record, Pledge) else "for_donation": record}
        declaration_make(
            donor=record.donor, details=declaration, charity_name=charity_name, **made_for
        )


@transaction.atomic
def declaration_cancel(*, donor: User, reason: str) -> None:
    declaration = declaration_in_force(donor)
    if declaration is None:
        raise ValidationError("You have no Gift Aid declaration to cancel.")
    declaration.cancelled_at = timezone.now()
    declaration.cancellation_reason = reason[:255] or "Cancelled by the donor"
    declaration.save(update_fields=["cancelled_at", "cancellation_reason"])


# Gifts are marked claimed by their ids: each run of consecutive ids as one `BETWEEN` (every id
# in it is on the schedule, so no other gift can match), the others in an `IN` list. A statement
# holds at most CLAIM_UPDATE_RANGES runs (SQLite allows an expression 1,000 deep, and an OR chain
# is as deep as it is long) and CLAIM_UPDATE_PARAMETERS parameters (SQLite allows 32,766,
# PostgreSQL 65,535). A claim of 100,000 gifts is 4 statements at most, 1 when their ids run on.
CLAIM_UPDATE_RANGES = 500
CLAIM_UPDATE_PARAMETERS = 30_000


def _id_runs(ids: list[int]) -> list[tuple[int, int]]:
    """Sorted, distinct `ids` as runs of consecutive integers: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    first = last = None
    for pk in sorted(set(ids)):
        if last is not None and pk == last + 1:
            last = pk
            continue
        if first is not None:
            runs.append((first, last))
        first = last = pk
    if first is not None:
        runs.append((first, last))
    return runs


def _claim_statements(runs: list[tuple[int, int]]) -> Iterator[tuple[list, list[int]]]:
    """Batches of (ranges, single ids) within the limits above, together covering `runs`."""
    ranges: list[tuple[int, int]] = []
    singles: list[int] = []
    for first, last in runs:
        if len(ranges) * 2 + len(singles) + 2 > CLAIM_UPDATE_PARAMETERS - 1:
            yield ranges, singles
            ranges, singles = [], []
        if first == last:
            singles.append(first)
            continue
        if len(ranges) == CLAIM_UPDATE_RANGES:
            yield ranges, singles
            ranges, singles = [], []
        ranges.append((first, last))
    if ranges or singles:
        yield ranges, singles


def _mark_claimed(ids: list[int], claim: GiftAidClaim) -> int:
    """Point the unclaimed gifts among `ids` at `claim`; returns how many it marked.

    Plain SQL over the model's own table and column names: the ORM's `pk__in` prepares each of
    100,000 ids one by one in Python, three times the cost of the whole UPDATE."""
    table = connection.ops.quote_name(Donation._meta.db_table)
    pk = connection.ops.quote_name(Donation._meta.pk.column)
    claim_column = connection.ops.quote_name(Donation._meta.get_field("gift_aid_claim").column)
    marked = 0
    with connection.cursor() as cursor:
        for ranges, singles in _claim_statements(_id_runs(ids)):
            terms = [f"{pk} BETWEEN %s AND %s"] * len(ranges)
            if singles:
                terms.append(f"{pk} IN ({', '.join(['%s'] * len(singles))})")
            cursor.execute(
                f"UPDATE {table} SET {claim_column} = %s "  # noqa: S608 (names from the model)
                f"WHERE {claim_column} IS NULL AND ({' OR '.join(terms)})",
                [claim.pk, *(bound for pair in ranges for bound in pair), *singles],
            )
            marked += cursor.rowcount
    return marked


def _schedule_gifts(claimable) -> Iterator[schedule.Gift]:
    """The schedule's view of each claimable gift, one at a time (no list of 100,000 kept here)."""
    tz = timezone.get_current_timezone()
    gift = schedule.Gift
    for donation_id, paid_at, amount_pence, d in claimable:
        yield gift(
            donation_id,
            d.title,
            d.first_name,
            d.last_name,
            d.house_name_or_number,
            d.postcode,
            # timezone.localdate(), without its checks on every one of 100,000 aware datetimes
            paid_at.astimezone(tz).date(),
            amount_pence,
        )


def gift_aid_claim_prepare(
    *,
    start: dt.date,
    end: dt.date,
    by: User | None,
    mark_claimed: bool = True,
    write: Callable[[list], object] | None = None,
):
    """The HMRC schedule rows for unclaimed eligible gifts in [start, end]. With mark_claimed,
    the gifts are recorded on a new claim in the same transaction, so they are never claimed twice.
    `write(rows)` writes the schedule files inside that transaction, before it commits: if writing
    fails, nothing is marked claimed, and a re-run finds the same gifts and writes the same files."""
    if end < start:
        raise ValidationError("The end date must be on or after the start date.")
    with transaction.atomic():
        rows = schedule.schedule_rows(_schedule_gifts(selectors.gift_aid_claimable(start, end)))
        claim = None
        if mark_claimed and rows:
            claim = GiftAidClaim.objects.create(
                reference=f"GA-{start:%Y%m%d}-{end:%Y%m%d}-{timezone.now():%H%M%S%f}",
                period_start=start,
                period_end=end,
                created_by=by,
                total_pence=sum(row.amount_pence for row in rows),
            )
            ids = [pk for row in rows for pk in row.donation_ids]
            if _mark_claimed(ids, claim) != len(ids):
                # Another claim took some of these gifts meanwhile: write nothing, claim nothing.
                raise ValidationError(
                    "Some of these gifts were claimed by another run just now. Run the command again."
                )
        if write is not None and rows:
            write(rows)
    return rows, claim
