"""The demo's navigation, for the apps' demo content (`<app>/demo_content.py`): put an app's page
in the header, or put an app's real page type where the foundation's placeholder page was.

`manage.py load_demo` makes the header and the home page's calls to action from
nolimits/demo.py before the apps' demo content runs; an app whose page belongs in them calls
these. Each is idempotent: run again, it changes nothing."""

from __future__ import annotations

from django.db import transaction

from wagtail.models import Page, Site

from nolimits.models import HomePage, NavigationSettings


def _nav() -> NavigationSettings:
    return NavigationSettings.for_site(Site.objects.get(is_default_site=True))


def _link_page(block: dict):
    value = block.get("value") or {}
    return value.get("link", value).get("page") if isinstance(value, dict) else None


def header_link_add(label: str, page: Page, *, after: str = "") -> bool:
    """Put a header link to `page` (after the link labelled `after`, else at the end), unless
    the header links to it already. Returns whether it added one."""
    nav = _nav()
    links = list(nav.header_links.raw_data)
    if any(_link_page(block) == page.pk for block in links):
        return False
    labels = [(block.get("value") or {}).get("label") for block in links]
    where = labels.index(after) + 1 if after in labels else len(links)
    links.insert(where, {"type": "link", "value": {"label": label, "page": page.pk, "url": ""}})
    nav.header_links = links
    nav.save()
    return True


def _repointed(blocks: list[dict], old: int, new: int) -> tuple[list[dict], bool]:
    changed = False
    for block in blocks:
        value = block.get("value")
        target = value.get("link", value) if isinstance(value, dict) else None
        if isinstance(target, dict) and target.get("page") == old:
            target["page"], changed = new, True
    return blocks, changed


@transaction.atomic
def page_replace(old: Page, new: Page) -> None:
    """`new` takes `old`'s place: the header and footer links and the home page's calls to
    action that pointed at `old` point at `new`, then `old` is deleted (and `new` may take its
    slug)."""
    nav = _nav()
    header, in_header = _repointed(list(nav.header_links.raw_data), old.pk, new.pk)
    footer, in_footer = _repointed(list(nav.footer_links.raw_data), old.pk, new.pk)
    if in_header or in_footer:
        nav.header_links, nav.footer_links = header, footer
        nav.save()
    for home in HomePage.objects.all():
        latest = home.get_latest_revision_as_object()
        body, changed = _repointed(list(latest.body.raw_data), old.pk, new.pk)
        if changed:
            latest.body = body
            latest.save_revision().publish()
    old.delete()
