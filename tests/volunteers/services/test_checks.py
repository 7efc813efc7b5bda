"""DBS checks, their decision notes and mentors (volunteers.services.checks)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

import pytest

from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import DBSCheck, Volunteer

pytestmark = pytest.mark.django_db
S = Volunteer.Status
ALL = list(S)


def test_only_coordinators_record_checks(coordinator):
    volunteer = applicant()
    with pytest.raises(PermissionDenied):
        services.dbs_check_record(
            volunteer=volunteer,
            by=UserFactory(),
            level="enhanced",
            workforce="child",
            certificate_number="001234567890",
            issue_date=dt.date(2026, 1, 1),
        )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"certificate_number": "12345"}, "A DBS certificate number is 12 digits"),
        ({"certificate_number": "00123456789X"}, "A DBS certificate number is 12 digits"),
        # "tomorrow" is worked out when the test runs, not when it is collected (a run that
        # crosses midnight would otherwise ask about today).
        ({"issue_date": "tomorrow"}, "The issue date cannot be in the future."),
        (
            {"level": "enhanced_barred", "childrens_barred_list_checked": False},
            "Say which barred list was checked.",
        ),
    ],
)
def test_bad_dbs_details_are_refused_with_a_clear_message(coordinator, fields, message):
    base = {
        "level": "enhanced",
        "workforce": "child",
        "certificate_number": "001234567890",
        "issue_date": dt.date(2026, 1, 1),
    }
    if fields.get("issue_date") == "tomorrow":
        fields = {**fields, "issue_date": timezone.localdate() + dt.timedelta(days=1)}
    with pytest.raises(ValidationError, match=message):
        services.dbs_check_record(volunteer=applicant(), by=coordinator, **{**base, **fields})
    assert not DBSCheck.objects.exists()


def test_disclosure_notes_are_purged_six_months_after_the_decision(coordinator):
    volunteer = applicant()
    old = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level="enhanced",
        workforce="child",
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 1),
    )
    services.dbs_check_decide(
        check=old, by=coordinator, decision="accepted", note="Discussed a caution from 2001."
    )
    DBSCheck.objects.filter(pk=old.pk).update(decided_at=timezone.now() - dt.timedelta(days=200))
    recent = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level="enhanced",
        workforce="child",
        certificate_number="001234567891",
        issue_date=dt.date(2026, 9, 1),
    )
    services.dbs_check_decide(
        check=recent, by=coordinator, decision="accepted", note="Recent note."
    )
    assert services.purge_old_disclosure_notes() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.decision_note == "" and old.certificate_number == "001234567890"
    assert recent.decision_note == "Recent note."


def test_mentors_must_be_in_the_mentors_role(coordinator):
    with pytest.raises(ValidationError, match="is not a staff mentor"):
        services.mentor_assign(volunteer=applicant(), mentor=UserFactory(), by=coordinator)
