from tests.grants.services.conftest import application, chair, fund  # noqa: F401
