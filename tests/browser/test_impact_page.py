"""The public impact page in a browser: its charts are images with names, each followed by its
table; axe-core finds no serious or critical WCAG 2.2 A/AA problem; the strict CSP blocks nothing
on it (the charts use no inline style)."""

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

import pytest

from grants.models import Application, GrantPayment
from impact.models import ImpactPage
from nolimits import roles
from pledges.models import Donation
from tests.browser.test_accessibility import AXE, _violations
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def some_history():
    """Gifts and grants over the last months, so the charts have bars."""
    today = timezone.localdate()
    donor, finance = UserFactory(), UserFactory(roles=[roles.FINANCE])
    young = UserFactory(kind="young_person", directorate="")
    for months_ago in range(6):
        day = (today.replace(day=1) - dt.timedelta(days=31 * months_ago)).replace(day=1)
        Donation.objects.create(
            donor=donor, kind="campaign", amount_pence=10_000 * (months_ago + 1),
            status=Donation.Status.SUCCEEDED,
            paid_at=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC),
        )  # fmt: skip
        for _ in range(3):
            made = Application.objects.create(
                applicant=young, status="paid", what_for="Help", amount_pence=20_000,
                decided_at=timezone.now(), decided_amount_pence=20_000,
            )  # fmt: skip
            GrantPayment.objects.create(
                application=made, amount_pence=20_000, paid_on=day, method="bank_transfer",
                reference=f"BACS-{made.pk}", recorded_by=finance,
            )  # fmt: skip


@pytest.mark.parametrize("viewport", ["page", "phone"])
def test_the_impact_page_with_its_charts_passes_axe(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    some_history()
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.add_init_script(script=AXE)
    page.goto(live_server.url + "/")
    if viewport == "page":  # on a phone the links fold behind the Menu button
        page.get_by_role("link", name="Our impact").click()
    else:
        page.goto(live_server.url + ImpactPage.objects.get().url)
    page.get_by_role("heading", name="Our impact", level=1).wait_for()
    for name in ("Money in by month", "Grants paid by month"):
        chart = page.get_by_role("img", name=name)
        assert chart.is_visible()
        assert chart.bounding_box()["width"] <= page.viewport_size["width"]
    money = page.get_by_role("table", name="Money given each month over the last 12 months")
    assert money.get_by_role("row").count() == 14  # heading, 12 months, total
    grants = page.get_by_role("table", name="Grants paid to young people over the last 12 months")
    assert " to " in grants.inner_text()  # three grants a month: months are joined in pairs
    assert _violations(page) == []
    assert blocked == []
