"""The one way any record changes state.

A stateful model has a `status` field whose choices are a `TextChoices` enum, a `TRANSITIONS`
table (`{from_status: {to_status, ...}}`) and a status-change model built on `StatusChange`
whose foreign key to the record has `related_name="status_changes"`. `move()` checks the table,
refuses an illegal move with a plain reason, writes one status-change row (who, from, to, why,
when) and saves the new status. Nothing else sets a status field (tests/nolimits/test_states.py
reads the source to make sure).

    move(pledge, Pledge.Status.CANCELLED, by=donor, reason="Cancelled by the donor.")
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class IllegalMove(ValidationError):
    """A move the record's TRANSITIONS table does not allow."""


class StatusChange(models.Model):
    """One status change: the same shape, with the same field types, for every stateful record.

    Subclasses add the foreign key to their record (`related_name="status_changes"`) and may
    narrow `from_status`/`to_status` with their record's choices.
    """

    from_status = models.CharField(max_length=30)
    to_status = models.CharField(max_length=30)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who made the change; empty when the system did (a payment event, a job).",
    )
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_label} → {self.to_label}" + (f": {self.reason}" if self.reason else "")

    @property
    def from_label(self) -> str:
        return _label(self._record_model(), self.from_status)

    @property
    def to_label(self) -> str:
        return _label(self._record_model(), self.to_status)

    def _record_model(self) -> type[models.Model]:
        for field in self._meta.concrete_fields:
            if field.is_relation and field.remote_field.related_name == "status_changes":
                return field.related_model
        raise TypeError(f"{type(self).__name__} has no foreign key named status_changes")


def _label(model: type[models.Model], status: str) -> str:
    choices = dict(model._meta.get_field("status").flatchoices)
    return str(choices.get(status, status))


def _noun(record) -> str:
    name = str(record._meta.verbose_name)
    return ("An " if name[:1].lower() in "aeiou" else "A ") + name


def allowed(record: models.Model, to: str) -> bool:
    """Whether the record's TRANSITIONS table allows moving it from where it is to `to`."""
    return to in type(record).TRANSITIONS.get(record.status, ())


def next_states(record: models.Model) -> list[str]:
    """The states the record may move to now, in the order its choices are declared."""
    table = type(record).TRANSITIONS.get(record.status, ())
    return [
        value for value, _label in record._meta.get_field("status").flatchoices if value in table
    ]


def move(
    record: models.Model,
    to: str,
    *,
    by=None,
    reason: str = "",
    also_save: Iterable[str] = (),
    **details,
) -> StatusChange:
    """Move `record` to `to` along its TRANSITIONS table and log it.

    Raises IllegalMove with a plain reason when the table does not allow it. `also_save` names
    other fields the caller changed on the record that must be saved with the status; `details`
    are extra fields of the record's status-change model (for example a grant's `event`).
    Call it inside the caller's transaction, on a row the caller has locked if races matter.
    """
    if not allowed(record, to):
        raise IllegalMove(
            f"{_noun(record)} cannot go from “{_label(type(record), record.status)}” "
            f"to “{_label(type(record), to)}”."
        )
    change = record.status_changes.create(
        from_status=record.status, to_status=to, by=by, reason=reason.strip()[:500], **details
    )
    record.status = to
    fields = {"status", *also_save}
    if any(f.name == "updated_at" for f in record._meta.concrete_fields):
        fields.add("updated_at")
    record.save(update_fields=sorted(fields))
    return change


def move_row(
    model: type[models.Model],
    pk,
    frm: str,
    to: str,
    *,
    by=None,
    reason: str = "",
    where: dict | None = None,
    **fields,
) -> bool:
    """Compare-and-set for work that two processes may race for (a worker claiming a message):
    move the row from `frm` to `to` only if it is still in `frm` (and matches `where`), setting
    `fields` in the same UPDATE; log the change when it happened. Returns whether it moved."""
    if to not in model.TRANSITIONS.get(frm, ()):
        raise IllegalMove(
            f"{_noun(model)} cannot go from “{_label(model, frm)}” to “{_label(model, to)}”."
        )
    moved = model._default_manager.filter(pk=pk, status=frm, **(where or {})).update(
        status=to, **fields
    )
    if moved:
        log = _log_model(model)
        log._default_manager.create(
            **{_log_key(log): pk}, from_status=frm, to_status=to, by=by, reason=reason[:500]
        )
    return bool(moved)


def _log_model(model: type[models.Model]) -> type[StatusChange]:
    for related in model._meta.related_objects:
        if related.related_name == "status_changes":
            return related.related_model
    raise TypeError(f"{model.__name__} has no status_changes log")


def _log_key(log: type[StatusChange]) -> str:
    for field in log._meta.concrete_fields:
        if field.is_relation and field.remote_field.related_name == "status_changes":
            return field.attname
    raise TypeError(f"{log.__name__} has no foreign key named status_changes")


def note(record: models.Model, *, by=None, reason: str, **details) -> StatusChange:
    """Log something that happened to a record without moving it (the status stays; from = to),
    for example a pledge's monthly amount changing."""
    return record.status_changes.create(
        from_status=record.status,
        to_status=record.status,
        by=by,
        reason=reason.strip()[:500],
        **details,
    )


def move_if_allowed(record: models.Model, to: str, **kwargs) -> StatusChange | None:
    """`move()` for events that may arrive late or twice (a payment event, a retried job): a
    move the table does not allow, or to where the record already is, is ignored."""
    if to == record.status or not allowed(record, to):
        return None
    return move(record, to, **kwargs)
