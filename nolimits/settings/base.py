"""Settings shared by every environment.

Every value comes from the environment through one helper, ``env`` (django-environ).
Development defaults live here; ``production.py`` removes them for secrets.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "nolimits"

env = environ.Env()
# A local .env file is read if present (never committed); real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Which settings module is running: "dev", "test" or "production". Used to refuse demo
# tools (load_demo, the demo payment gateway) in production.
NOLIMITS_ENVIRONMENT = "dev"

DEBUG = env.bool("DEBUG", default=False)
# The development key is public (it is in this file): production.py refuses it.
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789"  # noqa: S105
SECRET_KEY = env("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Ours first, so our templates override those of the apps below.
    "nolimits.apps.NoLimitsConfig",
    "pledges",
    "volunteers",
    "matching",
    "grants",
    "impact",
    "dataprotection",
    # Wagtail (users is replaced by our config, which knows the custom user fields)
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "nolimits.apps.NoLimitsUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Background jobs
    "django_q",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nolimits.middleware.AdminRequiresMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "nolimits.urls"
WSGI_APPLICATION = "nolimits.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite by default; PostgreSQL when DATABASE_URL says so (postgres://user:pass@host:5432/name).
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}


def _tune_sqlite(databases: dict) -> None:
    """Make SQLite safe for a web server and a worker writing at once.

    IMMEDIATE transactions take the write lock up front, so the busy timeout applies instead of
    an instant "database is locked" on a read-to-write upgrade; WAL lets readers run beside a
    writer. See docs/operations.md.
    """
    for db in databases.values():
        if db["ENGINE"] == "django.db.backends.sqlite3":
            options = db.setdefault("OPTIONS", {})
            options.setdefault("transaction_mode", "IMMEDIATE")
            options.setdefault("timeout", 20)
            options.setdefault(
                "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            )


_tune_sqlite(DATABASES)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# Shared by every process (web workers and the django-q2 cluster): allauth's rate limits and
# its single-use TOTP marker live here, so a per-process cache would weaken both.
CACHES = {"default": env.cache("CACHE_URL", default="dbcache://nolimits_cache")}


def _room_in_the_database_cache(caches: dict) -> None:
    """Django's database cache keeps 300 entries and then deletes a third of them, lowest keys
    first: allauth's rate limits (":1:allauth:...") before anything else. The page cache keeps
    one entry per page a visitor reads, so a site of a few hundred pages would push the rate
    limits out as it was read. Room for the pages a council site has, many times over."""
    for cache in caches.values():
        if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache":
            cache.setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 50_000)


_room_in_the_database_cache(CACHES)

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "nolimits.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "nolimits.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "nolimits.forms.SignupProfileForm"
ACCOUNT_FORMS = {
    "signup": "nolimits.account_forms.SignupForm",
    "login": "nolimits.account_forms.LoginForm",
}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[No Limits] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = env("ACCOUNT_DEFAULT_HTTP_PROTOCOL", default="http")
ACCOUNT_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = ACCOUNT_TRUSTED_PROXY_COUNT
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "No Limits"
MFA_TRUST_ENABLED = False
USERSESSIONS_TRACK_ACTIVITY = False

# Council policy (VERIFY): staff in admin roles must use two-factor authentication before any
# admin page opens. Always on in production; may be switched off only for a local demo.
NOLIMITS_ADMIN_MFA_REQUIRED = env.bool("ADMIN_MFA_REQUIRED", default=True)

# --- Email ----------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587. Default: print to the console.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="No Limits <no-reply@nolimits.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# --- Outbox (nolimits/mail.py): every email and text message is a row, sent by a task --------
# Django's own mail (allauth) goes through the outbox too; the worker delivers with the backend
# EMAIL_URL chose, waiting at most EMAIL_TIMEOUT seconds for the server.
NOLIMITS_EMAIL_DELIVERY_BACKEND = EMAIL_BACKEND  # noqa: F821 (set by env.email_url above)
EMAIL_BACKEND = "nolimits.mail.OutboxBackend"
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
NOLIMITS_OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=6)
NOLIMITS_OUTBOX_FIRST_RETRY_SECONDS = 60  # then 2, 4, 8, 16 minutes
# GOV.UK Notify: with an API key, every email and text goes through Notify instead of SMTP.
# Notify sends from templates: make an email template whose subject is ((subject)) and body
# ((body)), and a text message template whose body is ((body)), and give their ids.
GOVUK_NOTIFY_API_KEY = env("GOVUK_NOTIFY_API_KEY", default="")
GOVUK_NOTIFY_EMAIL_TEMPLATE_ID = env("GOVUK_NOTIFY_EMAIL_TEMPLATE_ID", default="")
GOVUK_NOTIFY_SMS_TEMPLATE_ID = env("GOVUK_NOTIFY_SMS_TEMPLATE_ID", default="")
GOVUK_NOTIFY_BASE_URL = env("GOVUK_NOTIFY_BASE_URL", default="https://api.notifications.service.gov.uk")
# A pending or failed Stripe event, queued task or outbox message older than this is counted on
# the dashboards and makes /healthz say "degraded".
NOLIMITS_STALE_MINUTES = env.int("STALE_MINUTES", default=10)
# Each app's own "waiting too long" count: label -> function(before=datetime) -> int.
NOLIMITS_STALE_CHECKS = {
    "Stripe events waiting or failed": "pledges.selectors.stale_stripe_events",
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Applicants' and volunteers' uploads: never under MEDIA_ROOT, served only by checking views.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "No Limits"
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # passwords are changed through allauth
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILSEARCH_HITS_MAX_AGE = 7
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_PRIVATE_COLLECTION_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)

# Content Security Policy (django-csp 4). Public pages get a strict policy: scripts only from our
# own static files (no inline script, so no per-request nonce a cached page could leak). The
# Wagtail admin is not strict-CSP clean (wagtail#1288), so /admin/ and /django-admin/ are left
# to Django's other protections; see docs/operations.md.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": [NONE],
    },
}

# --- Background jobs (django-q2, ORM broker on the default database) --------------------------
# retry must exceed timeout (a system check enforces it); max_attempts caps retries so a failing
# task is not re-presented for ever. Run exactly one qcluster on SQLite.
Q_CLUSTER = {
    "name": "nolimits",
    "orm": "default",
    "workers": env.int("Q_WORKERS", default=2),
    "timeout": 120,
    "retry": 180,
    "max_attempts": 5,
    "ack_failures": True,
    "catch_up": False,
    "poll": 0.5,
    "save_limit": 500,
    "label": "Background jobs",
}
# How often the worker records a heartbeat, and how old it may be before /healthz says 503.
NOLIMITS_HEARTBEAT_MINUTES = 1
NOLIMITS_WORKER_STALE_SECONDS = env.int("WORKER_STALE_SECONDS", default=180)

# --- Giving (Stripe) ------------------------------------------------------------------------
# With no STRIPE_SECRET_KEY a demo gateway stands in for Stripe ("demo — no real money").
# Production refuses to start without both keys.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# --- Giving: a Stripe test double, and how far the daily reconciliation looks back ---
# STRIPE_API_BASE: unset means Stripe itself; e.g. http://127.0.0.1:12111 for a local double.
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
# Direct Debit takes up to 7 working days and Smart Retries about two weeks; Stripe keeps 30 days
# of events, so the reconciliation cannot usefully look further back than 30.
STRIPE_RECONCILE_DAYS = env.int("STRIPE_RECONCILE_DAYS", default=30)

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail's own background tasks (search and reference index) log every run at INFO.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

# --- Rate limits (nolimits/ratelimit.py): forms that write data without staff review ---------
RATE_LIMITS = {
    "grants.start_for_young_person": env.str("RATE_LIMIT_START_FOR_YOUNG_PERSON", default="10/h"),
    # Open without an account: a worker's referral, a come-along booking.
    "volunteers.refer": env.str("RATE_LIMIT_REFER", default="5/h"),
    "volunteers.book": env.str("RATE_LIMIT_BOOK", default="10/h"),
    # A person asking for their own copy of their data (dataprotection.access).
    "dataprotection.own_copy": env.str("RATE_LIMIT_OWN_COPY", default="3/d"),
}

# --- Working days (nolimits/working_days.py): UK bank holidays from the `holidays` library ---
# Which UK nation's bank holidays count: ENG (England), WLS, SCT or NIR. VERIFY with the council.
BANK_HOLIDAYS_SUBDIVISION = env.str("BANK_HOLIDAYS_SUBDIVISION", default="ENG")

# --- Impact (impact/figures/): counts from 1 to this minus one are shown to the public as
# "fewer than N", so a small number cannot point to a young person (0 stays 0). ---
IMPACT_SMALL_NUMBER_THRESHOLD = env.int("IMPACT_SMALL_NUMBER_THRESHOLD", default=5)

# --- Impact page (impact/public_figures.py): how long its figures are kept in the cache before
# they are counted again (a key per page and period; publishing the page forgets them). ---
IMPACT_PAGE_CACHE_SECONDS = env.int("IMPACT_PAGE_CACHE_SECONDS", default=900)
# --- Page cache (nolimits/pagecache.py): Wagtail pages for visitors who are not signed in -------
# Kept in CACHES["default"] for this many seconds (0 switches the cache off); the same figure is
# the Cache-Control max-age a proxy in front (nginx, a CDN) may keep them for. See operations.md.
NOLIMITS_PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# First, just inside the security middleware (production puts WhiteNoise before it): a kept page
# is answered before sessions, authentication, messages and CSP run, with the headers it was
# first answered with. Wagtail's routing, remembered per process for a generation (routing.py),
# is prepared where the page cache used to sit, inside the CSP middleware.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "nolimits.pagecache.PageCacheMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1, "nolimits.routing.RoutingMiddleware")
# Wagtail's frontend-cache purging, off unless FRONTEND_CACHE_PURGE_URL names the proxy's purge
# address (HTTP PURGE, e.g. Varnish or nginx with a purge module): publish, unpublish and move
# then purge that page's address there too.
FRONTEND_CACHE_PURGE_URL = env("FRONTEND_CACHE_PURGE_URL", default="")
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
# --- Retention (dataprotection/retention.py): how long each kind of record is kept. Council
# policy choices (VERIFY with the DPO), each with the safer (shorter) default the law allows;
# Gift Aid and payment records follow HMRC: six years after the accounting period ends. ---
RETENTION_ACCOUNTING_YEAR_END_MONTH = env.int("RETENTION_ACCOUNTING_YEAR_END_MONTH", default=3)
RETENTION_GIFT_AID_YEARS = env.int("RETENTION_GIFT_AID_YEARS", default=6)
RETENTION_PAYMENT_YEARS = env.int("RETENTION_PAYMENT_YEARS", default=6)
RETENTION_UNUSED_ACCOUNT_DAYS = env.int("RETENTION_UNUSED_ACCOUNT_DAYS", default=90)
RETENTION_DORMANT_ACCOUNT_DAYS = env.int("RETENTION_DORMANT_ACCOUNT_DAYS", default=3 * 365)
RETENTION_VOLUNTEER_LEFT_DAYS = env.int("RETENTION_VOLUNTEER_LEFT_DAYS", default=365)
RETENTION_DBS_NOTE_DAYS = env.int("RETENTION_DBS_NOTE_DAYS", default=183)
RETENTION_SESSION_NOTE_DAYS = env.int("RETENTION_SESSION_NOTE_DAYS", default=365)
RETENTION_EXPENSE_RECEIPT_DAYS = env.int("RETENTION_EXPENSE_RECEIPT_DAYS", default=730)
RETENTION_REFERRAL_UNMATCHED_DAYS = env.int("RETENTION_REFERRAL_UNMATCHED_DAYS", default=365)
RETENTION_YOUNG_PERSON_DAYS = env.int("RETENTION_YOUNG_PERSON_DAYS", default=365)
RETENTION_BOOKING_DAYS = env.int("RETENTION_BOOKING_DAYS", default=90)
RETENTION_OUTBOX_DAYS = env.int("RETENTION_OUTBOX_DAYS", default=90)
RETENTION_STRIPE_EVENT_DAYS = env.int("RETENTION_STRIPE_EVENT_DAYS", default=90)
RETENTION_AUDIT_LOG_DAYS = env.int("RETENTION_AUDIT_LOG_DAYS", default=730)
RETENTION_DRAFT_APPLICATION_DAYS = env.int("RETENTION_DRAFT_APPLICATION_DAYS", default=180)
# --- Data protection: access and erasure (dataprotection/access.py, erasure.py) ---
# How long the emailed link to a person's own copy of their data works, in days; the copy is
# deleted from storage a day after (dataprotection.tasks.delete_expired_copies). VERIFY with
# the DPO.
DATAPROTECTION_LINK_DAYS = env.int("DATAPROTECTION_LINK_DAYS", default=7)
