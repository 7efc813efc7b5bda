"""The named rules in volunteers/permissions.py, checked against the roles as the data
migrations grant them (not against permissions made up for the test)."""

from django.utils import timezone

import pytest

from nolimits import roles
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import permissions, services
from volunteers.models import VolunteeringSettings

pytestmark = pytest.mark.django_db


def test_each_role_opens_only_its_own_volunteering_screens(coordinator):
    finance, mentor = UserFactory(roles=[roles.FINANCE]), UserFactory(roles=[roles.MENTORS])
    other = UserFactory()
    assert permissions.can_manage(coordinator) == (True, "")
    assert permissions.can_manage(finance) == (False, "Only volunteer coordinators can do that.")
    assert [permissions.is_coordinator(u) for u in (coordinator, finance, mentor, other)] == [
        True,
        False,
        False,
        False,
    ]
    assert permissions.can_decide_expenses(coordinator) == (True, "")
    assert permissions.can_decide_expenses(finance) == (
        False,
        "Only coordinators can approve or refuse expenses.",
    )
    assert [permissions.can_open_files(u) for u in (coordinator, finance, mentor)] == [
        True,
        False,
        False,
    ]
    assert [permissions.can_see_dbs(u) for u in (coordinator, finance, mentor)] == [
        True,
        False,
        False,
    ]


def test_a_receipt_is_for_the_claimant_coordinators_and_finance(coordinator):
    volunteer = applicant()
    session = services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=30,
        what_happened="Chess",
    )
    claim = services.expense_claim(
        session=session,
        by=volunteer.user,
        kind="mileage",
        description="Drive",
        limits=VolunteeringSettings(),
        miles=3,
    )
    finance, other = UserFactory(roles=[roles.FINANCE]), applicant().user
    assert [
        permissions.can_see_receipt(u, claim) for u in (volunteer.user, coordinator, finance)
    ] == [
        True,
        True,
        True,
    ]
    assert not permissions.can_see_receipt(other, claim)
