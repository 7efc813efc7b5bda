"""Production settings refuse to start without their configuration, and pass --deploy cleanly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

GOOD = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "nolimits.example.org",
    "DATABASE_URL": "sqlite:////tmp/nolimits-deploy-check.sqlite3",
    "CACHE_URL": "dbcache://nolimits_cache",
    "STRIPE_SECRET_KEY": "sk_test_not_a_real_key",
    "STRIPE_WEBHOOK_SECRET": "whsec_not_a_real_secret",
}


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unwanted = {*GOOD, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unwanted}
    clean["DJANGO_SETTINGS_MODULE"] = "nolimits.settings.production"
    clean.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **GOOD)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "CACHE_URL",
        "STRIPE_SECRET_KEY",
        "STRIPE_WEBHOOK_SECRET",
    ],
)
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in GOOD.items() if k != missing}
    result = _manage("check", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


@pytest.mark.parametrize("cache", ["locmemcache://", "dummycache://"])
def test_production_settings_refuse_a_cache_that_is_not_shared(cache):
    result = _manage("check", **{**GOOD, "CACHE_URL": cache})
    assert result.returncode != 0
    assert "shared by every process" in result.stderr


def test_production_gives_the_database_cache_room_for_the_kept_pages():
    """At Django's 300 entries a few hundred kept pages pushed allauth's rate limits out."""
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CACHES['default']['OPTIONS'])",
        **GOOD,
    )
    assert result.returncode == 0, result.stderr
    assert "'MAX_ENTRIES': 50000" in result.stdout


def test_production_settings_force_admin_two_factor_on():
    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.NOLIMITS_ADMIN_MFA_REQUIRED)",
        **GOOD,
        ADMIN_MFA_REQUIRED="false",
    )
    assert result.stdout.strip().endswith("True"), result.stderr


def test_sqlite_is_tuned_for_a_web_server_and_a_worker_at_once():
    from nolimits.settings.base import _tune_sqlite

    databases = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x.sqlite3"},
        "pg": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"},
    }
    _tune_sqlite(databases)
    options = databases["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 5
    assert "journal_mode=WAL" in options["init_command"]
    assert "OPTIONS" not in databases["pg"]


@pytest.mark.parametrize(
    "key",
    ["dev-only-insecure-key-never-use-in-production-0123456789", "short-but-random-Zx81"],
)
def test_production_settings_refuse_the_development_or_a_short_secret_key(key):
    result = _manage("check", **{**GOOD, "SECRET_KEY": key})
    assert result.returncode != 0
    assert "SECRET_KEY is the public development key or too short" in result.stderr
