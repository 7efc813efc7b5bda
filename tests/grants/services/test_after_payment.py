"""Proof of spending (checked, private), sent once the grant is approved or paid."""

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants.models import Application, Category
from nolimits import roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF"


@pytest.fixture
def paid(db):
    young = UserFactory(kind="young_person", directorate="")
    category = Category.objects.create(name="Work", slug="work", max_amount_pence=30_000)
    return Application.objects.create(
        applicant=young,
        status="paid",
        category=category,
        what_for="Boots",
        amount_pence=6000,
        decided_amount_pence=6000,
    )


def test_the_applicant_sends_proof_and_only_staff_can_download_it(client, home, paid):
    client.force_login(paid.applicant)
    url = f"/grant-applications/application/{paid.uuid}/"
    html = client.post(
        url, {"proof": "1", "file": SimpleUploadedFile("x.pdf", b"not a pdf")}
    ).content.decode()
    assert "must be a photo (JPG or PNG) or a PDF" in html
    client.post(url, {"proof": "1", "file": SimpleUploadedFile("../secret.pdf", PDF)})
    paid.refresh_from_db()
    assert paid.proof_of_spend and "secret" not in paid.proof_of_spend.name
    assert client.get(f"/admin/grants/application/{paid.uuid}/proof/").status_code in (302, 403)
    finance = UserFactory(roles=[roles.FINANCE])
    TOTP.activate(finance, generate_totp_secret())
    client.force_login(finance)
    response = client.get(f"/admin/grants/application/{paid.uuid}/proof/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
