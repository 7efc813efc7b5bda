"""What an app on a floor above volunteers adds to volunteers' actions and screens.

volunteers imports no app above it (docs/architecture.md). Where an action here must reach
further (a suspended volunteer's matches pause, a session is logged with a young person) or a
screen here shows more (a volunteer's checklist shows their young person), the app above
appends a function to one of these lists in its `AppConfig.ready()`; matching/apps.py is the
one that does today.
"""

from __future__ import annotations

from collections.abc import Callable

# fn(volunteer=, by=, reason=): run inside volunteer_suspend's transaction.
on_suspend: list[Callable[..., object]] = []
# fn(volunteer) -> dict, merged into the volunteer's checklist page context.
checklist_context: list[Callable[..., dict]] = []
# fn(today=, send_once=, coordinators=) -> int emails sent, run by the daily reminders job;
# send_once(key, subject, body, to) sends once per key.
reminders: list[Callable[..., int]] = []
# fn(volunteer) -> [(value, label)]: whom else a session may be logged with, offered as the
# sessions form's "Who with" choices (matching offers the young people in matches under way).
session_with: list[Callable[..., list[tuple[object, str]]]] = []
# fn(session=, with_whom=) -> bool: run inside session_log's transaction once the session is
# saved, when the volunteer chose someone; True if it was its choice (checked and recorded).
# A ValidationError raised here undoes the whole log.
on_session_logged: list[Callable[..., bool]] = []
# Wagtail viewset classes shown in the admin's Volunteering menu, after Volunteers.
admin_viewsets: list[type] = []


def register(registry: list, fn) -> None:
    """Append once (ready() can run more than once in tests)."""
    if fn not in registry:
        registry.append(fn)
