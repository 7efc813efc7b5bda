# The volunteers' fixtures (a coordinator, a mentor, cleared volunteers) serve matching's tests.
import pytest

from tests.volunteers.conftest import *  # noqa: F403
from tests.volunteers.conftest import applicant, make_cleared
from volunteers.models import Volunteer


@pytest.fixture
def cleared_volunteer(coordinator, mentor, induction, handbook):
    """Volunteers cleared through the real services, with any fields set afterwards."""

    def make(**fields):
        volunteer = applicant()
        make_cleared(
            volunteer,
            coordinator=coordinator,
            mentor=mentor,
            induction=induction,
            handbook=handbook,
        )
        Volunteer.objects.filter(pk=volunteer.pk).update(**fields)
        volunteer.refresh_from_db()
        return volunteer

    return make
