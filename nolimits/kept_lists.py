"""A signed-in person's own lists (My giving's pledges and gifts), kept drawn in the shared cache
and shown again while nothing they are drawn from has changed (issue 17: a giver of many years
has hundreds of gifts, and drawing them cost more than three content pages).

What says nothing has changed is the database itself: nolimits.PersonDataVersion holds a number
for each person that triggers on the tables the lists are drawn from move in the same transaction
as any change to the person's rows (migration_helpers.person_version_triggers), whether the change
came from a save, update(), a bulk write or raw SQL. A kept list records the version it was drawn
at, and the page-cache generation (which moves when an editor publishes, say a campaign's new
title); it is shown only while both still match.

Kept now: My giving's first page (pledges, Gift Aid, gifts, statements), the first page of a
volunteer's logged sessions, and what their checklist reads of their records (for the day: an
expiry depends on it). The triggers are made by pledges migration 0009 and volunteers migration
0017; the scheme-wide rows (training courses, handbook, settings) move the version of SCHEME.

Why this is safe:
- the version is read before the lists are drawn, so a list is never kept under a version newer
  than the rows it shows (a change landing in between leaves it under the older number, which
  no later reader will ask for);
- nothing is kept inside a transaction (a rolled-back change would leave a kept list under a
  version the next change reuses);
- each entry is one person's, under their own id, read only for that signed-in person;
- nothing kept holds a CSRF token or a message: the views keep only what the lists draw, made
  without the request (a form's token is a mark, replaced with the request's own as served);
- only what the page shows is kept (drawn HTML, and plain choices), never model rows: no
  secret of a record the page does not show, and nothing a deploy could fail to unpickle;
- erasure forgets a person's entries, and those of the volunteers an erased young person was
  matched with, when it commits; an entry lasts 15 minutes at most, and a job deletes expired
  entries from the database cache every 15 minutes;
- a list drawn by other code (before a deploy) is never shown by this code: the entry records
  a fingerprint of the code (``release``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from nolimits import pagecache
from nolimits.migration_helpers import PERSON_VERSION_TABLE

# Short: a kept list is for the few views of one visit. The database cache deletes an expired
# entry only when it is read again or the table is culled, so a scheduled job deletes expired
# entries every 15 minutes (nolimits.tasks.delete_expired_cache_entries): nothing kept lives
# much beyond half an hour.
KEPT_FOR = 15 * 60
# What a kept drawing holds where a form's CSRF token goes (a drawing is made without the
# request, so without its token); with_token() puts the request's own in when it is served.
TOKEN_MARK = "nolimits-kept-csrf-token"  # noqa: S105 (a placeholder, not a secret)
# Every kind of list kept for a person, so that forget() can remove them all.
PARTS = ("my_giving", "sessions", "checklist")


def _key(person_id: int, part: str) -> str:
    # v1: the shape of an entry ({"stamp": ..., "value": ...}); a new shape takes a new number,
    # so that an entry kept by the code before a deploy is never read by the code after it.
    return f"nolimits:kept:v1:{part}:{person_id}"


# The version the scheme-wide rows a list is drawn from move (the training courses, the handbook,
# the volunteering settings): no person has id 0.
SCHEME = 0


def version_of(person_id: int) -> tuple[int, int]:
    """The person's data version and the scheme's, as committed now (0 for rows never changed).
    One query in plain SQL: the one every kept page makes."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, version FROM {PERSON_VERSION_TABLE} "  # noqa: S608
            "WHERE person_id IN (%s, %s)",
            [person_id, SCHEME],
        )
        found = dict(cursor.fetchall())
    return found.get(person_id, 0), found.get(SCHEME, 0)


# Folders under the project that hold no code the lists are drawn with.
_NOT_DRAWING = {"tests", "bench", "bin", "docs", "var", "static", "media", "node_modules"}


@functools.cache
def release() -> str:
    """A fingerprint of this copy of the code: every Python file and template of the project's
    own apps (about 500 files, a few milliseconds, once a process). A kept list records it, so a
    list drawn by the code before a deploy (in another shape, or with other wording) is drawn
    again by the code after it, even while old and new processes run side by side."""
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")) and d not in _NOT_DRAWING)
        for name in sorted(files):
            if name.endswith((".py", ".html")):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, settings.BASE_DIR).encode())
                try:
                    with open(path, "rb") as source:
                        digest.update(source.read())
                except OSError:  # a file gone or unreadable mid-walk: its name still counts
                    continue
    return digest.hexdigest()


def kept(request, part: str, draw: Callable[[], dict], drawn_for=None) -> dict:
    """What `draw()` gives for the signed-in person, from the cache when it was kept at their
    current data version and the current page-cache generation, and for the same `drawn_for`
    (say, which of their volunteer records it lists); otherwise drawn, and kept. The entry is
    read in the same cache call as the page's header and footer."""
    assert part in PARTS, part
    person = request.user.pk
    version = version_of(person)
    key = _key(person, part)
    found = pagecache.read(request, key)
    generation = found[pagecache.GENERATION_KEY]
    entry = found[key]
    stamp = {
        "version": version,
        "generation": generation,
        "drawn_for": drawn_for,
        "release": release(),
    }
    if isinstance(entry, dict) and entry.get("stamp") == stamp:
        return entry["value"]
    value = draw()
    if not _in_a_transaction():
        pagecache.keep(key, {"stamp": stamp, "value": value}, KEPT_FOR)
    return value


def _in_a_transaction() -> bool:
    """Inside a transaction of ours (a test case's own wrapping one does not count: Django's
    check for a durable block reads the same mark)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)


def with_token(request, html: str) -> str:
    """A kept drawing with the request's own CSRF token where its forms need it."""
    from django.middleware.csrf import get_token
    from django.utils.safestring import mark_safe

    if TOKEN_MARK not in html:
        return html
    return mark_safe(html.replace(TOKEN_MARK, get_token(request)))  # noqa: S308 (our own drawing)


def forget(*person_ids: int) -> None:
    """Remove every list kept for these people (when they, or someone their lists show, are
    erased)."""
    cache.delete_many(
        [_key(person, part) for person in person_ids for part in PARTS], version=pagecache.VERSION
    )
