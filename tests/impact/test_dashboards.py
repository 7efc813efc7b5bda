"""The admin dashboard's panels show the one set of figures (impact.figures): on a used demo
(`load_demo`, then some giving and volunteering), each number a panel shows that impact.figures
also defines is the figures selector's own, as the role that sees the panel."""

import datetime as dt
import re
from dataclasses import replace

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from impact import dashboards
from impact import figures as f
from impact.periods import Period
from nolimits import roles, states
from nolimits.models import User
from nolimits.money import pounds
from pledges.models import Donation, Pledge
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services as volunteering
from volunteers.models import Volunteer
from volunteers.selectors import coordinator_today

pytestmark = pytest.mark.django_db


def dashboard(client, *role_names) -> str:
    user = UserFactory(roles=list(role_names))
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def new_pledge(donor, *moves):
    pledge = Pledge.objects.create(donor=donor, method="stripe", amount_pence=1500)
    for status in moves:
        states.move(pledge, status, by=None, reason="Stripe said so")
    return pledge


@pytest.fixture
def used_demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    lead = User.objects.get(email="coordinator@example.org")
    # Giving: two active pledges from one person, one waiting for its first payment, one failing
    # (the old panel counted all four as "live"), and a gift received today.
    donor = User.objects.get(email="donor@example.org")
    new_pledge(donor, "active")
    new_pledge(donor, "active")
    new_pledge(UserFactory(), "pending")
    new_pledge(UserFactory(), "active", "payment_failed")
    Donation.objects.create(
        donor=donor, kind="campaign", amount_pence=4200, status="succeeded",
        paid_at=timezone.now(), payment_method_type="card",
    )  # fmt: skip
    # Volunteering: two new applications, and an active volunteer paused.
    applicant()
    applicant()
    active = Volunteer.objects.filter(status=Volunteer.Status.ACTIVE).first()
    volunteering.volunteer_move(volunteer=active, to="paused", by=lead, reason="A break")
    return lead


def test_finance_grants_and_coordinator_panels_show_the_figures(client, used_demo):
    today = f.figures(Period.all_time())
    monthly = today.monthly_giving
    assert (monthly.givers, monthly.pledges) == (
        Pledge.objects.filter(status="active").values("donor").distinct().count(),
        Pledge.objects.filter(status="active").count(),
    )
    assert Pledge.objects.filter(status__in=["pending", "payment_failed"]).count() >= 2

    finance = dashboard(client, roles.FINANCE)
    assert "The No Limits fund" in finance
    assert f"{pounds(today.fund.available_pence, exact=True)}</span> available" in finance
    assert f"{pounds(today.fund.received_pence, exact=True)}</span> received" in finance
    plural = "s" if monthly.givers != 1 else ""
    assert f"{monthly.givers}</span> monthly giver{plural} ({monthly.pledges} active" in finance
    failing = Pledge.objects.filter(status="payment_failed").count()  # the demo and its history
    assert failing >= 1
    assert f"{failing} monthly pledge{'s' if failing != 1 else ''} with a failed payment" in finance

    chair = dashboard(client, roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS)
    assert f"<strong>{pounds(today.fund.available_pence)} available</strong>" in chair

    stages = today.volunteering.by_stage
    assert stages["applied"] >= 2 and stages["paused"] >= 1
    coordinator = dashboard(client, roles.VOLUNTEER_COORDINATORS)
    assert f">{stages['applied']} new applications</a>" in coordinator
    assert (
        f"{stages['paused']} volunteer{'s' if stages['paused'] != 1 else ''} paused" in coordinator
    )
    # The weekly digest's work queue (volunteers.selectors) does not contradict the figures.
    queue = coordinator_today()
    assert (queue["applications"], queue["paused"]) == (stages["applied"], stages["paused"])


def test_the_programme_figures_panel_compares_this_reporting_period_with_the_last(
    client, used_demo
):
    period = Period.reporting_period_containing(timezone.localdate())
    lines = dashboards.comparison(f.figures(period), f.figures(period.previous()))
    html = dashboard(client, roles.PROGRAMME_LEADS)
    assert "Programme figures" in html
    assert f'<th scope="col">{period}</th><th scope="col">{period.previous()}</th>' in html
    for line in lines:
        assert f'<th scope="row">{line.label}</th><td>{line.this}</td><td>{line.last}</td>' in html
    by_label = {line.label: line for line in lines}
    assert by_label["Money received (less refunds)"].this != "£0"  # today's gift is in it
    assert by_label["Volunteers active at the end"].this == f"{f.volunteering(period).active:,}"
    # The panel is for programme leads only.
    assert "Programme figures" not in dashboard(client, roles.FINANCE)


def shown(html: str, pattern: str) -> int:
    found = re.search(pattern, html)
    assert found, pattern
    return int(found.group(1))


def test_the_coordinators_panel_counts_its_figures_again_once_the_cache_time_has_passed(
    client, used_demo
):
    """The panel's new applications and paused volunteers (impact.figures.volunteering, which
    reads every volunteer's status log) are counted at most once every
    IMPACT_PAGE_CACHE_SECONDS, and again as soon as a volunteer applies or changes stage; the
    panel says when they were counted."""
    html = dashboard(client, roles.VOLUNTEER_COORDINATORS)
    stages = f.volunteering(Period.all_time()).by_stage
    assert shown(html, r">(\d+) new applications?</a>") == stages["applied"]
    assert shown(html, r"(\d+) volunteers? paused") == stages["paused"]
    minutes = settings.IMPACT_PAGE_CACHE_SECONDS // 60
    assert f"and every {minutes} minutes" in html
    counted_at = timezone.localtime(dashboards.volunteering_now(timezone.localdate())[1])
    assert f"counted at {counted_at:%H:%M};" in html

    applicant()  # a new application: counted again at once (impact.signals)
    html = dashboard(client, roles.VOLUNTEER_COORDINATORS)
    assert shown(html, r">(\d+) new applications?</a>") == stages["applied"] + 1

    later = timezone.now() + dt.timedelta(seconds=settings.IMPACT_PAGE_CACHE_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        html = dashboard(client, roles.VOLUNTEER_COORDINATORS)
        again = f.volunteering(Period.all_time()).by_stage
        assert again["applied"] == stages["applied"] + 1
        assert shown(html, r">(\d+) new applications?</a>") == again["applied"]
        assert shown(html, r"(\d+) volunteers? paused") == again["paused"]
        assert f"counted at {timezone.localtime():%H:%M};" in html


def test_the_coordinators_panel_shows_the_counted_figures_not_another_number(client, used_demo):
    """Whatever the cache holds for today is what the panel shows, so a wrong count kept there
    would show (and the figures are the one definition, checked above against the records)."""
    today = timezone.localdate()
    volunteering, _ = dashboards.volunteering_now(today)
    assert volunteering == f.volunteering(Period.all_time())
    key = f"impact:volunteering-now:v1:{today:%Y-%m-%d}"
    wrong = {**volunteering.by_stage, "applied": 9_999, "paused": 8_888}
    cache.set(key, (replace(volunteering, by_stage=wrong), timezone.now()), 60)
    html = dashboard(client, roles.VOLUNTEER_COORDINATORS)
    assert ">9999 new applications</a>" in html and "8888 volunteers paused" in html
    cache.delete(key)
    html = dashboard(client, roles.VOLUNTEER_COORDINATORS)
    assert f">{volunteering.by_stage['applied']} new application" in html
