import datetime as dt

from django.utils import timezone

import pytest

from nolimits import roles
from tests.factories import UserFactory
from volunteers import services
from volunteers.models import DBSCheck, Handbook, TrainingCourse, Volunteer

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def coordinator(db):
    return UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])


def plain_name(user):
    """Faker sometimes gives names like O'Brien, which pages show HTML-escaped; tests that look
    for a name in a page use names without an apostrophe."""
    if "'" in user.full_name:
        user.full_name = user.full_name.replace("'", "")
        user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def mentor(db):
    return plain_name(UserFactory(roles=[roles.MENTORS]))


@pytest.fixture
def induction(db):
    return TrainingCourse.objects.create(
        name="2-day induction with safeguarding", valid_for_months=36, required=True
    )


@pytest.fixture
def handbook(db):
    return Handbook.objects.create(
        version="2026.1", summary="First edition", published_on=dt.date(2026, 1, 1)
    )


def applicant(**overrides) -> Volunteer:
    user = overrides.pop("user", None) or plain_name(UserFactory())
    return services.volunteer_apply(
        user=user,
        route=overrides.get("route", Volunteer.Route.ONE_TO_ONE),
        interests="football, cooking",
        availability="Tuesday evenings",
        area="Thamesbrook",
        experience="",
        volunteering_in_paid_time=False,
        referees=[
            {"name": "Rita Referee", "email": "rita@example.org", "relationship": "line manager"},
            {"name": "Rob Referee", "email": "rob@example.org", "relationship": "colleague"},
        ],
    )


def make_cleared(
    volunteer,
    *,
    coordinator,
    mentor,
    induction,
    handbook,
    issue=dt.date(2025, 6, 1),
    trained=dt.date(2025, 7, 1),
    workforce="both",
):
    """Every record a coordinator makes before approval, then the approval itself."""
    for ref in volunteer.references.all():
        services.reference_record(
            reference=ref, by=coordinator, outcome="satisfactory", received_on=issue
        )
    services.interview_record(volunteer=volunteer, by=coordinator, done_on=issue)
    check = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level=DBSCheck.Level.ENHANCED_BARRED,
        workforce=workforce,
        childrens_barred_list_checked=True,
        certificate_number="001234567890",
        issue_date=issue,
    )
    services.dbs_check_decide(check=check, by=coordinator, decision="accepted")
    services.training_record_add(
        volunteer=volunteer, course=induction, completed_on=trained, by=coordinator
    )
    services.handbook_accept(volunteer=volunteer, by=volunteer.user)
    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    for stage in ("references", "dbs", "training", "active"):
        services.volunteer_move(
            volunteer=volunteer, to=stage, by=coordinator, reason=f"Ready for {stage}"
        )
    volunteer.refresh_from_db()
    return check


@pytest.fixture
def now():
    return timezone.now()
