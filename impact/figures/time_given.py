"""Time figures: volunteers by stage, cleared, DBS and training compliance; come-along."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from impact.figures.common import status_at
from impact.periods import Period
from volunteers.clearance import Context
from volunteers.models import (
    Booking,
    DBSCheck,
    Opportunity,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteerStatusChange,
)

# --- Volunteers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volunteering:
    by_stage: dict[str, int]  # Volunteer.Status value -> count
    applied: int
    cleared: int
    active_with_current_dbs: int
    active_with_training_in_date: int

    @property
    def active(self) -> int:
        return self.by_stage[Volunteer.Status.ACTIVE]


def dbs_current_since(as_of: dt.date, recheck_years: int) -> dt.date:
    """The earliest issue date whose DBS check is still current on `as_of`: the check is due for
    renewal on DBSCheck.recheck_due (the clearance rule's date), and current on days before it."""
    try:
        day = as_of.replace(year=as_of.year - recheck_years)
    except ValueError:  # 29 February
        day = as_of.replace(year=as_of.year - recheck_years, day=28)
    day -= dt.timedelta(days=3)
    while DBSCheck(issue_date=day).recheck_due(recheck_years) <= as_of:
        day += dt.timedelta(days=1)
    return day


def volunteering(period: Period) -> Volunteering:
    """Volunteers (4 queries: the clearance rule's settings and courses, then one count).

    By stage: everyone who had applied by the end of the period, at the stage their status log
    says they were at then (applied, references, DBS, training, active, paused, left). Applied:
    applications made in the period. Cleared: volunteers whose stored clearance summary
    (volunteers.clearance, Volunteer.cleared_children_until / cleared_adults_until: cleared on
    days before those dates) holds on the period's last day, or today while it runs; the summary
    is today's, so for a past period it reads today's records. DBS compliance: volunteers active
    at the end with an accepted DBS check issued on or before that day and not yet due for
    renewal (VolunteeringSettings.dbs_recheck_years). Training compliance: volunteers active at
    the end with every required course done and in date on that day (expires_on after it, or
    never expiring)."""
    as_of = period.as_of()
    context = Context.load()
    current_dbs = DBSCheck.objects.filter(
        volunteer=OuterRef("pk"),
        decision=DBSCheck.Decision.ACCEPTED,
        issue_date__gte=dbs_current_since(as_of, context.recheck_years),
        issue_date__lte=as_of,
    )
    in_date = TrainingRecord.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=as_of),
        volunteer=OuterRef(OuterRef("pk")),
        course=OuterRef("pk"),
        completed_on__lte=as_of,
    )
    missing = TrainingCourse.objects.filter(pk__in=[c.pk for c in context.required_courses]).filter(
        ~Exists(in_date)
    )
    active = Q(then=Volunteer.Status.ACTIVE)
    row = (
        Volunteer.objects.filter(applied_at__lt=period.ends_before)
        .annotate(
            then=status_at(VolunteerStatusChange, "volunteer", period.ends_before),
            dbs_ok=Exists(current_dbs),
            training_ok=~Exists(missing),
        )
        .aggregate(
            **{f"stage_{s}": Count("pk", filter=Q(then=s.value)) for s in Volunteer.Status},
            applied=Count("pk", filter=Q(applied_at__gte=period.starts_at)),
            cleared=Count(
                "pk",
                filter=Q(cleared_children_until__gt=as_of) | Q(cleared_adults_until__gt=as_of),
            ),
            dbs=Count("pk", filter=active & Q(dbs_ok=True)),
            training=Count("pk", filter=active & Q(training_ok=True)),
        )
    )
    return Volunteering(
        by_stage={s.value: row[f"stage_{s}"] for s in Volunteer.Status},
        applied=row["applied"],
        cleared=row["cleared"],
        active_with_current_dbs=row["dbs"],
        active_with_training_in_date=row["training"],
    )


@dataclass(frozen=True)
class ComeAlong:
    activities: int
    places_offered: int
    places_booked: int


def come_along(period: Period) -> ComeAlong:
    """Come-along activities published by a coordinator (status "published") that take place in
    the period (`starts_at`), the places they offered, and the places booked on them (bookings
    not cancelled). 2 queries."""
    published = Opportunity.objects.filter(
        period.moments("starts_at"), status=Opportunity.Status.APPROVED
    )
    row = published.aggregate(n=Count("pk"), places=Coalesce(Sum("places"), 0))
    booked = Booking.objects.filter(opportunity__in=published, cancelled=False).count()
    return ComeAlong(row["n"], row["places"], booked)
