"""Playwright (Python) driving Debian's Chromium against pytest-django's live server.

Every request stays on this machine: a dead proxy, a resolver that knows only localhost, and a
route that aborts anything not on loopback. A missing browser is a failure, never a skip.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

from django.db import connection

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=localhost;127.0.0.1",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]


@pytest.fixture
def browser(live_server):
    """One Chromium per test, started after the database is ready and stopped before it is reset:
    Playwright's event loop would otherwise hide the serialized migration data (Wagtail's root
    page, the roles) from Django's per-test restore."""
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=15_000)

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)."
        )
    # The database cache is not a model, so the per-test flush leaves it: clear it, or a one-time
    # code or rate limit from an earlier test (same ids after the flush) could refuse a sign-in.
    from django.core.cache import cache

    cache.clear()
    # Playwright's sync API keeps an event loop in this thread, so Django would refuse the test's
    # own ORM calls as "async unsafe" without this; it is removed again after the test.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def _keep_on_loopback(route):
    host = urlparse(route.request.url).hostname or ""
    if host in LOOPBACK or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def _new_page(browser, request, viewport):
    context = browser.new_context(viewport=viewport, locale="en-GB", timezone_id="Europe/London")
    context.route("**/*", _keep_on_loopback)
    page = context.new_page()
    page.set_default_timeout(30_000)  # CI shares two cores with the server and the database
    return context, page


@pytest.fixture
def page(browser, request):
    context, page = _new_page(browser, request, {"width": 1280, "height": 900})
    yield page
    _finish(request, context, page)


@pytest.fixture
def phone(browser, request):
    """A 360-pixel-wide phone screen."""
    context, page = _new_page(browser, request, {"width": 360, "height": 740})
    yield page
    _finish(request, context, page)


def _finish(request, context, page):
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        # One folder per database: CI runs the SQLite and PostgreSQL suites side by side.
        folder = SCREENSHOTS / connection.vendor
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=folder / f"{request.node.name}.png", full_page=True)
    context.close()
