"""django-q2 jobs for grants."""

from grants import services


def anonymise_old_applications() -> int:
    return services.anonymise_old_applications()


def endorsement_reminders() -> int:
    return services.endorsement_reminders()


def reconcile_fund_ledger() -> bool:
    """The ledger against the full sums; put right (and logged as an error) if they differ."""
    from grants.fund import reconcile_ledger

    return reconcile_ledger(repair=True).agrees
