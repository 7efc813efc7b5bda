"""The No Limits fund: the one balance every screen and the chair's decision cap use.

It lives in grants because both sides are visible from here without an upward import: money
received comes from pledges (`pledges.selectors.money_received_pence`), grants committed and
paid from this app (`grants.selectors.grant_totals_pence`).
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail.models import Site

from grants.models import GrantsSettings
from grants.selectors import grant_totals_pence
from pledges.selectors import money_received_pence


@dataclass(frozen=True)
class FundBalance:
    received_pence: int
    committed_pence: int
    paid_pence: int

    @property
    def available_pence(self) -> int:
        return self.received_pence - self.committed_pence - self.paid_pence


def fund_balance() -> FundBalance:
    """Money received (less refunds and disputes) minus grants committed and paid."""
    committed, paid = grant_totals_pence()
    return FundBalance(
        received_pence=money_received_pence(), committed_pence=committed, paid_pence=paid
    )


def fund_lock() -> GrantsSettings:
    """One row every decision locks, so two decisions cannot both spend the same money."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    settings_row, _ = GrantsSettings.objects.get_or_create(site=site)
    return GrantsSettings.objects.select_for_update().get(pk=settings_row.pk)
