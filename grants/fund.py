"""The No Limits fund: the one balance every screen and the chair's decision cap use.

It lives in grants because both sides are visible from here without an upward import: money
received comes from pledges (`pledges.selectors.money_received_pence`), grants committed and
paid from this app (`grants.selectors.grant_totals_pence`).

The balance is kept by a ledger (models.FundLedger), not summed on each view: every row that
moves money (a gift, a refund or dispute, a decision, a payment) announces its change in its
own saving transaction (nolimits.fund_movements), and `_moved` adds it to the ledger's running
totals with one UPDATE. `reconcile_ledger` (manage.py reconcile_fund, and daily) checks the
ledger against the full sums and can put it right.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wagtail.models import Site

from grants.models import FundLedger, GrantsSettings
from grants.selectors import grant_totals_pence
from nolimits.fund_movements import fund_moved
from pledges.selectors import money_dated_later_pence, money_received_pence

log = logging.getLogger("nolimits.fund")
LEDGER = 1  # the one row's id


@dataclass(frozen=True)
class FundBalance:
    received_pence: int
    committed_pence: int
    paid_pence: int

    @property
    def available_pence(self) -> int:
        return self.received_pence - self.committed_pence - self.paid_pence


def fund_balance() -> FundBalance:
    """Money received (less refunds and disputes) minus grants committed and paid, from the
    ledger: two small queries however many gifts there are."""
    ledger = FundLedger.objects.filter(pk=LEDGER).first() or rebuild_ledger()
    return FundBalance(
        received_pence=ledger.received_pence - money_dated_later_pence(),
        committed_pence=ledger.committed_pence,
        paid_pence=ledger.paid_pence,
    )


def full_sums() -> FundBalance:
    """The same balance summed over every row (slow at scale): what the ledger must equal."""
    committed, paid = grant_totals_pence()
    return FundBalance(
        received_pence=money_received_pence(), committed_pence=committed, paid_pence=paid
    )


def _ledger_totals() -> tuple[int, int, int]:
    """What the ledger row should hold: the full sums, with gifts dated later included."""
    sums = full_sums()
    return (sums.received_pence + money_dated_later_pence(), sums.committed_pence, sums.paid_pence)


def rebuild_ledger() -> FundLedger:
    """Set the ledger to the full sums (after rows written in bulk, outside save())."""
    received, committed, paid = _ledger_totals()
    ledger, _ = FundLedger.objects.update_or_create(
        pk=LEDGER,
        defaults={
            "received_pence": received,
            "committed_pence": committed,
            "paid_pence": paid,
            "updated_at": timezone.now(),
        },
    )
    return ledger


def _moved(sender, received=0, committed=0, paid=0, **kwargs) -> None:
    """Add one movement to the ledger, in the transaction that made it."""
    updated = FundLedger.objects.filter(pk=LEDGER).update(
        received_pence=F("received_pence") + received,
        committed_pence=F("committed_pence") + committed,
        paid_pence=F("paid_pence") + paid,
        updated_at=timezone.now(),
    )
    if not updated:  # no ledger yet (a new or emptied database): start it from the full sums,
        rebuild_ledger()  # which already include this movement


fund_moved.connect(_moved, dispatch_uid="grants.fund.ledger")


@dataclass(frozen=True)
class Reconciliation:
    kept: tuple[int, int, int]
    summed: tuple[int, int, int]
    repaired: bool

    @property
    def agrees(self) -> bool:
        return self.kept == self.summed


def reconcile_ledger(*, repair: bool = False) -> Reconciliation:
    """Compare the ledger with the full sums; with repair, set it to them (and log the gap)."""
    with transaction.atomic():
        ledger = FundLedger.objects.select_for_update().filter(pk=LEDGER).first()
        kept = (
            (ledger.received_pence, ledger.committed_pence, ledger.paid_pence)
            if ledger
            else (0, 0, 0)
        )
        summed = _ledger_totals()
        result = Reconciliation(kept=kept, summed=summed, repaired=repair and kept != summed)
        if not result.agrees:
            log.error("fund ledger differs from the full sums: kept=%s summed=%s", kept, summed)
            if repair:
                rebuild_ledger()
    return result


def fund_lock() -> GrantsSettings:
    """One row every decision locks, so two decisions cannot both spend the same money."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    settings_row, _ = GrantsSettings.objects.get_or_create(site=site)
    return GrantsSettings.objects.select_for_update().get(pk=settings_row.pk)
