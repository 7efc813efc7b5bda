"""django-q2 jobs for volunteering. Each calls one service."""

from volunteers import reminders, services


def daily_reminders() -> int:
    return reminders.send_reminders()


def weekly_digest() -> bool:
    return reminders.send_weekly_digest()


def purge_disclosure_notes() -> int:
    return services.purge_old_disclosure_notes()


def refresh_clearance_summaries() -> int:
    return services.clearance_context_changed()
