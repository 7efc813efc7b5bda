from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.compatibility)
def q_cluster_retry_exceeds_timeout(app_configs, **kwargs):
    """django-q2 runs a task twice at once if retry <= timeout (quality.md §2.1)."""
    conf = settings.Q_CLUSTER
    timeout, retry = conf.get("timeout"), conf.get("retry")
    errors = []
    if timeout is None or retry is None or retry <= timeout:
        errors.append(
            Error(
                "Q_CLUSTER['retry'] must be set and greater than Q_CLUSTER['timeout'].",
                id="nolimits.E001",
            )
        )
    if not 0 < conf.get("max_attempts", 0) <= 10:
        errors.append(
            Error("Q_CLUSTER['max_attempts'] must be between 1 and 10.", id="nolimits.E002")
        )
    return errors


@register(Tags.security)
def stripe_keys_come_in_pairs(app_configs, **kwargs):
    """With a Stripe key, the webhook must know Stripe's signing secret, or every event is refused."""
    if settings.STRIPE_SECRET_KEY and not settings.STRIPE_WEBHOOK_SECRET:
        return [
            Error(
                "STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: Stripe's events would all be refused.",
                id="nolimits.E003",
            )
        ]
    return []
