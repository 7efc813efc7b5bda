"""Wagtail's routing, remembered in each process for as long as the page cache's generation lasts.

A public page used to spend most of its queries finding itself: the site for the host name, the
site's root page and its specific page, each level of the address and its specific page, the
page's ancestors (to resolve aliases) and their view restrictions, and the ancestors again for
the breadcrumbs: 7 of a content page's 8 queries, and about half its time was Django compiling
them (issue 17's profile). None of that changes until an editor publishes, unpublishes, moves
or deletes a page, changes a site or a page's privacy, and each of those already bumps the page
cache's generation (nolimits.pagecache.bump), read once per request with the header and footer.

So the first request for an address after a bump routes it with Wagtail's own code
(``Page.route_for_request``) and this process remembers the answer: which page (its id and
specific class), the arguments Wagtail routed with, whether any view restriction applies, and
the breadcrumbs' labels and addresses. Later requests in the same generation load only the page
itself (one query, a fresh instance for every request, so nothing is shared between requests or
threads but plain values) and hand it to Wagtail the way Wagtail caches its own route on the
request (``request._wagtail_route_for_request``, ``request._wagtail_site``). A page with a view
restriction on it or an ancestor is always checked by Wagtail in full.

What is remembered is per process and bounded (``MAX_ROUTES``); an address that finds no page is
never remembered, so random addresses cannot fill it, nor is a routable page's (its routed view
is bound to one page instance).
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass

from django.http.request import split_domain_port
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from nolimits import pagecache

MAX_ROUTES = 5000
MAX_SITES = 50


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str


@dataclass(frozen=True)
class Route:
    page_id: int
    model: type
    args: tuple
    kwargs: dict
    restricted: bool
    breadcrumbs: tuple[Crumb, ...]


class _Generation:
    """This process's routes for one generation of the page cache. A request keeps the one it
    started with, so what it learns after a bump lands in a discarded object, never in the new
    generation's (a route learnt before a page became private must not outlive the bump)."""

    def __init__(self, generation: str | None):
        self.generation = generation
        self.sites: dict[tuple, Site | None] = {}
        self.routes: dict[tuple, Route] = {}


class _Memory:
    def __init__(self):
        self.lock = threading.Lock()
        self.current = _Generation(None)

    def for_generation(self, generation: str) -> _Generation:
        current = self.current
        if current.generation != generation:
            with self.lock:
                if self.current.generation != generation:
                    self.current = _Generation(generation)
                current = self.current
        return current

    @property
    def routes(self) -> dict:
        return self.current.routes


MEMORY = _Memory()


def forget() -> None:
    """Forget every route in this process (tests; a bump does the same for every process)."""
    MEMORY.current = _Generation(None)


def _site_key(request) -> tuple:
    """What Wagtail finds a site by (``Site._find_for_request``)."""
    return (split_domain_port(request._get_raw_host())[0], request.get_port())


def breadcrumbs_of(page, request) -> tuple[Crumb, ...]:
    """The ancestors below the root, as the breadcrumbs show them (the site's root as "Home")."""
    return tuple(
        Crumb("Home" if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request) or "")
        for ancestor in page.get_ancestors()
        if not ancestor.is_root()
    )


def _learn(request, path: str, key: tuple, memory: _Generation) -> None:
    result = Page.route_for_request(request, path)  # Wagtail's own routing, in full
    if result is None:
        return
    page, args, kwargs = result
    if isinstance(page, RoutablePageMixin):
        # Its routed view is a method bound to this request's page instance: not kept, so no
        # instance is ever shared between requests (such pages are few: the privacy notice).
        return
    route = Route(
        page_id=page.pk,
        model=type(page),
        args=tuple(args),
        kwargs=dict(kwargs),
        restricted=page.get_view_restrictions().exists(),
        breadcrumbs=breadcrumbs_of(page, request),
    )
    request.nolimits_route = route
    if len(memory.routes) < MAX_ROUTES:
        memory.routes[key] = route


def prepare(request, path: str) -> None:
    """Give Wagtail this request's site and route from memory, or route it and remember."""
    generation = pagecache.read(request)[pagecache.GENERATION_KEY]
    memory = MEMORY.for_generation(generation)
    site_key = _site_key(request)
    if site_key in memory.sites:
        # A copy for this request: Wagtail keeps the root page and its specific page on it.
        request._wagtail_site = copy.deepcopy(memory.sites[site_key])
    else:
        site = Site.find_for_request(request)
        if len(memory.sites) < MAX_SITES:  # host names are few (ALLOWED_HOSTS), but bounded
            memory.sites[site_key] = copy.deepcopy(site)
    site = request._wagtail_site
    if site is None:
        return
    key = (site.pk, translation.get_language(), path)
    route = memory.routes.get(key)
    if route is None:
        _learn(request, path, key, memory)
        return
    try:
        page = route.model.objects.get(pk=route.page_id)  # get(): no ORDER BY to compile
    except route.model.DoesNotExist:
        page = None
    if page is None or not page.live:  # gone or offline since learnt, before the bump got here
        memory.routes.pop(key, None)
        _learn(request, path, key, memory)
        return
    if not route.restricted:
        # Wagtail's on_serve_page hook asks the page for its restrictions: none apply (learnt
        # with Wagtail's own get_view_restrictions above), so answer without two queries.
        page.get_view_restrictions = PageViewRestriction.objects.none
    request._wagtail_route_for_request = RouteResult(page, list(route.args), dict(route.kwargs))
    request.nolimits_route = route


class RoutingMiddleware:
    """Prepares the route of every GET or HEAD for a Wagtail page (signed in or not), inside the
    page cache so a cached page never gets here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and pagecache.addresses_a_wagtail_page(request):
            prepare(request, request.path_info)
        return self.get_response(request)
