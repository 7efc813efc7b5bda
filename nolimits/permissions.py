"""Object and role rules for the site as a whole. Each returns (allowed, reason)."""

import functools

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

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
    reads it. Asked on every signed-in request by the admin two-factor rule, so the query is
    written once (`_permissions_sql`) rather than built by the ORM each time: that cost a
    signed-in page more than the database's answer did (issue 17)."""
    if not hasattr(user, "_perm_cache"):
        with connection.cursor() as cursor:
            cursor.execute(_permissions_sql(), [user.pk, user.pk])
            user._perm_cache = {f"{app_label}.{codename}" for app_label, codename in cursor}
    return user._perm_cache


@functools.cache
def _permissions_sql() -> str:
    """Every permission granted to a user directly or through a group, named by its app label
    and codename: the tables' names read from the models (the user model is ours)."""
    user_model = get_user_model()
    own = user_model.user_permissions.through._meta
    member = user_model.groups.through._meta
    group_permission = Group.permissions.through._meta
    q = connection.ops.quote_name

    def column(meta, name):
        return q(meta.get_field(name).column)

    # Names from the models' metadata, quoted; the user's id is a bound parameter.
    return (
        f"SELECT DISTINCT ct.{q('app_label')}, p.{q('codename')} "  # noqa: S608
        f"FROM {q(Permission._meta.db_table)} p "
        f"JOIN {q(ContentType._meta.db_table)} ct ON ct.{q('id')} = p.{q('content_type_id')} "
        f"WHERE p.{q('id')} IN ("
        f"SELECT {column(own, 'permission')} FROM {q(own.db_table)} "
        f"WHERE {column(own, user_model._meta.model_name)} = %s) "
        f"OR p.{q('id')} IN ("
        f"SELECT gp.{column(group_permission, 'permission')} "
        f"FROM {q(group_permission.db_table)} gp "
        f"JOIN {q(member.db_table)} m "
        f"ON m.{column(member, 'group')} = gp.{column(group_permission, 'group')} "
        f"WHERE m.{column(member, user_model._meta.model_name)} = %s)"
    )


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
