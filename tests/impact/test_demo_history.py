"""The demo has a past (impact/demo_history): after `load_demo` the figures for the last 12 months
and for all time are real in every pillar, every status log agrees with its record, a second run
changes nothing, and the pages a newcomer follows from the navigation are the real page types."""

import datetime as dt
import re

from django.apps import apps
from django.core.management import call_command
from django.utils import timezone

import pytest

from grants.models import Application, Category, FundPage
from impact import demo_history
from impact.figures import figures, money_in_by_month
from impact.periods import Period
from matching.models import Match
from nolimits.models import ContentPage, HomePage, NavigationSettings
from pledges.models import Donation, GiftAidClaim, PayrollRun
from volunteers.models import Opportunity, OpportunityIndexPage, Volunteer

pytestmark = pytest.mark.django_db

APPS = ("nolimits", "pledges", "volunteers", "matching", "grants", "impact", "wagtailcore")


def load() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def last_12_months() -> Period:
    today = timezone.localdate()
    return Period.between(today - dt.timedelta(days=365), today)


def stateful_models():
    for model in apps.get_models():
        if hasattr(model, "TRANSITIONS") and any(
            r.related_name == "status_changes" for r in model._meta.related_objects
        ):
            yield model


def test_the_figures_are_real_in_every_pillar_for_the_last_year_and_all_time():
    load()
    for period in (last_12_months(), Period.all_time()):
        f = figures(period)
        assert all(f.money.gross_pence[route] > 0 for route in f.money.gross_pence), period
        assert f.money.refunds_pence < 0 and f.money.disputes_pence < 0, period
        assert f.money.gift_aid_claimed_on_pence > 0 and f.gift_aid_to_claim_pence > 0, period
        assert f.money.councillors_giving > 0 and f.monthly_giving.givers > 0, period
        assert all(n > 0 for n in f.volunteering.by_stage.values()), f.volunteering.by_stage
        assert f.volunteering.cleared > 0 and f.volunteering.active_with_current_dbs > 0
        assert f.volunteering.active_with_training_in_date > 0
        m = f.matching
        assert m.referred and m.matched and m.matches_active and m.matches_closed, (period, m)
        assert m.sessions > 0 and len(m.closed_reasons) > 1, (period, m)
        assert f.come_along.activities > 0 and f.come_along.places_booked > 0, period
        g = f.grants
        assert g.sent > 0 and all(n > 0 for n in g.by_outcome.values()), (period, g)
        assert g.paid > 0 and g.awarded_pence > g.paid_pence > 0, (period, g)
        assert 10 <= g.median_days_to_decision <= 40, g  # two to five weeks, as panels take
        assert len(g.by_category) >= 5, g
    # Money came in month after month, not all at once.
    series = money_in_by_month(last_12_months())
    assert sum(1 for _month, pence in series.rows() if pence > 0) >= 12
    # About 18 months, ending today: payroll confirmed every month, one Gift Aid claim.
    runs = sorted(PayrollRun.objects.values_list("month", flat=True))
    assert 15 <= len(runs) <= 18 and runs[-1] >= timezone.localdate().replace(day=1) - dt.timedelta(
        days=62
    )
    assert GiftAidClaim.objects.count() == 1
    first_gift = Donation.objects.order_by("paid_at").first().paid_at
    assert 500 <= (timezone.now() - first_gift).days <= 560
    assert not Donation.objects.filter(paid_at__gt=timezone.now()).exists()
    # Every stage today, as the coordinators' and the panel's lists show them.
    assert set(Volunteer.objects.values_list("status", flat=True)) == set(Volunteer.Status.values)
    assert set(Match.objects.values_list("status", flat=True)) == set(Match.Status.values)
    every_resting_status = set(Application.Status.values) - {Application.Status.SUBMITTED}
    assert set(Application.objects.values_list("status", flat=True)) == every_resting_status
    assert Opportunity.objects.filter(status=Opportunity.Status.DECLINED).exists()


def test_every_status_log_agrees_with_its_record():
    """Each record's log is a chain (each change leaves the status the one before reached) from
    the status it was made in, and ends at the status it has: what impact.figures.status_at reads
    "at the end of a period" is what happened. Monthly and payroll gifts are made received and
    have no log, as Stripe's invoice events and the payroll run make them."""
    load()
    checked = 0
    for model in stateful_models():
        default = model._meta.get_field("status").default
        log_key = next(
            f.name
            for f in model.status_changes.rel.related_model._meta.concrete_fields
            if f.is_relation and f.related_model is model
        )
        logs: dict[int, list[tuple[str, str]]] = {}
        for pk, frm, to in model.status_changes.rel.related_model.objects.order_by(
            "at", "pk"
        ).values_list(log_key, "from_status", "to_status"):
            logs.setdefault(pk, []).append((frm, to))
        for record in model.objects.all():
            chain = logs.get(record.pk)
            if not chain:
                made_received = model is Donation and record.kind in ("monthly", "payroll")
                assert record.status == default or made_received, (model, record.pk)
                continue
            assert chain[0][0] == default, (model, record.pk, chain)
            for (_, before), (after, _) in zip(chain, chain[1:], strict=False):
                assert before == after, (model, record.pk, chain)
            assert chain[-1][1] == record.status, (model, record.pk, chain)
            checked += 1
    assert checked > 250


def test_the_history_sends_no_email():
    """Its services ran at past moments; what they would have sent then is no news today."""
    from nolimits.models import OutboxMessage

    load()
    assert not OutboxMessage.objects.filter(to__contains="sam.adviser").exists()
    assert not OutboxMessage.objects.filter(to__contains=".vol").exists()
    assert demo_history.is_built()


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in APPS
    }


def test_running_it_twice_changes_nothing():
    load()
    first = counts()
    assert demo_history.is_built()
    load()
    assert counts() == first


def nav_links(client) -> dict[str, str]:
    html = client.get("/").content.decode()
    nav = html[
        html.index('aria-label="Main"') : html.index("</nav>", html.index('aria-label="Main"'))
    ]
    return {label: href for href, label in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', nav)}


def test_the_newcomers_pages_are_the_real_page_types(client):
    load()
    links = nav_links(client)
    fund = FundPage.objects.get()
    assert links["Apply for a grant"] == fund.url
    html = client.get(links["Apply for a grant"]).content.decode()
    for category in Category.objects.filter(active=True):
        assert category.name in html and category.max_amount in html
    assert "Start your application" in html
    home = HomePage.objects.get()
    [call] = [
        b
        for b in home.body
        if b.block_type == "call_to_action" and "grant" in b.value["heading"].lower()
    ]
    assert call.value["link"]["page"].specific == fund
    assert not ContentPage.objects.filter(slug="grants").exists()

    come_along = OpportunityIndexPage.objects.get()
    assert links["Come along"] == come_along.url
    html = client.get(links["Come along"]).content.decode()
    upcoming = Opportunity.objects.filter(status="approved", starts_at__gt=timezone.now())
    assert upcoming.exists()
    for opportunity in upcoming:
        assert opportunity.title in html
    past = Opportunity.objects.filter(status="approved", starts_at__lt=timezone.now()).first()
    declined = Opportunity.objects.filter(status="declined").first()
    assert past.title not in html or upcoming.filter(title=past.title).exists()
    assert declined.title not in html or upcoming.filter(title=declined.title).exists()


def test_a_demo_loaded_before_the_fund_page_is_upgraded(client, monkeypatch):
    """A demo database loaded when "Apply for a grant" was a content page: loading again puts
    the fund page in its place, in the navigation and on the home page, and deletes the content
    page (nothing else links to it)."""
    import grants.demo_content

    monkeypatch.setattr(demo_history, "load", lambda: None)
    monkeypatch.setattr(grants.demo_content, "_fund_page", lambda home: None)
    load()
    old = ContentPage.objects.get(slug="grants")
    assert nav_links(client)["Apply for a grant"] == old.url
    monkeypatch.undo()
    monkeypatch.setattr(demo_history, "load", lambda: None)
    load()
    fund = FundPage.objects.get()
    assert fund.url == old.url == "/grants/"
    assert nav_links(client)["Apply for a grant"] == fund.url
    assert not ContentPage.objects.filter(pk=old.pk).exists()
    calls = [
        b.value["link"]["page"]
        for b in HomePage.objects.get().body
        if b.block_type == "call_to_action"
    ]
    assert fund.pk in [page.pk for page in calls]
    assert len(NavigationSettings.objects.get().header_links) == 8  # with "Our impact"


def test_the_funds_ledger_and_the_campaign_totals_agree_with_the_records():
    """The history writes many gifts in bulk: the fund's kept balance and each campaign's stored
    total (what the dashboards and the campaign page show) still equal the full sums."""
    from grants.fund import reconcile_ledger
    from pledges.campaign_totals import ledger_sum
    from pledges.models import CampaignPage, CampaignTotal

    load()
    assert reconcile_ledger().agrees
    campaigns = CampaignPage.objects.all()
    assert campaigns
    for campaign in campaigns:
        stored = CampaignTotal.objects.get(campaign=campaign)
        for name, value in ledger_sum(campaign.pk).items():
            assert getattr(stored, name) == value, (campaign.title, name)
