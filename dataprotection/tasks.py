"""django-q2 jobs for data protection."""

from dataprotection import services


def apply_retention() -> int:
    """Daily: apply the retention schedule; returns how many records it removed or anonymised."""
    return services.apply_retention().total
