"""Payroll: finance's confirmation of a month's deductions."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolimits.money import pounds
from pledges.models.common import count_of


class PayrollRun(models.Model):
    """Finance's confirmation that a month's payroll deductions were taken."""

    month = models.DateField(unique=True, help_text="First day of the month")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    confirmed_at = models.DateTimeField(default=timezone.now)
    total_pence = models.PositiveIntegerField(default=0)
    gift_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Payroll {self.month:%B %Y}"

    def total(self) -> str:
        return pounds(self.total_pence, exact=True)

    total.short_description = "Total"

    def gifts(self) -> str:
        return count_of(self.gift_count, "gift")

    gifts.short_description = "Gifts"
