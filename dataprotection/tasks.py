"""Background jobs (django-q2): they take ids and call a service."""

from dataprotection import access, services


def apply_retention() -> int:
    """Daily: apply the retention schedule; returns how many records it removed or anonymised."""
    return services.apply_retention().total


def build_own_copy(export_id: int) -> None:
    access.own_copy_build(export_id=export_id)


def delete_expired_copies() -> int:
    return access.expired_copies_delete()
