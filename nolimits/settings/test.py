"""Settings for pytest. The database is SQLite unless DATABASE_URL names PostgreSQL."""

from .base import *  # noqa: F403
from .base import Q_CLUSTER

NOLIMITS_ENVIRONMENT = "test"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The outbox delivers (synchronously, see Q_CLUSTER below) into Django's test mailbox.
NOLIMITS_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
GOVUK_NOTIFY_API_KEY = ""
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run at once, in the test's own process and transaction.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
NOLIMITS_ADMIN_MFA_REQUIRED = True
WAGTAILADMIN_BASE_URL = "http://testserver"

import tempfile  # noqa: E402

PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="nolimits-test-private-")
