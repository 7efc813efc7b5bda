"""Named read queries for volunteering."""

from django.utils import timezone

from volunteers.clearance import Context, cleared_for
from volunteers.models import DBSCheck, Handbook, Reference, TrainingCourse, Volunteer


def checklist(volunteer: Volunteer) -> dict:
    """What is done and what is left, for the volunteer's own checklist page."""
    today = timezone.localdate()
    references = list(volunteer.references.all())
    back = sum(r.outcome == Reference.Outcome.SATISFACTORY for r in references)
    dbs = volunteer.dbs_checks.order_by("-issue_date").first()
    records = {r.course_id: r for r in volunteer.training.order_by("completed_on")}
    training = [
        {
            "course": c,
            "record": records.get(c.pk),
            "expired": bool(
                records.get(c.pk) and records[c.pk].expires_on and records[c.pk].expires_on <= today
            ),
        }
        for c in TrainingCourse.objects.filter(required=True)
    ]
    handbook = Handbook.current()
    context = Context.load()
    scope = cleared_for(volunteer, context=context, on=today, to_volunteer=True)
    return {
        "references_back": back,
        "references": references,
        "dbs": dbs,
        "dbs_accepted": bool(dbs and dbs.decision == DBSCheck.Decision.ACCEPTED),
        "training": training,
        "handbook": handbook,
        "handbook_accepted": bool(
            handbook and volunteer.handbook_acceptances.filter(handbook=handbook).exists()
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
        "waiting_for_match": _young_people_waiting(),
        "reviews_due": reviews_due(within_days=14, today=today).count(),
        "quiet": quiet_matches(days=14, today=today).count(),
        "activities_waiting": _activities_waiting(),
    }


def _young_people_waiting() -> int:
    from volunteers.models import YoungPerson

    return YoungPerson.objects.filter(status=YoungPerson.Status.WAITING).count()


def _activities_waiting() -> int:
    from volunteers.models import Opportunity

    return Opportunity.objects.filter(status=Opportunity.Status.SUBMITTED).count()


# --- Matching -------------------------------------------------------------------------------------


def quiet_matches(*, days: int = 14, today=None):
    """Active matches with no session logged for `days` days (or none since the first meeting)."""
    import datetime as dt

    from django.db.models import Max, Q

    from volunteers.models import Match

    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=days)
    return (
        Match.objects.filter(status=Match.Status.ACTIVE)
        .annotate(last_session=Max("sessions__date"))
        .filter(
            Q(last_session__lt=cutoff) | Q(last_session__isnull=True, first_meeting_on__lt=cutoff)
        )
        .select_related("young_person", "volunteer__user")
        .order_by("last_session")
    )


def turning_eighteen(*, within_days: int = 30, today=None):
    """Open matches whose young person turns 18 within `within_days` days (or did since it began)."""
    import datetime as dt

    from volunteers.models import Match

    today = today or timezone.localdate()
    flagged = []
    for match in Match.objects.filter(status__in=Match.OPEN).select_related(
        "young_person", "volunteer__user"
    ):
        birthday = match.young_person.eighteenth_birthday()
        if match.proposed_at.date() <= birthday <= today + dt.timedelta(days=within_days):
            flagged.append((match, birthday))
    return flagged


def reviews_due(*, within_days: int = 14, today=None):
    import datetime as dt

    from volunteers.models import MatchReview

    today = today or timezone.localdate()
    return (
        MatchReview.objects.filter(
            done_on__isnull=True,
            due_on__lte=today + dt.timedelta(days=within_days),
            match__status__in=["introduced", "active", "paused"],
        )
        .select_related("match__young_person", "match__volunteer__user")
        .order_by("due_on")
    )


def volunteer_matches(volunteer):
    """What a matched volunteer may see: first name, what to know, next review. Nothing while
    the volunteer is paused or has left, and nothing of a paused match but that it is paused."""
    from volunteers.models import Match

    rows = []
    if volunteer.status != Volunteer.Status.ACTIVE:
        return rows
    for match in volunteer.matches.filter(
        status__in=[Match.Status.INTRODUCED, Match.Status.ACTIVE, Match.Status.PAUSED]
    ).select_related("young_person"):
        working = match.status in Match.WORKING
        next_review = match.reviews.filter(done_on__isnull=True).order_by("due_on").first()
        rows.append(
            {
                "match": match,
                "first_name": match.young_person.first_name,
                "must_know": match.young_person.must_know if working else "",
                "next_review": next_review if working else None,
                "can_log": working,
            }
        )
    return rows
