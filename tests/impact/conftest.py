from tests.grants.services.conftest import application, chair, fund  # noqa: F401
from tests.volunteers.conftest import coordinator, handbook, induction, mentor  # noqa: F401
