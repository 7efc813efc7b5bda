"""The fund's ledger: one row of running totals, moved in the same transaction as each gift,
refund, dispute, decision and payment (grants.fund)."""

from django.db import models
from django.utils import timezone


class FundLedger(models.Model):
    """Running totals, in pence. `received` counts every received gift less refunds and
    disputes, whatever its paid date (fund_balance leaves out gifts dated after now)."""

    received_pence = models.BigIntegerField(default=0)
    committed_pence = models.BigIntegerField(default=0)
    paid_pence = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "fund ledger"

    def __str__(self) -> str:
        return "The fund's running totals"
