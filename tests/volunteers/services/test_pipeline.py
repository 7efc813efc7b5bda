"""Every pipeline move, allowed and refused, logged with who and why (volunteers.services.pipeline)."""

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db
S = Volunteer.Status
ALL = list(S)


@pytest.mark.parametrize("start", ALL)
@pytest.mark.parametrize("to", ALL)
def test_every_transition_is_allowed_or_refused_by_the_table(coordinator, start, to):
    volunteer = applicant()
    Volunteer.objects.filter(pk=volunteer.pk).update(status=start)
    volunteer.refresh_from_db()
    allowed = to in Volunteer.TRANSITIONS[start] and to != S.ACTIVE  # approval has its own test
    if allowed:
        services.volunteer_move(volunteer=volunteer, to=to, by=coordinator, reason="Checked")
        volunteer.refresh_from_db()
        assert volunteer.status == to
        change = volunteer.status_changes.get()
        assert (change.from_status, change.to_status, change.by, change.reason) == (
            start,
            to,
            coordinator,
            "Checked",
        )
    else:
        with pytest.raises(ValidationError):
            services.volunteer_move(volunteer=volunteer, to=to, by=coordinator, reason="Checked")
        volunteer.refresh_from_db()
        assert volunteer.status == start
        assert not volunteer.status_changes.exists()


def test_approval_is_refused_with_the_reasons_until_everything_is_in_place(
    coordinator, induction, handbook
):
    volunteer = applicant()
    Volunteer.objects.filter(pk=volunteer.pk).update(status=S.TRAINING)
    volunteer.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.volunteer_move(volunteer=volunteer, to=S.ACTIVE, by=coordinator, reason="Approve")
    assert "No DBS check has been recorded yet." in error.value.messages
    assert Volunteer.objects.get(pk=volunteer.pk).approved_at is None


def test_a_volunteer_may_withdraw_but_not_move_themselves_on(coordinator):
    volunteer = applicant()
    with pytest.raises(PermissionDenied):
        services.volunteer_move(
            volunteer=volunteer, to=S.REFERENCES, by=volunteer.user, reason="I am ready"
        )
    services.volunteer_withdraw(volunteer=volunteer, by=volunteer.user, reason="Too busy this year")
    volunteer.refresh_from_db()
    assert volunteer.status == S.LEFT


def test_a_reason_is_required(coordinator):
    with pytest.raises(ValidationError, match="Give a reason"):
        services.volunteer_move(volunteer=applicant(), to=S.REFERENCES, by=coordinator, reason="  ")


def test_only_staff_and_councillors_apply_and_only_once():
    young = UserFactory(kind="young_person", directorate="")
    with pytest.raises(ValidationError, match="for council staff and councillors"):
        applicant(user=young)
    volunteer = applicant()
    with pytest.raises(ValidationError, match="already applied"):
        applicant(user=volunteer.user)
