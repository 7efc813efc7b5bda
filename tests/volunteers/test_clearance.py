"""The clearance rule as a table of cases: each missing piece gives its own plain reason."""

import datetime as dt

import pytest

from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services
from volunteers.clearance import clearance
from volunteers.models import DBSStatusCheck, Handbook, Volunteer

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def cleared(coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    return volunteer


def test_a_volunteer_with_everything_in_place_is_cleared(cleared):
    result = clearance(cleared, on=TODAY)
    assert result.cleared and result.reasons == []
    assert clearance(cleared, on=TODAY, young_person_age=15)
    assert clearance(cleared, on=TODAY, young_person_age=20)


def test_a_new_applicant_gets_every_reason(induction, handbook):
    result = clearance(applicant(), on=TODAY)
    assert not result
    assert result.reasons == [
        "Volunteering is at the stage: applied.",
        "No DBS check has been recorded yet.",
        "0 of 2 references have come back satisfactory.",
        "The interview has not happened yet.",
        "The 2-day induction with safeguarding has not been done yet.",
        "The volunteers' handbook (2026.1) has not been accepted yet.",
        "No staff mentor has been assigned yet.",
        "A coordinator has not approved the volunteer yet.",
    ]


CASES = [
    (
        "training expired",
        lambda v, c: None,
        dt.date(2028, 7, 2),
        None,
        "The 2-day induction with safeguarding expired on 1 July 2028.",
    ),
    (
        "DBS due for renewal",
        lambda v, c: None,
        dt.date(2028, 6, 1),
        None,
        "The DBS check was due to be renewed on 1 June 2028.",
    ),
    (
        "update service new info",
        lambda v, c: DBSStatusCheck.objects.create(
            dbs_check=c, result="NEW_INFO", checked_on=TODAY, checked_by=v.user
        ),
        TODAY,
        None,
        "The DBS Update Service check on 22 November 2026 said: new information: ask for a new check.",
    ),
    (
        "certificate with content, no risk assessment",
        lambda v, c: c.__class__.objects.filter(pk=c.pk).update(has_content=True),
        TODAY,
        None,
        "The DBS certificate has content and no risk assessment has been approved.",
    ),
    (
        "not enhanced",
        lambda v, c: c.__class__.objects.filter(pk=c.pk).update(level="standard"),
        TODAY,
        None,
        "The DBS check is not an enhanced check.",
    ),
    (
        "adult-only check, young person under 18",
        lambda v, c: c.__class__.objects.filter(pk=c.pk).update(workforce="adult"),
        TODAY,
        16,
        "The DBS check does not cover work with children (child workforce and children's barred list).",
    ),
    (
        "child-only check, care leaver over 18",
        lambda v, c: c.__class__.objects.filter(pk=c.pk).update(workforce="child"),
        TODAY,
        19,
        "The DBS check does not cover work with adults (care leavers aged 18 or over).",
    ),
    (
        "paused",
        lambda v, c: Volunteer.objects.filter(pk=v.pk).update(status="paused"),
        TODAY,
        None,
        "Volunteering is at the stage: paused.",
    ),
    (
        "no mentor",
        lambda v, c: Volunteer.objects.filter(pk=v.pk).update(mentor=None),
        TODAY,
        None,
        "No staff mentor has been assigned yet.",
    ),
    (
        "new handbook not accepted",
        lambda v, c: Handbook.objects.create(
            version="2027.1", summary="x", published_on=dt.date(2026, 11, 1)
        ),
        TODAY,
        None,
        "The volunteers' handbook (2027.1) has not been accepted yet.",
    ),
    (
        "referee concerns",
        lambda v, c: v.references.filter(pk=v.references.first().pk).update(outcome="concerns"),
        TODAY,
        None,
        "A referee raised concerns.",
    ),
]


@pytest.mark.parametrize(
    ("name", "change", "on", "age", "reason"), CASES, ids=[c[0] for c in CASES]
)
def test_each_gap_is_named(cleared, name, change, on, age, reason):
    check = cleared.dbs_checks.get()
    change(cleared, check)
    cleared.refresh_from_db()
    result = clearance(cleared, on=on, young_person_age=age)
    assert not result
    assert reason in result.reasons, result.reasons


def test_an_approved_risk_assessment_clears_a_certificate_with_content(cleared, coordinator):
    check = cleared.dbs_checks.get()
    check.__class__.objects.filter(pk=check.pk).update(has_content=True)
    check.refresh_from_db()
    services.dbs_risk_assessment_approve(check=check, by=coordinator)
    assert clearance(cleared, on=TODAY)


def test_a_status_check_with_new_information_suspends_the_volunteer(cleared, coordinator):
    services.dbs_status_check_record(
        check=cleared.dbs_checks.get(), by=coordinator, result="NEW_INFO", checked_on=TODAY
    )
    cleared.refresh_from_db()
    assert cleared.status == Volunteer.Status.PAUSED
    assert cleared.status_changes.last().reason.startswith("Suspended: DBS Update Service")
