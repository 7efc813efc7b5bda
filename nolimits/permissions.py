"""Object and role rules for the site as a whole. Each returns (allowed, reason)."""

from allauth.mfa.models import Authenticator


def is_admin_user(user) -> bool:
    """Someone who can open the Wagtail or Django admin."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def can_open_admin(user, *, mfa_required: bool) -> tuple[bool, str]:
    """May this user open an admin page now?"""
    if not is_admin_user(user):
        return False, "You do not have access to the admin."
    if mfa_required and not has_two_factor(user):
        return False, "Set up two-factor authentication before you use the admin."
    return True, ""
