"""Authentication events go to the log (ASVS 16.3.1). No passwords, no full emails. Changes that
make the page cache stale."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import BaseViewRestriction, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from nolimits import pagecache

log = logging.getLogger("nolimits.auth")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("login user=%s", user.pk)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("logout user=%s", getattr(user, "pk", None))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed")


# --- The page cache (nolimits/pagecache.py): what makes every kept page stale ------------------
# An editor publishes, unpublishes, moves or deletes a page; anyone changes a site setting (the
# navigation and footer are site settings) or a site. A campaign's total is pledges' (it bumps
# from its ledger service).


@receiver(page_published, dispatch_uid="pagecache_published")
@receiver(page_unpublished, dispatch_uid="pagecache_unpublished")
@receiver(post_page_move, dispatch_uid="pagecache_moved")
def _page_changed(sender, **kwargs):
    pagecache.bump()


# What a page's address, live state and breadcrumbs are made of (nolimits.routing remembers
# them): a live page saved with any of these, or saved whole, may answer differently now. A
# draft saved by an editor names only its revision fields, so it does not make pages stale.
ROUTE_FIELDS = frozenset({"live", "slug", "url_path", "path", "depth", "title", "alias_of"})


def _route_may_have_changed(instance, kwargs) -> bool:
    if kwargs.get("signal") is post_delete:
        return instance.live
    fields = kwargs.get("update_fields")
    return fields is None or not ROUTE_FIELDS.isdisjoint(fields)


@receiver(post_save, dispatch_uid="pagecache_saved")
@receiver(post_delete, dispatch_uid="pagecache_deleted")
def _setting_or_site_changed(sender, instance, **kwargs):
    # A view restriction added to (or taken off) a live page: its public copy must go at once.
    if isinstance(instance, (BaseSiteSetting, Site, BaseViewRestriction)) or (
        isinstance(instance, Page) and _route_may_have_changed(instance, kwargs)
    ):
        pagecache.bump()
