"""axe-core finds no serious or critical WCAG 2.2 A/AA problem on the main public pages."""

from pathlib import Path

from django.core.management import call_command

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def _violations(page) -> list[str]:
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    assert result["passes"], "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_public_pages_have_no_serious_accessibility_problems(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Injected by the browser itself, so the pages' strict CSP still applies to everything else.
    page.add_init_script(script=AXE)
    problems = {}
    for path in [
        "/",
        "/give-time/",
        "/stories/",
        "/stories/first-flat/",
        "/search/?q=grant",
        "/accounts/login/",
        "/accounts/signup/",
    ]:
        page.goto(live_server.url + path)
        problems[path] = _violations(page)
    # A form with errors: the error summary and error messages must be accessible too.
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_role("button", name="Create account").click()
    problems["/accounts/signup/ (errors)"] = _violations(page)
    assert {p: v for p, v in problems.items() if v} == {}
