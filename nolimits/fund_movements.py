"""Money movements, announced in the same transaction as the row that moves the money.

Gifts and refunds live in pledges, grants in grants, and the fund's ledger in grants
(grants.fund), which listens: pledges cannot import grants (the floors), so each model that moves
money says how much it holds of the fund (`fund_share`), and on every save or delete the change
is sent as `fund_moved` inside the saving transaction. A bulk write that bypasses save()
announces its own total (`announce`); `manage.py reconcile_fund` finds any that did not.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import Signal

# Sent with received=, committed=, paid= (pence, each a change, any sign).
fund_moved = Signal()

NOTHING = (0, 0, 0)


def announce(sender, received: int = 0, committed: int = 0, paid: int = 0) -> None:
    if received or committed or paid:
        fund_moved.send(sender=sender, received=received, committed=committed, paid=paid)


class MovesTheFund(models.Model):
    """A row that holds part of the fund: fund_share() says how much, from its own fields."""

    FUND_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) & set(self.FUND_FIELDS):
            return super().save(*args, **kwargs)
        with transaction.atomic(using=kwargs.get("using")):
            before = self._share_in_database()
            super().save(*args, **kwargs)
            after = self.fund_share()
            announce(type(self), *(a - b for a, b in zip(after, before, strict=True)))
        self._fund_saved = after

    def fund_share(self) -> tuple[int, int, int]:
        """(received, committed, paid) this row contributes, in pence."""
        raise NotImplementedError

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if not set(cls.FUND_FIELDS) & instance.get_deferred_fields():
            instance._fund_saved = instance.fund_share()
        return instance

    def _share_in_database(self) -> tuple[int, int, int]:
        if self._state.adding or self.pk is None:
            return NOTHING
        if hasattr(self, "_fund_saved"):
            return self._fund_saved
        stored = type(self)._base_manager.filter(pk=self.pk).only(*self.FUND_FIELDS).first()
        return stored.fund_share() if stored else NOTHING


def _deleted(sender, instance, **kwargs):
    if isinstance(instance, MovesTheFund):
        announce(sender, *(-x for x in instance.fund_share()))


post_delete.connect(_deleted, dispatch_uid="nolimits.fund_movements.deleted")
