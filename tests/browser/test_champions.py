"""A programme lead appoints a directorate champion in the admin; the champion signs in with
two-factor authentication, finds their directorate's participation (counts, never names) and the
encouragement to share, and cannot open another directorate's."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from playwright.sync_api import expect

from nolimits import roles
from pledges.models import Pledge
from tests.browser.test_volunteering import sign_in, sign_out
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def with_two_factor(**fields):
    secret = generate_totp_secret()
    TOTP.activate(UserFactory(**fields), secret)
    return secret


def test_a_lead_appoints_a_champion_who_sees_their_directorate(page, live_server, settings):
    from impact.champions.models import Encouragement
    from nolimits import states

    settings.IMPACT_SMALL_NUMBER_THRESHOLD = 1  # so the page shows the demo's small numbers
    base = live_server.url
    lead = with_two_factor(email="lee@example.org", roles=[roles.PROGRAMME_LEADS])
    champion = with_two_factor(email="pip@example.org", full_name="Pip Place", directorate="place")
    for name in ("Ziggy Zqgiver", "Yan Zqgiver"):  # two people in Place give monthly
        pledge = Pledge.objects.create(
            donor=UserFactory(full_name=name, directorate="place"), method="stripe",
            amount_pence=1000,
        )  # fmt: skip
        states.move(pledge, "active", by=None, reason="Stripe said so")
    Encouragement.objects.create(
        title="Teams message", channel="teams", text="Join No Limits, {directorate}!"
    )

    sign_in(page, base, "lee@example.org", lead)
    page.goto(base + "/admin/impact/champions/")
    page.get_by_role("combobox", name=re.compile(r"^Directorate")).select_option(
        label="Place and environment"
    )
    page.get_by_label("Their email address").fill("nobody@example.org")
    page.get_by_role("button", name="Appoint").click()
    expect(page.get_by_text("Nobody with that email address has an account.").first).to_be_visible()
    page.get_by_label("Their email address").fill("pip@example.org")
    page.get_by_role("button", name="Appoint").click()
    expect(
        page.get_by_text("Pip Place appointed: Champion for Place and environment.")
    ).to_be_visible()
    sign_out(page, base)

    sign_in(page, base, "pip@example.org", champion)
    page.goto(base + "/admin/impact/directorates/")  # sends a champion to their own
    expect(page.get_by_role("heading", name="Place and environment: participation")).to_be_visible()
    expect(page.get_by_text("2 people giving money")).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    assert "Zqgiver" not in page.content()
    page.get_by_role("link", name="Encouragement to share with colleagues").click()
    expect(page.get_by_label("Teams message: text to copy")).to_have_value(
        "Join No Limits, Place and environment!"
    )
    page.goto(base + "/admin/impact/directorates/children/")
    expect(page.get_by_text("do not have permission")).to_be_visible()
