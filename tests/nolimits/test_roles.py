"""Roles are groups made by migration, each with least privilege."""

from django.contrib.auth.models import Group

from wagtail.models import GroupPagePermission

import pytest

from nolimits import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_role_exists_and_wagtails_moderators_group_is_gone():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_ROLES) <= names
    assert "Moderators" not in names


@pytest.mark.parametrize("role", roles.ADMIN_ROLES)
def test_admin_roles_can_open_the_admin(role):
    assert UserFactory(roles=[role]).has_perm("wagtailadmin.access_admin")


def test_mentors_work_on_the_public_site_not_the_admin():
    mentor = UserFactory(roles=[roles.MENTORS])
    assert not mentor.has_perm("wagtailadmin.access_admin")
    assert not Group.objects.get(name=roles.MENTORS).permissions.exists()


def test_only_editors_may_edit_pages_and_site_settings():
    assert set(GroupPagePermission.objects.values_list("group__name", flat=True)) == {roles.EDITORS}
    editor = UserFactory(roles=[roles.EDITORS])
    assert editor.has_perm("nolimits.change_sitesettings")
    assert editor.has_perm("nolimits.change_navigationsettings")
    for role in set(roles.ALL_ROLES) - {roles.EDITORS}:
        other = UserFactory(roles=[role])
        assert not other.has_perm("nolimits.change_sitesettings"), role
        assert not other.has_perm("wagtailimages.add_image"), role


def test_a_role_without_page_permissions_cannot_edit_a_page(client, home):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code in (302, 403)
    editor = UserFactory(roles=[roles.EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
