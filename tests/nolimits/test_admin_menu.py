"""Admin menu items follow the named rule they are given, whichever shape it answers in."""

from django.test import RequestFactory

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from nolimits.admin_menu import RuleMenuItem
from tests.factories import UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "shown"),
    [
        (lambda user: True, True),
        (lambda user: False, False),
        (lambda user: (True, ""), True),
        (lambda user: (False, "Only finance can see this."), False),  # a tuple is truthy
    ],
)
def test_a_menu_item_is_shown_only_when_its_rule_allows(rule, shown):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory()
    assert RuleMenuItem("Payroll run", "/admin/x/", rule=rule).is_shown(request) is shown


MENUS = {
    "Payroll run": roles.FINANCE,
    "Monthly reconciliation": roles.FINANCE,
    "Grant payments to record": roles.FINANCE,
    "Match a cohort": roles.VOLUNTEER_COORDINATORS,
    "Volunteers not yet cleared": roles.VOLUNTEER_COORDINATORS,
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [roles.FINANCE, roles.VOLUNTEER_COORDINATORS])
def test_each_role_sees_its_own_menu_items_and_not_the_others(client, home, role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    for label, owner in MENUS.items():
        assert (label in page) is (owner == role), (label, role)
