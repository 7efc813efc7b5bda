"""What every page's header and footer show: the navigation's links (with their pages' addresses
resolved) and who runs the scheme. Read once and kept in the shared cache, so a page does not
fetch the navigation settings, its linked pages and the site settings on every request; the page
cache's generation (nolimits.pagecache.bump, on any setting, navigation or page change) makes a
kept copy stale."""

from __future__ import annotations

from wagtail.models import Site

from nolimits import pagecache
from nolimits.models.site_settings import NavigationSettings, SiteSettings

SITE_FIELDS = (
    "council_name",
    "fund_holder_name",
    "fund_holder_charity_number",
    "contact_email",
    "contact_phone",
)
KEPT_FOR = 24 * 60 * 60


def _links(stream, request) -> list[dict]:
    links = []
    for block in stream:
        value = block.value
        page = value.get("page")
        href = (page.get_url(request=request) or "") if page is not None else value.get("url")
        links.append({"label": value["label"], "href": href or ""})
    return links


def build(request) -> dict:
    site = Site.find_for_request(request)
    nav = NavigationSettings.for_site(site)
    about = SiteSettings.for_site(site)
    return {
        "header_links": _links(nav.header_links, request),
        "footer_links": _links(nav.footer_links, request),
        "footer_text": nav.footer_text,
        **{name: getattr(about, name) for name in SITE_FIELDS},
    }


def site_chrome(request) -> dict:
    """The header and footer, from the cache when the copy there is of this generation (read
    with the page cache's entry in one call, nolimits.pagecache.read)."""
    key = pagecache.chrome_key(request)
    found = pagecache.read(request)
    entry = found.get(key)
    if entry and entry["generation"] == found[pagecache.GENERATION_KEY]:
        return entry["chrome"]
    chrome = build(request)
    pagecache.keep(key, {"generation": found[pagecache.GENERATION_KEY], "chrome": chrome}, KEPT_FOR)
    return chrome
