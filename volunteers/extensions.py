"""What an app on a floor above volunteers adds to volunteers' actions and screens.

volunteers imports no app above it (docs/architecture.md). Where an action here must reach
further (a suspended volunteer's matches pause) or a screen here shows more (a volunteer's
checklist shows their young person), the app above appends a function to one of these lists in
its `AppConfig.ready()`; matching/apps.py is the one that does today.
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
# Wagtail viewset classes shown in the admin's Volunteering menu, after Volunteers.
admin_viewsets: list[type] = []


def register(registry: list, fn) -> None:
    """Append once (ready() can run more than once in tests)."""
    if fn not in registry:
        registry.append(fn)
