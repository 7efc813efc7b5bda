"""The admin two-factor rule reads a person's permissions on every request: one query, and the
same answer as Django's own ModelBackend (their own permissions and their groups')."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from nolimits.models import User
from nolimits.permissions import granted_permissions, is_admin_user
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def fresh(user):
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize("own,groups", [(0, 0), (2, 0), (0, 1), (1, 2)])
def test_the_same_permissions_as_djangos_model_backend_in_one_query(own, groups):
    user = UserFactory()
    permissions = list(Permission.objects.order_by("pk")[:40])
    user.user_permissions.add(*permissions[:own])
    for n in range(groups):
        group = Group.objects.create(name=f"Group {n}")
        group.permissions.add(*permissions[10 * (n + 1) : 10 * (n + 1) + 5], permissions[0])
        user.groups.add(group)
    expected = ModelBackend().get_all_permissions(fresh(user))
    person = fresh(user)
    with CaptureQueriesContext(connection) as queries:
        assert granted_permissions(person) == expected
        assert person.has_perm(next(iter(expected))) if expected else True
    assert len(queries) == 1


def test_a_role_with_the_admin_permission_is_an_admin_user():
    user = UserFactory()
    assert not is_admin_user(fresh(user))
    editors = Group.objects.create(name="Some role")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    assert is_admin_user(fresh(user))
