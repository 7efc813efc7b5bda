"""What every figure uses: small numbers for the public, and a record's status at a moment."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Coalesce


def suppressed(n: int, threshold: int | None = None) -> str:
    """A count as the public may see it: a number from 1 to threshold - 1 could point to a young
    person, so it is "fewer than {threshold}"; 0 stays 0 (settings.IMPACT_SMALL_NUMBER_THRESHOLD)."""
    if threshold is None:
        threshold = settings.IMPACT_SMALL_NUMBER_THRESHOLD
    if 0 < n < threshold:
        return f"fewer than {threshold}"
    return f"{n:,}"


def status_at(change_model, to_record: str, moment: dt.datetime):
    """The status a record had at `moment`, from its status-change log (nolimits.states): the
    status of the last change before it, else the status the first change after it left, else
    (no change either side) the status it has now."""
    changes = change_model.objects.filter(**{to_record: OuterRef("pk")})
    before = changes.filter(at__lt=moment).order_by("-at", "-pk").values("to_status")[:1]
    after = changes.filter(at__gte=moment).order_by("at", "pk").values("from_status")[:1]
    return Coalesce(
        Subquery(before, output_field=CharField()),
        Subquery(after, output_field=CharField()),
        F("status"),
        output_field=CharField(),
    )
