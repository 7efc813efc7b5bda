"""What every volunteering service shares: the coordinator check, the stored clearance kept
true, and the signed links' lifetime."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from nolimits.models import User
from volunteers import permissions
from volunteers.clearance import store_summaries
from volunteers.models import (
    Volunteer,
    VolunteeringSettings,
)

REFERENCE_SALT = "volunteers.reference"
BOOKING_SALT = "volunteers.booking"


def clearance_changed(volunteer: Volunteer | int) -> None:
    """A record the clearance rule reads has changed: store this volunteer's summary again, in
    the caller's transaction (and on the instance the caller holds, so a later save keeps it)."""
    pk = getattr(volunteer, "pk", volunteer)
    store_summaries([pk])
    if isinstance(volunteer, Volunteer):
        volunteer.refresh_from_db(fields=["cleared_children_until", "cleared_adults_until"])


def clearance_context_changed() -> int:
    """The required courses, the current handbook or the DBS recheck period changed: store
    every volunteer's summary again. Returns how many changed."""
    return store_summaries()


def require_coordinator(by: User) -> None:
    allowed, why = permissions.can_manage(by)
    if not allowed:
        raise PermissionDenied(why)


def link_days() -> int:
    settings_row = VolunteeringSettings.objects.first()
    return settings_row.reference_link_days if settings_row else 28


def is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
