"""The anonymous page cache (nolimits/pagecache.py): what is kept, what never is, what makes it
stale, and the headers a proxy in front reads. Through the real views and middleware, with the
shared database cache the settings name."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import get_token
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import Site

import pytest

from nolimits import pagecache
from nolimits.models import (
    ContentPage,
    NavigationSettings,
    SiteSettings,
    StoryIndexPage,
    StoryPage,
)
from pledges.models import CampaignPage, Donation
from pledges.services import campaign_total_recount
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cache_on(settings):
    settings.NOLIMITS_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def about(home):
    page = home.add_child(instance=ContentPage(title="About No Limits", slug="about"))
    page.save_revision().publish()
    return page


def get(client, path="/about/", **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200
    return response


def warm(client, path="/about/"):
    """The first anonymous visit makes the settings rows and keeps the page; the next is a hit."""
    get(client, path)
    get(client, path)
    response = get(client, path)
    assert response["X-Page-Cache"] == "hit"
    return response


def test_an_anonymous_visitor_gets_the_kept_page_with_one_cache_read(client, about):
    get(client)
    kept = get(client)
    assert kept["X-Page-Cache"] in ("miss", "hit")
    with CaptureQueriesContext(connection) as queries:
        hit = get(client)
    assert hit["X-Page-Cache"] == "hit"
    assert len(queries) == 1  # the database cache: one read of the page and its generation
    assert hit.content == kept.content and "About No Limits" in hit.content.decode()
    assert hit["Cache-Control"] == "public, max-age=300"
    assert not hit.cookies


def test_a_kept_page_is_answered_with_the_headers_it_was_first_answered_with(client, about):
    """The page cache sits first in the middleware (before sessions, authentication and CSP), so
    a hit replays the headers every other middleware gave the fresh page, and sets no cookie."""
    client.cookies.clear()
    get(client)  # makes the settings rows
    first = get(client)
    assert first["X-Page-Cache"] == "miss"
    hit = get(client)
    assert hit["X-Page-Cache"] == "hit"
    same = lambda r: {k: v for k, v in r.items() if k not in ("X-Page-Cache", "Content-Length")}  # noqa: E731
    assert same(hit) == same(first)
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "Vary"):
        assert hit.has_header(header), header
    assert not hit.cookies


def test_a_visitor_whose_session_holds_nobody_gets_the_kept_page(client, about):
    """A session cookie alone (say, from a form visited earlier) does not make a visitor signed
    in: their session is read, and holds no one and no message."""
    warm(client)
    session = client.session
    session["seen_the_form"] = True
    session.save()
    client.cookies["sessionid"] = session.session_key
    assert get(client)["X-Page-Cache"] == "hit"
    person = UserFactory()
    client.force_login(person)
    assert "X-Page-Cache" not in get(client)


def test_the_cache_can_be_switched_off(client, about, settings):
    settings.NOLIMITS_PAGE_CACHE_SECONDS = 0
    get(client)
    response = get(client)
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_signed_in_people_never_get_the_kept_page_nor_leave_theirs(client, about):
    warm(client)
    person = UserFactory(full_name="Robin Reader")
    client.force_login(person)
    response = get(client)
    html = response.content.decode()
    assert "X-Page-Cache" not in response
    assert "Signed in as Robin" in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    client.logout()
    anonymous = get(client)
    assert anonymous["X-Page-Cache"] == "hit"
    assert "Robin" not in anonymous.content.decode()


def test_a_message_is_shown_fresh_and_never_kept(client, about):
    warm(client, "/")
    UserFactory(email="sam@example.org")
    client.post("/accounts/login/", {"login": "sam@example.org", "password": PASSWORD})
    client.post("/accounts/logout/")
    response = get(client, "/")
    html = response.content.decode()
    assert "You have signed out." in html
    assert "X-Page-Cache" not in response
    again = get(client, "/")
    assert again["X-Page-Cache"] == "hit"
    assert "You have signed out." not in again.content.decode()


def test_a_page_with_a_form_or_a_cookie_is_not_kept(client, about, monkeypatch):
    original = ContentPage.get_context

    def with_a_form(self, request, *args, **kwargs):
        get_token(request)  # what {% csrf_token %} does
        return original(self, request, *args, **kwargs)

    monkeypatch.setattr(ContentPage, "get_context", with_a_form)
    for _ in range(3):
        response = get(client)
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"
    monkeypatch.setattr(ContentPage, "get_context", original)

    original_serve = ContentPage.serve

    def sets_a_cookie(self, request, *args, **kwargs):
        response = original_serve(self, request, *args, **kwargs)
        response.set_cookie("seen", "1")
        return response

    monkeypatch.setattr(ContentPage, "serve", sets_a_cookie)
    client.cookies.clear()
    for _ in range(3):
        assert "X-Page-Cache" not in get(client)


def test_only_gets_for_plain_addresses_are_kept(client, about):
    warm(client)
    for _ in range(2):
        assert "X-Page-Cache" not in get(client, "/about/?utm_source=x")
    # Digits that are not ASCII, or too many of them, are not a page number (and no error).
    for address in ["/about/?page=%C2%B2", "/about/?page=%D9%A3", "/about/?page=" + "9" * 5000]:
        for _ in range(2):
            assert "X-Page-Cache" not in get(client, address)
    assert client.get("/healthz?page=%C2%B2").status_code in (200, 503)
    # A page number on a page with no list is the same page again: not another entry.
    for _ in range(2):
        assert "X-Page-Cache" not in get(client, "/about/?page=2")
    assert client.post("/about/").status_code in (200, 405)
    assert "X-Page-Cache" not in client.post("/about/")


def test_a_kept_page_carries_no_script_nonce(client, about):
    hit = warm(client)
    policy = hit["Content-Security-Policy"]
    assert "nonce" not in policy and "unsafe-inline" not in policy
    assert "script-src 'self'" in policy
    html = hit.content.decode()
    assert "nonce" not in html
    assert html.count("<script") == html.count("<script src=") + html.count(
        '<script type="module" src='
    )


# --- What makes kept pages stale ---------------------------------------------------------------


def test_publishing_a_page_shows_the_new_version(client, about):
    warm(client)
    about.title = "About us now"
    about.save_revision().publish()
    assert "About us now" in get(client).content.decode()


def test_unpublishing_a_page_takes_it_away(client, about):
    warm(client)
    about.unpublish()
    assert client.get("/about/").status_code == 404


def test_restricting_a_live_page_takes_its_public_copy_away(client, about):
    """A page editors restrict to signed-in people (Privacy: "Private, accessible to logged-in
    users") is never served from the copy kept while it was public; lifting it shows it again."""
    from wagtail.models import PageViewRestriction

    warm(client)
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/about/").status_code == 302  # to sign in, not the kept public copy
    restriction.delete()
    warm(client)


def test_moving_a_page_moves_its_address(client, home, about):
    section = home.add_child(instance=ContentPage(title="Section", slug="section"))
    section.save_revision().publish()
    warm(client)
    about.move(section, pos="last-child")
    assert client.get("/about/")["Location"] == "/section/about/"  # Wagtail's own redirect
    assert "About No Limits" in get(client, "/section/about/").content.decode()


def test_changing_site_settings_shows_on_every_page(client, about):
    warm(client)
    details = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    details.council_name = "Riverside Borough Council"
    details.save()
    assert "No Limits is run by Riverside Borough Council" in get(client).content.decode()


def test_changing_the_navigation_shows_on_every_page(client, home, about):
    warm(client)
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.header_links = [{"type": "link", "value": {"label": "About", "page": about.pk, "url": ""}}]
    nav.save()
    html = get(client).content.decode()
    assert 'href="/about/" aria-current="page"' in html


def test_a_change_to_a_campaigns_total_shows_on_its_page(
    client, home, django_capture_on_commit_callbacks
):
    campaign = CampaignPage(
        title="Gift of Giving",
        slug="gift-of-giving",
        summary="Books.",
        target_pence=100_000,
        starts_on=timezone.localdate() - dt.timedelta(days=1),
    )
    home.add_child(instance=campaign)
    campaign.save_revision().publish()
    warm(client, "/gift-of-giving/")
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        campaign=campaign,
        amount_pence=25_000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    with django_capture_on_commit_callbacks(execute=True):
        campaign_total_recount(campaign_id=campaign.pk)
    assert "£250 raised" in get(client, "/gift-of-giving/").content.decode()


@pytest.fixture
def stories(home):
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    index.save_revision().publish()
    for n in range(index.stories_per_page + 1):  # two pages
        story = index.add_child(
            instance=StoryPage(title=f"Story {n}", slug=f"story-{n}", summary="What happened.")
        )
        story.save_revision().publish()
    return index


def test_only_the_page_numbers_a_list_has_are_kept(client, stories):
    """A run of page numbers (or one number written many ways) would otherwise fill the cache
    with copies of the last page until it pushed the rate limits out."""
    warm(client, "/stories/")
    warm(client, "/stories/?page=2")
    for address in [
        "/stories/?page=3",
        "/stories/?page=99999",
        "/stories/?page=02",
        "/stories/?page=0",
    ]:
        for _ in range(2):
            answer = get(client, address)
            assert "X-Page-Cache" not in answer, address
            assert "Story 0" in answer.content.decode() or "Story 12" in answer.content.decode()


def test_a_site_of_many_pages_does_not_push_the_rate_limits_out_of_the_cache():
    """Django's database cache deletes a third of its entries, lowest keys first (allauth's rate
    limits), once it holds more than MAX_ENTRIES: a site's worth of kept pages must fit."""
    cache.set("allauth:rl:login_failed:someone", [1, 2, 3], 300)
    for n in range(2_000):
        pagecache.keep(f"nolimits:page:v2:{n}", {"generation": "g", "content": b"x"}, 300)
    assert cache.get("allauth:rl:login_failed:someone") == [1, 2, 3]
