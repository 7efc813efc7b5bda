"""Named read queries for volunteering."""

from django.db.models import prefetch_related_objects
from django.utils import timezone

from volunteers.clearance import PREFETCH, Context, cleared_for
from volunteers.models import DBSCheck, Reference, TrainingCourse, Volunteer


def checklist(volunteer: Volunteer) -> dict:
    """What is done and what is left, for the volunteer's own checklist page. The volunteer's
    records are fetched once (clearance.PREFETCH) and read here and by the clearance rule, so
    the page's queries do not grow with them or with the rule's checks."""
    today = timezone.localdate()
    prefetch_related_objects([volunteer], *PREFETCH)
    context = Context.load()
    references = list(volunteer.references.all())
    back = sum(r.outcome == Reference.Outcome.SATISFACTORY for r in references)
    dbs = max(volunteer.dbs_checks.all(), key=lambda c: (c.issue_date, c.pk), default=None)
    records = {
        r.course_id: r for r in sorted(volunteer.training.all(), key=lambda r: r.completed_on)
    }
    training = [
        {
            "course": c,
            "record": records.get(c.pk),
            "expired": bool(
                records.get(c.pk) and records[c.pk].expires_on and records[c.pk].expires_on <= today
            ),
        }
        for c in context.required_courses
    ]
    handbook = context.handbook
    scope = cleared_for(volunteer, context=context, on=today, to_volunteer=True)
    return {
        "references_back": back,
        "references": references,
        "dbs": dbs,
        "dbs_accepted": bool(dbs and dbs.decision == DBSCheck.Decision.ACCEPTED),
        "training": training,
        "handbook": handbook,
        "handbook_accepted": bool(
            handbook
            and any(a.handbook_id == handbook.pk for a in volunteer.handbook_acceptances.all())
        ),
        "cleared_for": scope,
        "come_along_only": volunteer.route == Volunteer.Route.COME_ALONG,
    }


def coordinator_today() -> dict:
    """What needs doing today, for the coordinator's dashboard panel."""
    import datetime as dt

    from volunteers.models import ExpenseClaim

    today = timezone.localdate()
    return {
        "references_waiting": Reference.objects.filter(outcome=Reference.Outcome.WAITING)
        .exclude(volunteer__status="left")
        .count(),
        "references_overdue": Reference.objects.filter(
            outcome=Reference.Outcome.WAITING, requested_on__lte=today - dt.timedelta(days=14)
        )
        .exclude(volunteer__status="left")
        .count(),
        "expenses_waiting": ExpenseClaim.objects.filter(status=ExpenseClaim.Status.WAITING).count(),
        "training_expiring": TrainingCourse.objects.filter(
            required=True, records__expires_on__lte=today + dt.timedelta(days=60)
        ).count(),
        "applications": Volunteer.objects.filter(status=Volunteer.Status.APPLIED).count(),
        "paused": Volunteer.objects.filter(status=Volunteer.Status.PAUSED).count(),
        "activities_waiting": _activities_waiting(),
    }


def _activities_waiting() -> int:
    from volunteers.models import Opportunity

    return Opportunity.objects.filter(status=Opportunity.Status.SUBMITTED).count()
