"""Is a volunteer cleared to meet young people? The one place this rule lives.

Nothing stores "cleared": every page and every action that puts a volunteer with a young person
calls clearance(), which works it out from the records and says why not, in plain English.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
) -> Clearance:
    """Cleared for one-to-one time with a young person of `young_person_age` (any age if None)?

    DBS accepted, in date and of the right workforce for the age; references and interview
    done; required training in date; the current handbook accepted; a staff mentor; the
    coordinator's approval; and the volunteer active (not paused or gone). With for_approval,
    the last two are left out: it answers "may a coordinator approve them now?".
    """
    today = on or timezone.localdate()
    context = context or Context.load(recheck_years)
    recheck_years = context.recheck_years
    reasons: list[str] = []

    if not for_approval and volunteer.status != Volunteer.Status.ACTIVE:
        reasons.append(f"Volunteering is at the stage: {volunteer.get_status_display().lower()}.")

    checks = list(volunteer.dbs_checks.all())
    accepted = [c for c in checks if c.decision == DBSCheck.Decision.ACCEPTED]
    if not accepted:
        reasons.append(
            "No DBS check has been accepted yet."
            if checks
            else "No DBS check has been recorded yet."
        )
    else:
        dbs = max(accepted, key=lambda c: c.issue_date)
        due = dbs.recheck_due(recheck_years)
        latest_status = max(
            dbs.status_checks.all(), key=lambda s: (s.checked_on, s.pk), default=None
        )
        if dbs.level not in (DBSCheck.Level.ENHANCED, DBSCheck.Level.ENHANCED_BARRED):
            reasons.append("The DBS check is not an enhanced check.")
        if dbs.has_content and not dbs.risk_assessment_approved_at:
            reasons.append(
                "The DBS certificate has content and no risk assessment has been approved."
            )
        if due <= today:
            reasons.append(f"The DBS check was due to be renewed on {_date(due)}.")
        if latest_status and latest_status.result in (
            DBSStatusCheck.Result.NEW_INFO,
            DBSStatusCheck.Result.NO_MATCH_FOUND,
        ):
            reasons.append(
                f"The DBS Update Service check on {_date(latest_status.checked_on)} said: {latest_status.get_result_display().lower()}."
            )
        if young_person_age is not None and young_person_age < 18 and not dbs.covers_children():
            reasons.append(
                "The DBS check does not cover work with children (child workforce and children's barred list)."
            )
        if young_person_age is not None and young_person_age >= 18 and not dbs.covers_adults():
            reasons.append(
                "The DBS check does not cover work with adults (care leavers aged 18 or over)."
            )
        if young_person_age is None and not (dbs.covers_children() or dbs.covers_adults()):
            reasons.append("The DBS check is not for the right workforce.")

    references = list(volunteer.references.all())
    satisfactory = [r for r in references if r.outcome == Reference.Outcome.SATISFACTORY]
    if len(satisfactory) < 2:
        reasons.append(f"{len(satisfactory)} of 2 references have come back satisfactory.")
    if any(r.outcome == Reference.Outcome.CONCERNS for r in references):
        reasons.append("A referee raised concerns.")
    if not volunteer.interview_done_on:
        reasons.append("The interview has not happened yet.")

    records = list(volunteer.training.all())
    for course in context.required_courses:
        done = [r for r in records if r.course_id == course.pk]
        if not done:
            reasons.append(f"The {course.name} has not been done yet.")
            continue
        latest = max(done, key=lambda r: r.completed_on)
        if latest.expires_on and latest.expires_on <= today:
            reasons.append(f"The {course.name} expired on {_date(latest.expires_on)}.")

    handbook = context.handbook
    if handbook and not any(
        a.handbook_id == handbook.pk for a in volunteer.handbook_acceptances.all()
    ):
        reasons.append(f"The volunteers' handbook ({handbook.version}) has not been accepted yet.")
    if not volunteer.mentor_id:
        reasons.append("No staff mentor has been assigned yet.")
    if not for_approval and not volunteer.approved_at:
        reasons.append("A coordinator has not approved the volunteer yet.")
    return Clearance(cleared=not reasons, reasons=reasons)
