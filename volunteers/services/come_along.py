"""Come-along activities: offered by volunteers, decided by coordinators, booked by signed link."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nolimits import links, states
from nolimits.links import LinkProblem
from nolimits.models import User
from volunteers.clearance import clearance
from volunteers.models import (
    Volunteer,
)
from volunteers.notify import email_once
from volunteers.services.common import (
    BOOKING_SALT,
    is_uuid,
    require_coordinator,
)


@transaction.atomic
def opportunity_offer(*, volunteer: Volunteer, by: User, **fields):
    """A volunteer offers something they already do. Not yet cleared for one-to-one time? Then
    only a supervised group activity, with a named lead adult."""
    from volunteers.models import Opportunity

    if by.pk != volunteer.user_id:
        raise PermissionDenied("Only the volunteer can offer their own activity.")
    if volunteer.status == Volunteer.Status.LEFT:
        raise ValidationError("You are no longer volunteering.")
    opportunity = Opportunity(volunteer=volunteer, **fields)
    if not clearance(volunteer) and not opportunity.lead_adult.strip():
        raise ValidationError(
            "You are not cleared for one-to-one time yet, so name the lead adult who will supervise the group."
        )
    opportunity.full_clean()
    opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_decide(*, opportunity, by: User, approve: bool, reason: str = "") -> None:
    require_coordinator(by)
    if opportunity.status != opportunity.Status.SUBMITTED:
        raise ValidationError("This activity has already been decided.")
    if not approve and not reason.strip():
        raise ValidationError("Say why the activity is not approved.")
    if approve and not clearance(opportunity.volunteer) and not opportunity.lead_adult.strip():
        raise ValidationError(
            "A volunteer who is not cleared can only run a supervised activity with a named lead adult."
        )
    opportunity.decided_by, opportunity.decided_at, opportunity.decision_reason = (
        by,
        timezone.now(),
        reason.strip(),
    )
    states.move(
        opportunity,
        opportunity.Status.APPROVED if approve else opportunity.Status.DECLINED,
        by=by,
        reason=opportunity.decision_reason,
        also_save=["decided_by", "decided_at", "decision_reason"],
    )


@transaction.atomic
def booking_make(
    *,
    opportunity,
    young_person_first_name: str,
    young_person_age: int,
    booker_name: str,
    booker_email: str,
    notes: str = "",
):
    """A worker or young person books a place: only while places are left and within the ages."""
    from volunteers.models import Booking, Opportunity

    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != Opportunity.Status.APPROVED or opportunity.starts_at <= timezone.now():
        raise ValidationError("This activity is not taking bookings.")
    if not opportunity.min_age <= young_person_age <= opportunity.max_age:
        raise ValidationError(
            f"This activity is for ages {opportunity.min_age} to {opportunity.max_age}."
        )
    if opportunity.bookings.filter(cancelled=False).count() >= opportunity.places:
        raise ValidationError("Sorry, this activity is full.")
    booking = Booking(
        opportunity=opportunity,
        young_person_first_name=young_person_first_name,
        young_person_age=young_person_age,
        booker_name=booker_name,
        booker_email=booker_email,
        notes=notes,
    )
    booking.full_clean()
    booking.save()
    when = timezone.localtime(opportunity.starts_at)
    cancel = links.signed_url("volunteers:cancel_booking", salt=BOOKING_SALT, value=booking.token)
    email_once(
        f"booking:{booking.pk}:confirmed",
        booking.booker_email,
        f"Place booked: {opportunity.title}",
        f"Dear {booking.booker_name},\n\n{booking.young_person_first_name} has a place at "
        f"{opportunity.title} on {when.day} {when:%B %Y at %H:%M}, at {opportunity.location}."
        + (f" Bring: {opportunity.what_to_bring}." if opportunity.what_to_bring else "")
        + f"\n\nIf they cannot come, please cancel so someone else can have the place:\n{cancel}",
    )
    return booking


def booking_from_link(token: str):
    from volunteers.models import Booking

    value = links.unsign(
        token,
        salt=BOOKING_SALT,
        max_age_days=366,
        expired="This link has expired. Contact the No Limits team to change a booking.",
    )
    booking = (
        Booking.objects.select_related("opportunity").filter(token=value).first()
        if is_uuid(value)
        else None
    )
    if booking is None:
        raise LinkProblem(links.NOT_RIGHT)
    return booking


@transaction.atomic
def booking_cancel(*, token: str):
    """The booker cancels by their emailed link. Cancelling twice changes nothing."""
    from volunteers.models import Booking

    booking = Booking.objects.select_for_update().get(pk=booking_from_link(token).pk)
    if booking.opportunity.starts_at <= timezone.now():
        raise ValidationError(
            "This activity has already started, so the booking cannot be cancelled here."
        )
    if not booking.cancelled:
        booking.cancelled = True
        booking.save(update_fields=["cancelled"])
    return booking
