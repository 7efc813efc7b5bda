"""Wagtail's routing remembered per process (nolimits/routing.py), checked against Wagtail's own
routing: every page answers exactly as it does when nothing is remembered, and every change an
editor (or the code) makes to an address, a page's live state, its privacy or its ancestors'
titles shows on the next request in the same process. Through the real views and middleware,
with the page cache off so each request renders."""

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from dataprotection.models import PrivacyNoticePage
from nolimits import pagecache, routing
from nolimits.models import ContentPage, StoryIndexPage, StoryPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    settings.NOLIMITS_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def pages(home):
    about = home.add_child(instance=ContentPage(title="About No Limits", slug="about"))
    about.save_revision().publish()
    team = about.add_child(instance=ContentPage(title="Our team", slug="team"))
    team.save_revision().publish()
    index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    index.save_revision().publish()
    story = index.add_child(
        instance=StoryPage(title="A first flat", slug="first-flat", summary="Keys.")
    )
    story.save_revision().publish()
    notice = home.add_child(
        instance=PrivacyNoticePage(
            title="Privacy",
            slug="privacy",
            intro="<p>Who we are.</p>",
            dpo_contact="<p>dpo@example.org</p>",
        )
    )
    notice.save_revision().publish()
    return {"about": about, "team": team, "index": index, "story": story, "notice": notice}


ADDRESSES = ["/", "/about/", "/about/team/", "/stories/", "/stories/first-flat/", "/privacy/",
             "/privacy/young-people/", "/stories/?page=2"]  # fmt: skip


def generation() -> str:
    return cache.get(pagecache.GENERATION_KEY, version=pagecache.VERSION)


def html(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode()


def test_every_page_answers_as_wagtails_own_routing_does(client, pages):
    fresh = {}
    for path in ADDRESSES:
        routing.forget()
        fresh[path] = html(client, path)  # routed by Wagtail, nothing remembered before
    for _ in range(2):
        for path in ADDRESSES:
            assert html(client, path) == fresh[path], path  # from memory
    assert {status for status, _ in fresh.values()} == {200}
    assert 'href="/about/">About No Limits</a>' in fresh["/about/team/"][1]  # breadcrumbs


def test_a_remembered_page_takes_two_queries(client, pages):
    for _ in range(3):
        client.get("/about/team/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/about/team/")
    # The cache's one read (generation, header and footer, site root paths) and the page.
    assert len(queries) == 2, [q["sql"][:80] for q in queries.captured_queries]


def test_a_signed_in_person_gets_the_same_pages(client, pages):
    anonymous = {path: html(client, path)[0] for path in ADDRESSES}
    client.force_login(UserFactory())
    assert {path: html(client, path)[0] for path in ADDRESSES} == anonymous


def test_a_new_slug_moves_the_address_at_once(client, pages):
    about = pages["about"]
    html(client, "/about/team/")
    about.slug = "who-we-are"
    about.save_revision().publish()
    assert client.get("/about/team/").status_code == 404
    status, body = html(client, "/who-we-are/team/")
    assert status == 200 and 'href="/who-we-are/"' in body


def test_unpublishing_or_deleting_takes_the_page_away(client, pages):
    html(client, "/about/team/")
    html(client, "/stories/first-flat/")
    pages["team"].unpublish()
    pages["story"].delete()
    assert client.get("/about/team/").status_code == 404
    assert client.get("/stories/first-flat/").status_code == 404


def test_a_page_taken_offline_in_code_is_gone_too(client, pages):
    """Not through Wagtail's actions: a plain save of the live flag (a service, a script)."""
    html(client, "/about/")
    about = ContentPage.objects.get(pk=pages["about"].pk)
    about.live = False
    about.save()
    assert client.get("/about/").status_code == 404


def test_a_restriction_on_an_ancestor_is_checked_on_a_remembered_page(client, pages):
    html(client, "/about/team/")
    restriction = PageViewRestriction.objects.create(
        page=pages["about"], restriction_type=PageViewRestriction.LOGIN
    )
    for _ in range(2):  # the first routes it again, the second is from memory
        response = client.get("/about/team/")
        assert response.status_code == 302 and "/login" in response["Location"]
    client.force_login(UserFactory())
    assert client.get("/about/team/").status_code == 200
    client.logout()
    restriction.delete()
    assert client.get("/about/team/").status_code == 200


def test_a_renamed_parent_shows_in_the_breadcrumbs(client, pages):
    html(client, "/about/team/")
    about = pages["about"]
    about.title = "Who we are"
    about.save_revision().publish()
    assert 'href="/about/">Who we are</a>' in html(client, "/about/team/")[1]


def test_a_moved_page_has_its_new_address_and_breadcrumbs(client, pages):
    html(client, "/stories/first-flat/")
    pages["story"].move(pages["about"], pos="last-child")
    status, body = html(client, "/about/first-flat/")
    assert status == 200 and 'href="/about/">About No Limits</a>' in body


def test_an_editors_draft_does_not_forget_what_is_remembered(client, pages):
    html(client, "/about/")
    before = generation()
    about = ContentPage.objects.get(pk=pages["about"].pk)
    about.title = "A draft title"
    about.save_revision()  # saved, not published
    assert generation() == before
    assert "A draft title" not in html(client, "/about/")[1]


def test_an_address_with_no_page_is_never_remembered(client, pages):
    for n in range(20):
        assert client.get(f"/nothing-here-{n}/").status_code == 404
    assert not [key for key in routing.MEMORY.routes if "nothing-here" in key[2]]


def test_a_route_learnt_across_a_bump_is_not_kept_for_the_new_generation(pages, rf):
    """A request that started in one generation and learns its route after an editor changed
    something (a restriction, a slug) must not leave that route for the next generation."""
    request = rf.get("/about/", HTTP_HOST="localhost")
    old = routing.MEMORY.for_generation("before")
    new = routing.MEMORY.for_generation("after")  # the bump, seen by another request
    routing._learn(request, "/about/", ("key",), old)
    assert ("key",) in old.routes and ("key",) not in new.routes
    assert routing.MEMORY.for_generation("after") is new


def test_a_routable_pages_route_is_not_kept(client, pages):
    """Its routed view is bound to one page instance, which would be shared between requests."""
    for _ in range(2):
        assert client.get("/privacy/young-people/").status_code == 200
    assert not [key for key in routing.MEMORY.routes if key[2].startswith("/privacy/")]
