"""django-q2 jobs for grants."""

from grants import services


def anonymise_old_applications() -> int:
    return services.anonymise_old_applications()


def endorsement_reminders() -> int:
    return services.endorsement_reminders()
