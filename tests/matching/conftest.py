# The volunteers' fixtures (a coordinator, a mentor, cleared volunteers) serve matching's tests.
from tests.volunteers.conftest import *  # noqa: F403
