"""What a champion's and a programme lead's participation screens read. Each checks the
viewer's scope here (impact.permissions), so a URL changed by hand shows nothing more."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from impact import permissions
from impact.champions.models import DirectorateChampion, Encouragement
from impact.figures.directorates import GROUPS, Group, Participation, by_directorate
from impact.periods import Period
from nolimits.models import User


def period_choices(today: dt.date | None = None) -> dict[str, Period]:
    """The periods the screens offer, newest first: this six-month reporting period and the three
    before it, then this UK tax year and the one before."""
    today = today or timezone.localdate()
    choices = {}
    period = Period.reporting_period_containing(today)
    for _ in range(4):
        choices[f"rp-{period.start:%Y-%m}"] = period
        period = period.previous()
    year = Period.tax_year_containing(today)
    for _ in range(2):
        choices[f"ty-{year.start.year}"] = year
        year = year.previous()
    return choices


def one_directorate(*, user, key: str, period: Period) -> Group:
    """One group's participation, if the viewer may see it (a champion: only their own)."""
    if key not in GROUPS:
        raise PermissionDenied("There is no such directorate.")
    allowed, reason = permissions.can_see_directorate(user, key)
    if not allowed:
        raise PermissionDenied(reason)
    return by_directorate(period, only=key).group(key)


def every_directorate(*, user, period: Period) -> Participation:
    """Every directorate side by side and councillors as their own group: programme leads only."""
    if not permissions.can_see_every_directorate(user):
        raise PermissionDenied("Only programme leads see every directorate.")
    return by_directorate(period)


def encouragement_for(*, user) -> tuple[str, list[tuple[Encouragement, str, str]]]:
    """The messages to share, with the champion's directorate named in them (a programme lead
    sees "{directorate}" where each champion's will go)."""
    if not permissions.can_see_encouragement(user):
        raise PermissionDenied("Only directorate champions and programme leads see these.")
    key = permissions.champion_directorate(user)
    label = GROUPS[key] if key else "{directorate}"
    return label, [(m, *m.for_directorate(label)) for m in Encouragement.objects.all()]


def champions(*, user) -> list[tuple[str, str, DirectorateChampion | None]]:
    """Each directorate with its champion, or None (programme leads)."""
    if not permissions.can_manage_champions(user):
        raise PermissionDenied("Only programme leads appoint directorate champions.")
    found = {c.directorate: c for c in DirectorateChampion.objects.select_related("user")}
    return [(key, label, found.get(key)) for key, label in User.Directorate.choices]
