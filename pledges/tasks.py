"""django-q2 jobs for giving. Each takes ids (never personal data) and calls a service."""

from pledges import services


def process_stripe_event(event_pk: int) -> str:
    return services.stripe_event_process(event_pk=event_pk)


def retry_failed_stripe_events() -> int:
    return services.stripe_events_retry_failed()


def reconcile_with_stripe() -> int:
    return services.stripe_reconcile()
