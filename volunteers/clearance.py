"""Is a volunteer cleared to meet young people? The one place this rule lives.

Every page and every action that puts a volunteer with a young person calls clearance(), which
works it out from the records and says why not, in plain English. For matching thousands of
volunteers quickly, a summary worked out by this module (store_summaries) is kept on each
volunteer: until when they are cleared for under-18s and for adults. The services refresh it in the
same transaction whenever a record it depends on changes, the daily job stores them all again,
and time passing needs no refresh: the stored dates are compared with today (cleared_q). Matching
uses it only as a first filter; the admin's "cleared" filter and "not cleared" report answer from
it (tests/volunteers/test_admin_scale.py checks they agree with clearance() on a used demo, after
each kind of change and as time passes), so no screen runs the rule for every volunteer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from volunteers.models import (
    DBSCheck,
    DBSStatusCheck,
    Handbook,
    Reference,
    TrainingCourse,
    Volunteer,
    VolunteeringSettings,
)


@dataclass(frozen=True)
class Context:
    """What every clearance check needs besides the volunteer's own records (load once for many)."""

    required_courses: list[TrainingCourse]
    handbook: Handbook | None
    recheck_years: int

    @classmethod
    def load(cls, recheck_years: int | None = None) -> Context:
        if recheck_years is None:
            settings = VolunteeringSettings.objects.first()
            recheck_years = settings.dbs_recheck_years if settings else 3
        return cls(
            list(TrainingCourse.objects.filter(required=True)), Handbook.current(), recheck_years
        )


# Prefetch these to check many volunteers without a query each.
PREFETCH = ("dbs_checks__status_checks", "references", "training", "handbook_acceptances")


@dataclass(frozen=True)
class Clearance:
    cleared: bool
    reasons: list[str] = field(default_factory=list)
    # When cleared: the first day it stops holding if nothing is recorded meanwhile (the DBS
    # renewal or the earliest expiry of required training), so it holds on every day before.
    until: dt.date | None = None

    def __bool__(self) -> bool:
        return self.cleared


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def clearance(
    volunteer: Volunteer,
    *,
    young_person_age: int | None = None,
    on: dt.date | None = None,
    recheck_years: int | None = None,
    for_approval: bool = False,
    context: Context | None = None,
    to_volunteer: bool = False,
) -> Clearance:
    """Cleared for one-to-one time with a young person of `young_person_age` (any age if None)?

    DBS accepted, in date and of the right workforce for the age; references and interview
    done; required training in date; the current handbook accepted; a staff mentor; the
    coordinator's approval; and the volunteer active (not paused or gone). With for_approval,
    the last two are left out: it answers "may a coordinator approve them now?". With
    to_volunteer, the reasons speak to the volunteer ("You have not ...").
    """
    today = on or timezone.localdate()
    context = context or Context.load(recheck_years)
    recheck_years = context.recheck_years
    reasons: list[str] = []
    ends: list[dt.date] = []  # the days on which something in date runs out

    def say(about_them: str, to_you: str) -> None:
        reasons.append(to_you if to_volunteer else about_them)

    if not for_approval and volunteer.status != Volunteer.Status.ACTIVE:
        stage = volunteer.get_status_display().lower()
        say(
            f"Volunteering is at the stage: {stage}.",
            f"Your volunteering is at the stage: {stage}.",
        )

    checks = list(volunteer.dbs_checks.all())
    accepted = [c for c in checks if c.decision == DBSCheck.Decision.ACCEPTED]
    if not accepted:
        if checks:
            say(
                "No DBS check has been accepted yet.",
                "A coordinator will look at your DBS certificate.",
            )
        else:
            say(
                "No DBS check has been recorded yet.",
                "Your DBS check has not been recorded yet: a coordinator will tell you how to apply.",
            )
    else:
        dbs = latest_accepted(accepted)
        due = dbs.recheck_due(recheck_years)
        ends.append(due)
        latest_status = max(
            dbs.status_checks.all(), key=lambda s: (s.checked_on, s.pk), default=None
        )
        if dbs.level not in (DBSCheck.Level.ENHANCED, DBSCheck.Level.ENHANCED_BARRED):
            say("The DBS check is not an enhanced check.", "You need an enhanced DBS check.")
        if dbs.has_content and not dbs.risk_assessment_approved_at:
            say(
                "The DBS certificate has content and no risk assessment has been approved.",
                "A coordinator will talk to you about your DBS certificate before you can go on.",
            )
        if due <= today:
            say(
                f"The DBS check was due to be renewed on {_date(due)}.",
                f"Your DBS check was due to be renewed on {_date(due)}.",
            )
        if latest_status and latest_status.result in (
            DBSStatusCheck.Result.NEW_INFO,
            DBSStatusCheck.Result.NO_MATCH_FOUND,
        ):
            say(
                f"The DBS Update Service check on {_date(latest_status.checked_on)} said: {latest_status.get_result_display().lower()}.",
                "A coordinator needs to talk to you about your DBS Update Service check.",
            )
        if young_person_age is not None and young_person_age < 18 and not dbs.covers_children():
            say(
                "The DBS check does not cover work with children (child workforce and children's barred list).",
                "Your DBS check does not cover work with children (under 18).",
            )
        if young_person_age is not None and young_person_age >= 18 and not dbs.covers_adults():
            say(
                "The DBS check does not cover work with adults (care leavers aged 18 or over).",
                "Your DBS check does not cover work with care leavers aged 18 or over.",
            )
        if young_person_age is None and not (dbs.covers_children() or dbs.covers_adults()):
            say(
                "The DBS check is not for the right workforce.",
                "Your DBS check is not for the right workforce.",
            )

    references = list(volunteer.references.all())
    satisfactory = [r for r in references if r.outcome == Reference.Outcome.SATISFACTORY]
    if len(satisfactory) < 2:
        say(
            f"{len(satisfactory)} of 2 references have come back satisfactory.",
            f"A coordinator will check your references: {len(satisfactory)} of 2 are back so far.",
        )
    if any(r.outcome == Reference.Outcome.CONCERNS for r in references):
        say("A referee raised concerns.", "A coordinator will talk to you about your references.")
    if not volunteer.interview_done_on:
        say("The interview has not happened yet.", "A coordinator will arrange your interview.")

    records = list(volunteer.training.all())
    for course in context.required_courses:
        done = [r for r in records if r.course_id == course.pk]
        if not done:
            say(
                f"The {course.name} has not been done yet.",
                f"You have not done the {course.name} yet.",
            )
            continue
        latest = latest_training(done)
        if latest.expires_on:
            ends.append(latest.expires_on)
        if latest.expires_on and latest.expires_on <= today:
            say(
                f"The {course.name} expired on {_date(latest.expires_on)}.",
                f"Your {course.name} expired on {_date(latest.expires_on)}: book a refresher.",
            )

    handbook = context.handbook
    if handbook and not any(
        a.handbook_id == handbook.pk for a in volunteer.handbook_acceptances.all()
    ):
        say(
            f"The volunteers' handbook ({handbook.version}) has not been accepted yet.",
            f"Read and accept the volunteers' handbook ({handbook.version}).",
        )
    if not volunteer.mentor_id:
        say("No staff mentor has been assigned yet.", "A coordinator will give you a staff mentor.")
    if not for_approval and not volunteer.approved_at:
        say(
            "A coordinator has not approved the volunteer yet.",
            "A coordinator will approve you when everything else is done.",
        )
    if reasons:
        return Clearance(cleared=False, reasons=reasons)
    return Clearance(cleared=True, until=min(ends, default=None))


def latest_accepted(accepted: list[DBSCheck]) -> DBSCheck:
    """The certificate that counts: the latest issued (then the latest recorded)."""
    return max(accepted, key=lambda c: (c.issue_date, c.pk))


def latest_training(records: list) -> object:
    """The record that counts for a course: the latest completed (then the latest recorded)."""
    return max(records, key=lambda r: (r.completed_on, r.pk))


@dataclass(frozen=True)
class ClearedFor:
    """Who a volunteer is cleared to meet: young people of any age, adults only, under-18s only."""

    children: Clearance
    adults: Clearance

    @property
    def any(self) -> bool:
        return bool(self.children or self.adults)

    @property
    def label(self) -> str:
        if self.children and self.adults:
            return "Cleared to meet young people"
        if self.adults:
            return "Cleared for adults (18+) only"
        if self.children:
            return "Cleared for under-18s only"
        return "Not cleared to meet young people"

    @property
    def reasons(self) -> list[str]:
        """What stops them meeting anyone (nothing if they can meet someone)."""
        if self.any:
            return []
        return (
            self.adults.reasons
            if len(self.adults.reasons) <= len(self.children.reasons)
            else self.children.reasons
        )


def cleared_for(
    volunteer: Volunteer,
    *,
    context: Context | None = None,
    on: dt.date | None = None,
    to_volunteer: bool = False,
) -> ClearedFor:
    context = context or Context.load()
    return ClearedFor(
        children=clearance(
            volunteer, young_person_age=17, context=context, on=on, to_volunteer=to_volunteer
        ),
        adults=clearance(
            volunteer, young_person_age=18, context=context, on=on, to_volunteer=to_volunteer
        ),
    )


def summary(
    volunteer: Volunteer, *, context: Context, on: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """What is stored on the volunteer: (cleared for under-18s until, cleared for adults until),
    None where they are not cleared. Cleared on a day before that date, if nothing changes."""
    both = cleared_for(volunteer, context=context, on=on)
    return (
        (both.children.until or dt.date.max) if both.children else None,
        (both.adults.until or dt.date.max) if both.adults else None,
    )


def cleared_q(on: dt.date | None = None) -> Q:
    """Volunteers cleared on `on` (today) for young people of some age, read from the stored
    summary: the same answer as `clearance(volunteer)` with no age, which holds exactly when
    one of the two age-specific clearances does (summary above)."""
    today = on or timezone.localdate()
    return Q(cleared_children_until__gt=today) | Q(cleared_adults_until__gt=today)


def store_summaries(volunteers=None, *, context: Context | None = None) -> int:
    """Work out and store the clearance summary of these volunteers (ids or a queryset; every
    volunteer if None), in the caller's transaction. Returns how many changed."""
    context = context or Context.load()
    queryset = Volunteer.objects.all()
    if volunteers is not None:
        queryset = queryset.filter(pk__in=volunteers)
    changed = []
    with transaction.atomic():
        for volunteer in queryset.prefetch_related(*PREFETCH).iterator(chunk_size=1000):
            children, adults = summary(volunteer, context=context)
            if (volunteer.cleared_children_until, volunteer.cleared_adults_until) != (
                children,
                adults,
            ):
                volunteer.cleared_children_until, volunteer.cleared_adults_until = children, adults
                changed.append(volunteer)
        Volunteer.objects.bulk_update(
            changed, ["cleared_children_until", "cleared_adults_until"], batch_size=500
        )
    return len(changed)
