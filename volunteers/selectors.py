"""Named read queries for volunteering."""

from django.db.models import prefetch_related_objects
from django.utils import timezone

from volunteers.clearance import PREFETCH, Context, cleared_for
from volunteers.models import DBSCheck, Reference, TrainingCourse, Volunteer

# The scheme's clearance context, read once for each scheme stamp and day in a process
# (scheme_context): the one most recently asked for.
_scheme_context: dict = {}


def scheme_context(stamp: tuple) -> Context:
    """clearance.Context (the required courses, the current handbook, the DBS recheck years) as
    of the scheme's data version (nolimits.kept_lists.SCHEME: triggers on those tables move it)
    and the page-cache generation (kept_lists.scheme_stamp), and today, read once in this
    process. Read fresh inside a transaction, which may change them."""
    from nolimits.kept_lists import in_a_transaction

    key = (*stamp, timezone.localdate())
    if in_a_transaction():
        return Context.load()
    if key not in _scheme_context:
        loaded = Context.load()
        _scheme_context.clear()
        _scheme_context[key] = loaded
    return _scheme_context[key]


def checklist(volunteer: Volunteer, context: Context | None = None) -> dict:
    """What is done and what is left, for the volunteer's own checklist page. The volunteer's
    records are fetched once (clearance.PREFETCH) and read here and by the clearance rule, so
    the page's queries do not grow with them or with the rule's checks."""
    today = timezone.localdate()
    prefetch_related_objects([volunteer], *PREFETCH)
    context = context or Context.load()
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
