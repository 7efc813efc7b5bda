"""A visitor finds the privacy notice from the footer, reads how long each thing is kept, and
opens the young people's version; axe finds no serious WCAG 2.2 AA problem on either."""

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import AXE, _violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_the_privacy_notice_from_the_footer_and_its_young_peoples_version(
    request, live_server, viewport
):
    page = request.getfixturevalue(viewport)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.add_init_script(script=AXE)
    page.goto(live_server.url + "/")
    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1, name="Privacy notice")).to_be_visible()
    expect(page.get_by_role("heading", name="Session notes")).to_be_visible()
    expect(page.get_by_text("1 year after the session").first).to_be_visible()
    problems = {"notice": _violations(page)}

    page.get_by_role("link", name="Read the short version for young people").click()
    expect(
        page.get_by_role("heading", level=1, name="Your information: the short version")
    ).to_be_visible()
    expect(page.get_by_text("We delete what they wrote.").first).to_be_visible()
    problems["young people"] = _violations(page)
    assert {p: v for p, v in problems.items() if v} == {}
