"""Every page type renders, with every shared block, in the site's accessible layout."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from nolimits.models import ContentPage, NavigationSettings, StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db

EVERY_BLOCK = [
    {"type": "heading", "value": {"text": "How giving works", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Plain words about <b>giving</b>.</p>"},
    {
        "type": "call_to_action",
        "value": {
            "heading": "Give £5 a month",
            "text": "Two minutes to set up.",
            "link": {"label": "Start giving", "page": None, "url": "https://example.org/give"},
        },
    },
    {"type": "quote", "value": {"quote": "Someone in my corner.", "attribution": "Sam, 19"}},
    {
        "type": "faq",
        "value": {
            "heading": "Questions people ask",
            "items": [
                {"question": "Can I stop at any time?", "answer": "<p>Yes, whenever you like.</p>"}
            ],
        },
    },
    {"type": "inset_text", "value": {"text": "<p>Applications close on 31 March.</p>"}},
    {"type": "warning", "value": {"text": "Never share your password."}},
    {
        "type": "table",
        "value": {
            "data": [["Amount", "Gift Aid"], ["£10", "£2.50"]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "What Gift Aid adds",
        },
    },
    {
        "type": "contact",
        "value": {
            "heading": "Contact us",
            "email": "team@example.org",
            "phone": "01234 567890",
            "hours": "",
        },
    },
]


def test_home_page_renders_with_landmarks_and_skip_link(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-skip-link"' in html and 'href="#main-content"' in html
    assert 'role="banner"' in html and 'role="main"' in html and 'role="contentinfo"' in html
    assert "Do something for our children" in html
    assert '<html lang="en-GB"' in html


def test_content_page_renders_every_shared_block(client, home):
    page = home.add_child(
        instance=ContentPage(
            title="Give money", slug="give-money", intro="Intro.", body=EVERY_BLOCK
        )
    )
    page.save_revision().publish()
    html = client.get("/give-money/").content.decode()
    for expected in [
        '<h2 class="govuk-heading-l">How giving works</h2>',
        "Plain words about <b>giving</b>.",
        'href="https://example.org/give"',
        "Someone in my corner.",
        "Can I stop at any time?",
        "Applications close on 31 March.",
        "Never share your password.",
        '<th scope="col" class="govuk-table__header">Gift Aid</th>',
        "mailto:team@example.org",
        'aria-label="Breadcrumb"',
    ]:
        assert expected in html, expected


def test_link_block_needs_a_page_or_an_address():
    from wagtail.blocks import StructBlockValidationError

    from nolimits.blocks import LinkBlock

    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"label": "Nowhere", "page": None, "url": ""}))


def _stories(home, count):
    index = StoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=StoryIndexPage(title="Stories", slug="stories"))
    for n in range(count):
        story = index.add_child(
            instance=StoryPage(
                title=f"Story {n}",
                slug=f"story-{index.get_children().count()}",
                summary=f"Summary {n}.",
            )
        )
        story.save_revision().publish()
    return index


def test_stories_index_lists_live_stories_newest_first(client, home):
    _stories(home, 2)
    html = client.get("/stories/").content.decode()
    assert "Story 0" in html and "Story 1" in html
    assert client.get("/stories/story-0/").status_code == 200


def test_stories_index_query_count_does_not_grow_with_stories(client, home, settings):
    settings.NOLIMITS_PAGE_CACHE_SECONDS = 0  # the page's own work, not the page cache's
    _stories(home, 1)
    client.get("/stories/")  # warm caches (site root paths; makes the settings rows)
    client.get("/stories/")  # keeps the header and footer (nolimits/chrome.py)
    with CaptureQueriesContext(connection) as few:
        client.get("/stories/")
    _stories(home, 10)
    client.get("/stories/")  # publishing made the kept header and footer stale
    with CaptureQueriesContext(connection) as many:
        response = client.get("/stories/")
    assert response.content.decode().count('class="nl-card"') == 11
    assert len(many) == len(few)
    assert len(many) <= 15


def test_story_about_a_young_person_needs_consent(home):
    from django.core.exceptions import ValidationError

    index = _stories(home, 0)
    story = StoryPage(title="Jade's flat", slug="jade", summary="A flat.", about_young_person=True)
    with pytest.raises(ValidationError, match="consent"):
        index.add_child(instance=story)


def test_navigation_and_footer_come_from_editable_settings(client, home):
    page = home.add_child(instance=ContentPage(title="Give time", slug="give-time"))
    page.save_revision().publish()
    nav = NavigationSettings.for_site(Site.objects.get(is_default_site=True))
    nav.header_links = [
        {"type": "link", "value": {"label": "Give time", "page": page.pk, "url": ""}}
    ]
    nav.footer_links = [
        {
            "type": "link",
            "value": {"label": "Privacy", "page": None, "url": "https://example.org/privacy"},
        }
    ]
    nav.footer_text = "Run by the council."
    nav.save()
    html = client.get("/give-time/").content.decode()
    assert 'aria-label="Main"' in html
    assert (
        '<a class="govuk-service-navigation__link" href="/give-time/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Give time</strong></a>'
    ) in html
    assert 'href="https://example.org/privacy">Privacy</a>' in html
    assert "Run by the council." in html


def test_search_finds_published_pages_and_says_when_nothing_matches(client, home):
    page = home.add_child(
        instance=ContentPage(title="Driving lessons grant", slug="driving", intro="Learn to drive.")
    )
    page.save_revision().publish()
    html = client.get("/search/", {"q": "driving"}).content.decode()
    assert "Driving lessons grant" in html and "1 result for" in html
    html = client.get("/search/", {"q": "zebra"}).content.decode()
    assert "There are no results for ‘zebra’" in html


def test_unknown_address_gets_a_helpful_404(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_public_pages_send_a_strict_content_security_policy(client, home):
    """Scripts only from our own static files: no inline script, so no nonce for a cached page to
    give away (tests/nolimits/test_page_cache.py checks a kept page)."""
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    # django-csp writes the directives in set order, which changes from one process to the next.
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["frame-ancestors"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in policy and "nonce" not in policy
    html = response.content.decode()
    assert "nonce" not in html
    assert '<script src="/static/nolimits/js-enabled.js"></script>' in html
