"""Object and role rules for the site as a whole. Each returns (allowed, reason)."""

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q

from allauth.mfa.models import Authenticator


def is_admin_user(user) -> bool:
    """Someone in an admin role: a superuser, staff, or granted access to the Wagtail admin.

    Reads the granted permissions directly (not ``user.has_perm``, which withholds them from
    such a user until they have two-factor authentication)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or user.is_staff:
        return True
    return "wagtailadmin.access_admin" in granted_permissions(user)


def granted_permissions(user) -> set[str]:
    """What ``ModelBackend().get_all_permissions(user)`` answers for an active user who is not a
    superuser (their own permissions and their groups'), in one query rather than two, kept where
    ModelBackend keeps it (``user._perm_cache``) so every later permission check in the request
    reads it. Asked on every request by the admin two-factor rule."""
    if not hasattr(user, "_perm_cache"):
        rows = (
            Permission.objects.filter(Q(user=user) | Q(group__user=user))
            .values_list("content_type__app_label", "codename")
            .distinct()
        )
        user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
    return user._perm_cache


def has_two_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_factor_missing(user) -> bool:
    """Someone in an admin role who has no authenticator yet, while the council's rule
    NOLIMITS_ADMIN_MFA_REQUIRED is on."""
    return (
        settings.NOLIMITS_ADMIN_MFA_REQUIRED and is_admin_user(user) and not has_two_factor(user)
    )


def can_open_admin(user, *, mfa_required: bool) -> tuple[bool, str]:
    """May this user open an admin page now?"""
    if not is_admin_user(user):
        return False, "You do not have access to the admin."
    if mfa_required and not has_two_factor(user):
        return False, "Set up two-factor authentication before you use the admin."
    return True, ""


def rule_allows(rule, user) -> bool:
    """Whether a named rule lets `user` in, whichever shape it returns: a yes/no, or
    (allowed, reason) (the admin's menu items and reports ask every app's rules this way)."""
    allowed = rule(user)
    return bool(allowed[0] if isinstance(allowed, tuple) else allowed)
