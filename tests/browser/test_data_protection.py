"""Data protection journeys in a browser: a volunteer gets their own copy by emailed link; a
programme lead finds them, downloads their data and erases them, and they cannot sign in."""

import io
import re
import zipfile

from django.core import mail
from django.core.management import call_command

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from nolimits import roles
from tests.browser.test_volunteering import sign_in, sign_out
from tests.dataprotection.people import everything_about
from tests.factories import PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_own_copy_then_subject_access_then_erasure(page, live_server):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    base = live_server.url
    staff = UserFactory(full_name="Sam Staff")
    person = UserFactory(email="vic@example.org", full_name="Vic Volunteer")
    everything_about(person, staff=staff)
    Authenticator.objects.filter(user=person).delete()  # a known secret, to sign in with
    person_secret = generate_totp_secret()
    TOTP.activate(person, person_secret)
    lead = UserFactory(email="lead-dp@example.org", roles=[roles.PROGRAMME_LEADS])
    secret = generate_totp_secret()
    TOTP.activate(lead, secret)

    # the volunteer asks for their own copy from their account pages
    sign_in(page, base, "vic@example.org", person_secret)
    page.goto(base + "/accounts/email/")
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="Your data"
    ).click()
    page.get_by_role("button", name="Email me a link to my data").click()
    expect(page.get_by_text("We will email a link to vic@example.org")).to_be_visible()
    message = next(m for m in mail.outbox if m.subject.endswith("Your data is ready to download"))
    link = re.search(r"http://testserver(/accounts/my-data/\S+/)", message.body).group(1)
    download = page.request.get(base + link)
    assert download.status == 200
    names = zipfile.ZipFile(io.BytesIO(download.body())).namelist()
    assert "index.html" in names and "data.json" in names
    sign_out(page, base)

    # a programme lead finds them, downloads their data, then erases them
    sign_in(page, base, "lead-dp@example.org", secret)
    page.goto(base + "/admin/data-protection/")
    page.get_by_label("Email address or name").fill("vic@example")
    page.get_by_role("button", name="Search").click()
    row = page.get_by_role("row").filter(has_text="Vic Volunteer")
    row.get_by_role("link", name="Download their data").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download the ZIP").click()
    assert info.value.suggested_filename.startswith("subject-access-user-")
    page.goto(base + "/admin/data-protection/?q=vic%40example")
    page.get_by_role("row").filter(has_text="Vic Volunteer").get_by_role(
        "link", name="Erase…"
    ).click()
    expect(page.get_by_role("heading", name="What the law makes us keep")).to_be_visible()
    page.get_by_role("button", name="Erase this person").click()
    expect(page.get_by_text("Say why this person is being erased").first).to_be_visible()
    page.get_by_label("Why this person is being erased").fill("Their email of 1 December")
    page.get_by_role("button", name="Erase this person").click()
    expect(page.get_by_role("heading", name="Person erased")).to_be_visible()
    expect(page.get_by_text("HMRC may check a Gift Aid claim")).to_be_visible()
    sign_out(page, base)

    # they cannot sign in any more
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email address").fill("vic@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Your account")).to_have_count(0)
