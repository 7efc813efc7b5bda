"""Who opened an application or its proof of spending: an entry in Wagtail's audit log."""

from __future__ import annotations

from wagtail.log_actions import log

from grants.models import Application

VIEWED = "grants.application_viewed"


def application_viewed(*, application: Application, by) -> None:
    log(instance=application, action=VIEWED, user=by)
