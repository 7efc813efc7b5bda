"""The anonymous page cache: Wagtail pages shown to visitors who are not signed in, kept whole in
the shared cache (CACHES["default"]: the database cache, or Redis when CACHE_URL says so).

Why our own middleware: Django's cache middleware varies on Cookie, so it would never hit for a
visitor with any cookie, and it caches by URL for signed-in people too; wagtail-cache 3 requires
Wagtail < 8 (see /docs/operations.md, "The page cache").

A page is kept only when every rule holds (``storable``): a GET for a Wagtail page
(``wagtail_serve``), nobody signed in, no message waiting or shown, answered 200, not streamed,
no cookie set and no CSRF token used (a form), and no query string other than a page number
of a list that has that page (so random addresses cannot fill the cache and push out rate
limits and one-time codes). Any
visitor who is signed in, or has a message waiting, is never served from it.

Invalidation is one site-wide generation number: every entry records the generation it was made
in, and ``bump()`` (publish, unpublish, move or delete a page, change site settings or the
navigation, a campaign's total changes) makes every entry stale at once. The entry and the
generation are read in one cache call.

Cache-Control says the same to a proxy in front: ``public, max-age=N`` for a page that could be
kept, ``private, no-cache`` for a page answered to a signed-in person or carrying a form.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import uuid
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.paginator import Page
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

GENERATION_KEY = "nolimits:pagecache:generation"
# Read in one call with Wagtail's own cached site root paths, so under Wagtail's key version.
VERSION = SITE_ROOT_PATHS_CACHE_VERSION
HIT_HEADER = "X-Page-Cache"


def seconds() -> int:
    return settings.NOLIMITS_PAGE_CACHE_SECONDS


def _new_generation() -> None:
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None, version=VERSION)


def bump(**_signal_kwargs) -> None:
    """Every cached page (and every process's remembered routes, nolimits.routing) is stale from
    now on: the generation is shared. Takes and ignores signal arguments, so it can be connected
    to a signal directly. Bumped again when the change commits: with Redis the first bump is
    seen at once, and a page read between it and the commit would otherwise be kept as new."""
    _new_generation()
    transaction.on_commit(_new_generation)


def chrome_key(request) -> str:
    """Where nolimits.chrome keeps this site's header and footer (read here in the same call)."""
    return f"nolimits:chrome:{request.scheme}://{request.get_host()}"


def read(request, *keys: str) -> dict:
    """One cache call for what a request needs: ``keys``, the generation (started if the cache
    has none), the header and footer, and Wagtail's site root paths, which are handed to Wagtail
    on the request so that page links do not ask the cache again. Kept on the request."""
    found = getattr(request, "nolimits_cache_found", None)
    if found is not None and all(k in found for k in keys):
        return found
    wanted = [*keys, GENERATION_KEY, chrome_key(request), SITE_ROOT_PATHS_CACHE_KEY]
    try:
        found = cache.get_many(wanted, version=VERSION)
    except UNREADABLE:
        found = _read_each(wanted)
    if GENERATION_KEY not in found:
        found[GENERATION_KEY] = uuid.uuid4().hex
        cache.set(GENERATION_KEY, found[GENERATION_KEY], None, version=VERSION)
    for key in keys:
        found.setdefault(key, None)
    root_paths = found.get(SITE_ROOT_PATHS_CACHE_KEY)
    if root_paths is not None and not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = root_paths
    request.nolimits_cache_found = found
    return found


# What unpickling an entry kept by other code (before a deploy) can raise.
UNREADABLE = (pickle.UnpicklingError, AttributeError, ImportError, EOFError, TypeError, ValueError)


def _read_each(keys: list[str]) -> dict:
    """The entries that can still be read, one at a time; one that cannot is deleted."""
    found = {}
    for key in keys:
        try:
            value = cache.get(key, version=VERSION)
        except UNREADABLE:
            cache.delete(key, version=VERSION)
            continue
        if value is not None:
            found[key] = value
    return found


def keep(key: str, value, timeout: int | None) -> None:
    cache.set(key, value, timeout, version=VERSION)


def _key(request) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    # v2: an entry holds its headers (a v1 entry, kept before the page cache moved first in the
    # middleware, had only its content type and would be answered without CSP).
    return "nolimits:page:v2:" + hashlib.sha256(address.encode()).hexdigest()


# 1 to 999,999,999 in ASCII digits, no leading zero: not "03", "²" or "٣" (str.isdigit() says yes
# to those, and int() refuses some of them).
PLAIN_PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def _plain_address(request) -> bool:
    """No query string, or only a page number written plainly (?page=3, not ?page=03)."""
    params = request.GET
    if not params:
        return True
    return list(params) == ["page"] and len(params.getlist("page")) == 1 and bool(
        PLAIN_PAGE_NUMBER.fullmatch(params["page"])
    )


def _page_number_shown(request, response) -> bool:
    """An address with ?page=N is kept only when it shows page N of a list. Past the last page
    (a list shows its last), or on a page with no list, every number would be one more entry
    for the same content, and a run of numbers would fill the cache until it pushed out what
    else it holds (rate limits and one-time codes)."""
    number = request.GET.get("page")
    if number is None:
        return True
    context = getattr(response, "context_data", None) or {}
    return any(isinstance(v, Page) and str(v.number) == number for v in context.values())


def _signed_in_or_messages(request) -> bool:
    """Someone signed in, or a message waiting, for this visitor. Asked before Django's session
    and authentication middleware run (the page cache sits first, so a kept page skips them):
    a visitor with no session cookie is nobody; with one, their session is read to see."""
    if request.COOKIES.get(CookieStorage.cookie_name):  # an emptied cookie means none
        return True
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    session = import_module(settings.SESSION_ENGINE).SessionStore(key)
    return SESSION_KEY in session or "_messages" in session


def addresses_a_wagtail_page(request) -> bool:
    """The address is Wagtail's (not /healthz, the admin, an account page or any other view), so
    nothing else ever reads the cache before its own view runs (/healthz must answer 503 when the
    database, which is also the cache, is down)."""
    found = getattr(request, "_nolimits_wagtail_address", None)
    if found is None:
        try:
            found = resolve(request.path_info).url_name == "wagtail_serve"
        except Resolver404:
            found = False
        request._nolimits_wagtail_address = found
    return found


def servable(request) -> bool:
    """May this request be answered from the cache?"""
    return (
        seconds() > 0
        and request.method in ("GET", "HEAD")
        and _plain_address(request)
        and addresses_a_wagtail_page(request)
        and not _signed_in_or_messages(request)
    )


def _messages_used(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and (bool(storage._queued_messages) or storage.used)


def is_wagtail_page(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return match is not None and match.url_name == "wagtail_serve"


def storable(request, response) -> bool:
    """May this response be kept and shown to other visitors?"""
    return (
        request.method == "GET"
        and is_wagtail_page(request)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not request.user.is_authenticated
        and not _messages_used(request)
        and b"csrfmiddlewaretoken" not in response.content
        and not response.has_header("Cache-Control")
        and _page_number_shown(request, response)
    )


# Headers a kept page is shown with again: all it was answered with, but for cookies (never kept:
# a response that set one is not kept at all) and the cache's own.
NOT_KEPT_HEADERS = frozenset({"set-cookie", "cache-control", HIT_HEADER.lower()})


class PageCacheMiddleware:
    """Serves and keeps anonymous Wagtail pages; sets Cache-Control on every Wagtail page.

    Sits first, just inside the security middleware (and WhiteNoise in production), so a kept
    page is answered without the session, authentication, messages or CSP middleware running:
    it is shown with the headers it was first answered with (the same nonce-free policy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = None
        if servable(request):
            key = _key(request)
            found = read(request, key)
            generation = found[GENERATION_KEY]
            entry = found[key]
            if entry and entry["generation"] == generation:
                return self._from_cache(entry)
        response = self.get_response(request)
        if not is_wagtail_page(request):
            return response
        if key is not None and storable(request, response):
            patch_cache_control(response, public=True, max_age=seconds())
            entry = {
                "generation": generation,
                "content": response.content,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in NOT_KEPT_HEADERS
                ],
            }
            keep(key, entry, seconds())
            response[HIT_HEADER] = "miss"
        elif not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def _from_cache(self, entry) -> HttpResponse:
        response = HttpResponse(entry["content"])
        for name, value in entry.get("headers", ()):
            response[name] = value
        patch_cache_control(response, public=True, max_age=seconds())
        response[HIT_HEADER] = "hit"
        return response
