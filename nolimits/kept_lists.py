"""A signed-in person's own lists, kept as drawn and shown again while nothing they are drawn
from has changed (issue 17: a giver of many years has hundreds of gifts, and drawing them cost
more than three content pages).

What says nothing has changed is the database itself: nolimits.PersonDataVersion holds a number
for each person that triggers on the tables the lists are drawn from move in the same transaction
as any change to the person's rows (migration_helpers.person_version_triggers), whether the change
came from a save, update(), a bulk write or raw SQL. A kept list (nolimits.KeptList, in the same
database) records the versions it was drawn at (the person's and the scheme's: training courses,
handbook, settings), the page-cache generation (which moves when an editor publishes, say a
campaign's new title), a fingerprint of the code and what the view says it was drawn for (the
volunteer record, the day); it is shown only while all of them still match and it has not
expired. A page reads the versions and its kept list in one query, and keeps a new drawing in
one statement.

Kept now: My giving's first page (pledges, Gift Aid, gifts, statements), a volunteer's first page
of logged sessions (with whom the form offers and its blank questions) and their checklist. The
triggers are made by pledges migration 0009, volunteers 0017 and 0018, and matching 0005.

Why this is safe:
- the versions are read before the lists are drawn, so a list is never kept under a version
  newer than the rows it shows (a change landing in between leaves it under the older number,
  which no later reader will ask for);
- nothing is kept inside a transaction (a rolled-back change would leave a kept list under a
  version the next change reuses);
- each kept list is one person's, under their own id, read only for that signed-in person;
- nothing kept holds a CSRF token or a message: the views keep only what the lists draw, made
  without the request (a form's token is a mark, replaced with the request's own as served);
- only what the page shows is kept (drawn HTML and plain values, as JSON), never model rows:
  no secret of a record the page does not show;
- erasure deletes a person's kept lists, and those of the volunteers an erased young person or
  mentor appears on, in its own transaction; a kept list expires after 15 minutes, and a job
  deletes expired ones every 15 minutes;
- a list drawn by other code (before a deploy) is never shown by this code (``release``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils.safestring import mark_safe

from nolimits import pagecache
from nolimits.migration_helpers import PERSON_VERSION_TABLE

log = logging.getLogger(__name__)
KEPT_TABLE = "nolimits_keptlist"

# Short: a kept list is for the few views of one visit. An expired one is never shown, and a
# scheduled job deletes expired ones every 15 minutes (nolimits.tasks.delete_expired_cache_entries):
# nothing kept lives much beyond half an hour.
KEPT_FOR = 15 * 60
# What a kept drawing holds where a form's CSRF token goes (a drawing is made without the
# request, so without its token); with_token() puts the request's own in when it is served.
# Derived from SECRET_KEY, so that nobody can type it into a name or a note that the drawing
# shows (escaping would leave it as it is) and have it turned into a token.
TOKEN_MARK = (
    "kept-csrf-"
    + hashlib.sha256(f"nolimits.kept_lists.TOKEN_MARK:{settings.SECRET_KEY}".encode()).hexdigest()
)
# Every kind of list kept for a person, so that forget() can remove them all.
PARTS = ("my_giving", "sessions", "checklist")


# The version the scheme-wide rows a list is drawn from move (the training courses, the handbook,
# the volunteering settings): no person has id 0.
SCHEME = 0


def version_of(person_id: int) -> tuple[int, int]:
    """The person's data version and the scheme's, as committed now (0 for rows never changed):
    the first half of what a kept page reads (_read)."""
    return _read(person_id, "")[0]


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


def _read(person_id: int, part: str) -> tuple[tuple[int, int], tuple[str, str, int] | None]:
    """The person's and the scheme's data versions and their kept `part` (stamp, value,
    expires) if any, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT person_id, version, NULL, NULL, NULL FROM {PERSON_VERSION_TABLE} "  # noqa: S608
            "WHERE person_id IN (%s, %s) "
            f"UNION ALL SELECT person_id, NULL, stamp, value, expires FROM {KEPT_TABLE} "
            "WHERE person_id = %s AND part = %s",
            [person_id, SCHEME, person_id, part],
        )
        rows = cursor.fetchall()
    versions = {row[0]: row[1] for row in rows if row[1] is not None}
    entry = next((row[2:] for row in rows if row[1] is None), None)
    return (versions.get(person_id, 0), versions.get(SCHEME, 0)), entry


def _write(person_id: int, part: str, version: int, stamp: str, value: str) -> None:
    """Keep a drawing, in one statement, only if the person's version is still the one it was
    drawn at (a change, or an erasure, committed while it was drawn: nothing kept). A drawing
    that cannot be kept (the database busy, say) is only not kept: the page has it already."""
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {KEPT_TABLE} (person_id, part, stamp, value, expires) "  # noqa: S608
                "SELECT %s, %s, %s, %s, %s WHERE COALESCE("
                f"(SELECT version FROM {PERSON_VERSION_TABLE} WHERE person_id = %s), 0) = %s "
                "ON CONFLICT (person_id, part) DO UPDATE SET "
                "stamp = excluded.stamp, value = excluded.value, expires = excluded.expires",
                [person_id, part, stamp, value, int(time.time()) + KEPT_FOR, person_id, version],
            )
    except DatabaseError:
        log.warning("kept_lists: could not keep %s for person %s", part, person_id, exc_info=True)


def kept(
    request,
    part: str,
    draw: Callable[[], dict],
    drawn_for=None,
    html: tuple[str, ...] = (),
    check: Callable[[dict], bool] | None = None,
) -> dict:
    """What `draw()` gives for the signed-in person (a dict of JSON values; the keys named in
    `html` hold drawn HTML), kept until their data version, the scheme's, the page-cache
    generation, the code's fingerprint or `drawn_for` (say, which of their volunteer records it
    lists, and the day) differ, or it expires; otherwise drawn, and kept. A kept value that is
    not of the shape the view reads (`html` keys strings, `check` true) is drawn again. One query
    reads the versions and the kept list; the generation comes with the page's header and
    footer. `draw` must read everything it shows itself (a record loaded before this call may
    predate the versions read here)."""
    assert part in PARTS, part
    person = request.user.pk
    versions, entry = _read(person, part)
    generation = pagecache.read(request)[pagecache.GENERATION_KEY]
    request.nolimits_scheme_stamp = (versions[1], generation)
    stamp = json.dumps(
        {
            "version": versions,
            "generation": generation,
            "drawn_for": drawn_for,
            "release": release(),
        },
        sort_keys=True,
        default=str,
    )
    if entry is not None and entry[0] == stamp and entry[2] > time.time():
        try:
            value = json.loads(entry[1])
        except ValueError:
            value = None
        if _of_shape(value, html, check):
            for key in html:
                value[key] = mark_safe(value[key])  # noqa: S308 (drawn by our own templates)
            return value
    value = draw()
    if not in_a_transaction():
        _write(person, part, versions[0], stamp, json.dumps(value))
    return value


def _of_shape(value, html: tuple[str, ...], check) -> bool:
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in html):
        return False
    try:
        return check is None or bool(check(value))
    except (KeyError, TypeError, ValueError):
        return False


def scheme_stamp(request) -> tuple[int, str]:
    """The scheme's data version (training courses, handbook, settings) and the page-cache
    generation that kept() read for this request: for a drawing that keeps what it reads of
    the scheme by them."""
    return request.nolimits_scheme_stamp


def in_a_transaction() -> bool:
    """Inside a transaction of ours (a test case's own wrapping one does not count: Django's
    check for a durable block reads the same mark)."""
    return any(not block._from_testcase for block in connection.atomic_blocks)


def with_token(request, html: str) -> str:
    """A kept drawing with the request's own CSRF token where its forms need it."""
    from django.middleware.csrf import get_token

    if TOKEN_MARK not in html:
        return html
    return mark_safe(html.replace(TOKEN_MARK, get_token(request)))  # noqa: S308 (our own drawing)


def forget(*person_ids: int) -> None:
    """Remove every list kept for these people (when they, or someone their lists show, are
    erased): in the caller's transaction."""
    from nolimits.models import KeptList

    KeptList.objects.filter(person_id__in=person_ids).delete()


def delete_expired() -> int:
    """Delete every kept list past its time; returns how many."""
    from nolimits.models import KeptList

    return KeptList.objects.filter(expires__lt=int(time.time())).delete()[0]


def entry(person_id: int, part: str) -> dict | None:
    """A person's kept `part` as stored (its stamp and value read back), or None: for tests and
    for looking at a live site."""
    from nolimits.models import KeptList

    row = KeptList.objects.filter(person_id=person_id, part=part).first()
    if row is None:
        return None
    return {"stamp": json.loads(row.stamp), "value": json.loads(row.value), "expires": row.expires}
