"""Production. Refuses to start when required configuration is missing.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and CACHE_URL (a cache shared by all
processes: database, Redis or memcached). See README.md for every variable.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEVELOPMENT_SECRET_KEY, _room_in_the_database_cache, _tune_sqlite, env

NOLIMITS_ENVIRONMENT = "production"
DEBUG = False

SECRET_KEY = env("SECRET_KEY")
if SECRET_KEY == DEVELOPMENT_SECRET_KEY or SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY is the public development key or too short: set a random one of at least "
        "50 characters (python -c 'import secrets; print(secrets.token_urlsafe(50))')."
    )
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set the ALLOWED_HOSTS environment variable.")
DATABASES = {"default": env.db("DATABASE_URL")}
_tune_sqlite(DATABASES)
DATABASES["default"].setdefault("CONN_MAX_AGE", 60)
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

CACHES = {"default": env.cache("CACHE_URL")}
_room_in_the_database_cache(CACHES)
_PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
if CACHES["default"]["BACKEND"] in _PER_PROCESS_CACHES:
    raise ImproperlyConfigured(
        "CACHE_URL must name a cache shared by every process (dbcache://, redis:// or "
        "pymemcache://): rate limits and one-time codes depend on it."
    )

# Real money only: the demo payment gateway is refused.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET")
if not STRIPE_SECRET_KEY or not STRIPE_WEBHOOK_SECRET:
    raise ImproperlyConfigured(
        "Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET: the demo gateway is refused in production."
    )

# Admin roles always need two-factor authentication in production.
NOLIMITS_ADMIN_MFA_REQUIRED = True

# HTTPS only, behind a proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

# Static files are served by the app itself (WhiteNoise), compressed and cache-busted.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
