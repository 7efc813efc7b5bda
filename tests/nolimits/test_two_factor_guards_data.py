"""Two-factor guards the data, not a path: an admin role without it holds no permission."""

import uuid

from django.core.files.base import ContentFile

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_password_only_admin_role_has_no_permission_in_a_request(client, home):
    finance = UserFactory(roles=[roles.FINANCE])
    client.force_login(finance)
    assert client.get("/admin/").status_code == 302
    assert client.get("/accounts/2fa/").status_code == 200  # open, to set it up
    TOTP.activate(finance, generate_totp_secret())
    assert client.get("/admin/").status_code == 200


def test_a_receipt_needs_the_second_factor_and_its_address_is_unguessable(client, home):
    from volunteers.models import ExpenseClaim, Volunteer, VolunteerSession

    volunteer = Volunteer.objects.create(user=UserFactory())
    session = VolunteerSession.objects.create(
        volunteer=volunteer, date="2026-11-02", minutes=60, what_happened="Walk"
    )
    claim = ExpenseClaim(
        session=session,
        kind="other",
        description="Tickets",
        amount_pence=500,
        receipt_content_type="application/pdf",
    )
    claim.receipt.save("r.pdf", ContentFile(b"%PDF-1.4"), save=False)
    claim.save()
    url = f"/volunteer/receipts/{claim.receipt_key}/"
    assert client.get(f"/volunteer/receipts/{claim.pk}/").status_code == 404

    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    client.force_login(coordinator)
    assert client.get(url).status_code == 404  # password only: as if it were not there
    TOTP.activate(coordinator, generate_totp_secret())
    assert client.get(url).status_code == 200
    assert client.get(f"/volunteer/receipts/{uuid.uuid4()}/").status_code == 404


def test_a_refused_page_sends_a_password_only_admin_to_set_up_two_factor(client, home):
    client.force_login(UserFactory(roles=[roles.FINANCE]))
    response = client.get("/admin/reports/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/totp/activate/")


def test_outside_a_request_services_keep_their_permissions():
    """Tasks and commands run as no one's session: the rule is for requests."""
    chair = UserFactory(roles=[roles.GRANTS_PANEL_CHAIRS])
    assert chair.has_perm("grants.decide_application")
