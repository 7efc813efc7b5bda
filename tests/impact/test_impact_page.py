"""The public impact page, through the real view (client.get of its URL), on a known dataset.

Today is 15 November 2026 (UK time): "this year" is the council's financial year so far (from
1 April 2026), the charts cover December 2025 to November 2026.

Money: £50 on 20 October 2025 (before the charts), £100 in January 2026, £1,560 in March, £200 in
May less a £20 refund, £40 in November. Grant payments: one of £400 in June 2025 (before the
charts), five of £100 in January 2026, two of £150 in February and three of £200 in March, one of
£300 in April, four of £50 in June, two of £250 in November; each decided three days before it
was paid. Three young people matched with a volunteer this year.
"""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from wagtail.models import Page, Site
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants.models import Application, GrantPayment
from impact import figures as f
from impact.models import ImpactPage
from impact.periods import Period
from impact.public_figures import last_12_months, this_year
from matching.models import Match, YoungPerson
from nolimits import roles, states
from nolimits.models import ContentPage, NavigationSettings
from nolimits.money import pounds
from pledges.models import Adjustment, Donation
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
TODAY = dt.datetime(2026, 11, 15, 12, 0, tzinfo=LONDON)


def uk(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def today():
    cache.clear()  # the database cache outlives each test's rollback
    with time_machine.travel(TODAY, tick=False):
        yield TODAY.date()
    cache.clear()


@pytest.fixture
def impact_page(home):
    page = ImpactPage(title="Our impact", slug="impact", intro="<p>What we have done.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def gift(pence, paid_at, donor=None):
    """A campaign gift received at `paid_at`."""
    return Donation.objects.create(
        donor=donor or UserFactory(), kind="campaign", amount_pence=pence,
        status=Donation.Status.SUCCEEDED, paid_at=paid_at,
    )  # fmt: skip


def grant(pence, paid_on, finance, young=None):
    decided = dt.datetime.combine(paid_on - dt.timedelta(days=3), dt.time(12), tzinfo=LONDON)
    made = Application.objects.create(
        applicant=young or UserFactory(kind="young_person", directorate=""), status="paid",
        what_for="Help", amount_pence=pence, submitted_at=decided - dt.timedelta(days=10),
        decided_at=decided, decided_amount_pence=pence,
    )  # fmt: skip
    return GrantPayment.objects.create(
        application=made, amount_pence=pence, paid_on=paid_on, method="bank_transfer",
        reference=f"BACS-{made.pk}", recorded_by=finance,
    )  # fmt: skip


GRANTS = [
    (40_000, dt.date(2025, 6, 10), 1),
    (10_000, dt.date(2026, 1, 12), 5),
    (15_000, dt.date(2026, 2, 12), 2),
    (20_000, dt.date(2026, 3, 12), 3),
    (30_000, dt.date(2026, 4, 14), 1),
    (5_000, dt.date(2026, 6, 12), 4),
    (25_000, dt.date(2026, 11, 10), 2),
]


def young_people_matched(n, coordinator, when):
    volunteer = applicant()
    for i in range(n):
        person = YoungPerson.objects.create(
            first_name=f"Young{i}", date_of_birth=dt.date(2008, 1, 1), area="Thamesbrook",
            interests="music", availability="weekends", worker_name="Pat",
            worker_email="pat@example.org", consent=True, referred_at=when,
        )  # fmt: skip
        match = Match.objects.create(
            young_person=person, volunteer=volunteer, proposed_by=coordinator, proposed_at=when
        )
        with time_machine.travel(when + dt.timedelta(days=1), tick=False):
            states.move(match, "introduced", by=coordinator, reason="Met")


@pytest.fixture
def dataset(impact_page):
    gift(5_000, uk(2025, 10, 20, 10))
    gift(10_000, uk(2026, 1, 10, 10))
    gift(156_000, uk(2026, 3, 5, 10))
    refunded = gift(20_000, uk(2026, 5, 1, 10))
    Adjustment.objects.create(
        donation=refunded, kind="refund", stripe_id="re_1", amount_pence=-2_000,
        created_at=uk(2026, 5, 3, 10),
    )  # fmt: skip
    gift(4_000, uk(2026, 11, 2, 10))
    finance = UserFactory(roles=[roles.FINANCE])
    young = UserFactory(kind="young_person", directorate="")
    for pence, paid_on, n in GRANTS:
        for _ in range(n):
            grant(pence, paid_on, finance, young)
    young_people_matched(3, UserFactory(roles=[roles.VOLUNTEER_COORDINATORS]), uk(2026, 6, 1, 10))
    return impact_page


def html_of(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def table(html: str, table_id: str) -> list[list[str]]:
    """The rows of the table with `table_id`, each a list of its cells' text."""
    body = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


def svg(html: str, chart_id: str) -> str:
    return re.search(rf'<svg[^>]*aria-labelledby="{chart_id}-title.*?</svg>', html, re.S).group(0)


def bars(svg_text: str) -> list[tuple[str, int, float]]:
    """(title, pence, height) of each bar."""
    return [
        (title, int(pence), float(height))
        for height, pence, title in re.findall(
            r'<rect [^>]*height="([\d.]+)"[^>]*data-pence="(-?\d+)"><title>(.*?)</title>', svg_text
        )
    ]


# --- The figures -----------------------------------------------------------------------------------


def test_the_headline_figures_are_this_financial_year_and_all_time(client, dataset):
    rows = {r[0]: r[1:] for r in table(html_of(client, dataset), "headline-figures")}
    assert rows["Figure"] == ["Since 1 April 2026", "Since No Limits began"]
    assert rows["Money given, less refunds"] == ["£220", "£1,930"]
    assert rows["Grants awarded to young people"] == ["7", "18"]
    assert rows["Money awarded in grants"] == ["£1,000", "£2,800"]
    # Since it began, 18 grants were paid: 7 this year and 10 in the chart's earlier bars leave
    # one (June 2025) that the all-time total would give away.
    assert rows["Money paid out in grants"] == ["£1,000", "not shown"]
    assert rows["Come-along activities"] == ["0", "0"]


def test_the_headline_figures_are_the_selectors_own(client, dataset, today):
    rows = {r[0]: r[1:] for r in table(html_of(client, dataset), "headline-figures")}
    year, all_time = this_year(today), Period.all_time(today)
    assert rows["Money given, less refunds"] == [
        pounds(f.money(year).total_received_pence),
        pounds(f.money(all_time).total_received_pence),
    ]
    assert rows["Money awarded in grants"][0] == pounds(f.grants(year).awarded_pence)
    assert rows["Money paid out in grants"][0] == pounds(f.grants(year).paid_pence)


def test_three_young_people_matched_are_fewer_than_5_never_3(client, dataset):
    html = html_of(client, dataset)
    rows = {r[0]: r[1:] for r in table(html, "headline-figures")}
    assert rows["Young people matched with a volunteer"] == ["fewer than 5", "fewer than 5"]
    assert '<dd class="govuk-summary-list__value">fewer than 5</dd>' in html  # matches now
    assert f.matching(Period.all_time()).matched == 3  # the selector counts three
    assert not any("3" in cell for r in table(html, "headline-figures")
                   if "oung" in r[0] for cell in r[1:])  # fmt: skip


@override_settings(IMPACT_SMALL_NUMBER_THRESHOLD=3)
def test_the_threshold_is_the_setting(client, dataset):
    rows = {r[0]: r[1:] for r in table(html_of(client, dataset), "headline-figures")}
    assert rows["Young people matched with a volunteer"] == ["3", "3"]


# --- The charts and their tables ---------------------------------------------------------------------


def test_money_in_chart_its_table_and_summary(client, dataset, today):
    html = html_of(client, dataset)
    series = f.money_in_by_month(last_12_months(today))
    rows = table(html, "money-in-table")
    assert rows[0] == ["Month", "Money given"]
    assert rows[1:-1] == [[f"{m.start:%B %Y}", pounds(p)] for m, p in series.rows()]
    assert rows[1] == ["December 2025", "£0"] and rows[-2] == ["November 2026", "£40"]
    assert rows[-1] == ["Total", "£1,880"]
    assert (
        "£1,880 came in over the last 12 months; the most in a month was £1,560 in March 2026."
        in html
    )
    chart = svg(html, "money-in")
    assert 'role="img"' in chart
    assert '<title id="money-in-title">Money in by month</title>' in chart
    assert '<desc id="money-in-desc">A bar chart of the money given each month' in chart
    drawn = bars(chart)
    # one bar per table row, in order, each labelled with the row's month and figure
    assert [t for t, _p, _h in drawn] == [f"{month}: {value}" for month, value in rows[1:-1]]
    assert [p for _t, p, _h in drawn] == series.pence
    # and their heights are in proportion to the figures
    tallest = max(drawn, key=lambda b: b[1])
    for _t, pence, height in drawn:
        assert height == pytest.approx(tallest[2] * pence / tallest[1], abs=0.02)
    assert "style=" not in chart  # the public pages' CSP allows no inline style


def test_grants_out_months_with_fewer_than_5_grants_are_joined(client, dataset):
    html = html_of(client, dataset)
    rows = table(html, "grants-out-table")
    assert rows == [
        ["Months", "Grants paid", "Amount paid"],
        ["December 2025", "0", "£0"],
        ["January 2026", "5", "£500"],
        ["February to March 2026", "5", "£900"],
        # April's one grant joins June's four; November's two join them, back over empty months
        ["April to November 2026", "7", "£1,000"],
        ["Total", "17", "£2,400"],
    ]
    drawn = bars(svg(html, "grants-out"))
    assert [(t, p) for t, p, _h in drawn] == [
        ("December 2025: £0", 0),
        ("January 2026: £500", 50_000),
        ("February to March 2026: £900", 90_000),
        ("April to November 2026: £1,000", 100_000),
    ]
    assert "£300" not in html and "£500 was" not in html  # April's grant alone is never shown
    assert "£2,400 was paid to young people in 17 grants over the last 12 months." in html


def test_when_all_the_grants_are_few_no_amount_is_shown(client, impact_page):
    finance = UserFactory(roles=[roles.FINANCE])
    grant(30_000, dt.date(2026, 5, 12), finance)
    grant(20_000, dt.date(2026, 9, 12), finance)
    html = html_of(client, impact_page)
    rows = {r[0]: r[1:] for r in table(html, "headline-figures")}
    assert rows["Money paid out in grants"] == ["not shown", "not shown"]
    assert rows["Money awarded in grants"] == ["not shown", "not shown"]
    assert rows["Grants awarded to young people"] == ["fewer than 5", "fewer than 5"]
    grants = table(html, "grants-out-table")
    assert ["April to November 2026", "fewer than 5", "not shown"] in grants
    assert grants[-1][0] != "Total"
    assert "£300" not in html and "£200" not in html and "£500" not in html
    assert "data-kept-back" in svg(html, "grants-out")
    assert "Fewer than 5 grants were paid over the last 12 months" in html


# --- Cached, and cheap -------------------------------------------------------------------------------


def test_the_figures_are_cached_and_forgotten_when_the_page_is_published(client, dataset):
    assert "£1,880 came in" in html_of(client, dataset)
    gift(10_000, uk(2026, 11, 14, 10))
    assert "£1,880 came in" in html_of(client, dataset)  # counted once, kept
    dataset.save_revision().publish()
    assert "£1,980 came in" in html_of(client, dataset)


def test_the_cache_lasts_the_setting(client, dataset):
    # The figures' own cache (the whole-page cache, nolimits/pagecache.py, is off here: it keeps
    # the page for NOLIMITS_PAGE_CACHE_SECONDS on top, and is tested in tests/nolimits/).
    with override_settings(IMPACT_PAGE_CACHE_SECONDS=60, NOLIMITS_PAGE_CACHE_SECONDS=0):
        html_of(client, dataset)
        gift(10_000, uk(2026, 11, 14, 10))
        with time_machine.travel(TODAY + dt.timedelta(seconds=59), tick=False):
            assert "£1,880 came in" in html_of(client, dataset)
        with time_machine.travel(TODAY + dt.timedelta(seconds=61), tick=False):
            assert "£1,980 came in" in html_of(client, dataset)


def queries(client, page) -> int:
    with CaptureQueriesContext(connection) as captured:
        html_of(client, page)
    return len(captured)


def test_the_query_count_stays_the_same_with_ten_times_the_data(client, dataset):
    html_of(client, dataset)  # the first visit also makes the site's settings rows
    cache.clear()
    cold, warm = queries(client, dataset), queries(client, dataset)
    assert warm < cold
    content = ContentPage(title="About", slug="about")
    dataset.get_parent().add_child(instance=content)
    content.save_revision().publish()
    queries(client, content)
    # Once counted, the impact page costs a content page and one cache look-up.
    assert warm <= queries(client, content) + 1
    finance = UserFactory(roles=[roles.FINANCE])
    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    donor, young = UserFactory(), UserFactory(kind="young_person", directorate="")
    for n in range(60):
        gift(1_000 + n, uk(2026, 1 + n % 10, 3, 10), donor)
    for pence, paid_on, n in GRANTS * 9:
        for _ in range(n):
            grant(pence, paid_on, finance, young)
    young_people_matched(27, coordinator, uk(2026, 7, 1, 10))
    cache.clear()
    assert queries(client, dataset) == cold
    assert queries(client, dataset) == warm
    rows = {r[0]: r[1:] for r in table(html_of(client, dataset), "headline-figures")}
    assert rows["Young people matched with a volunteer"] == ["30", "30"]


# --- Editors place it ----------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, home):
    editor = UserFactory(roles=[roles.EDITORS])
    TOTP.activate(editor, generate_totp_secret())
    client.force_login(editor)
    return client


def test_an_editor_creates_and_publishes_the_impact_page_under_home(editor_client, home):
    url = f"/admin/pages/add/impact/impactpage/{home.pk}/"
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(
        url,
        nested_form_data(
            {
                "title": "What we have done",
                "slug": "what-we-have-done",
                "intro": rich_text("Every pound goes to young people."),
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302
    page = ImpactPage.objects.get()
    assert page.live and page.get_parent().pk == home.pk
    html = editor_client.get(page.url).content.decode()
    assert "Every pound goes to young people." in html
    assert 'id="money-in-table"' in html
    # One impact page only, and only under home, with no pages under it.
    assert editor_client.get(url).status_code in (302, 403)
    assert ImpactPage.can_create_at(home) is False
    assert ImpactPage.allowed_subpage_models() == []
    assert [m.__name__ for m in ImpactPage.allowed_parent_page_models()] == ["HomePage"]


def test_the_demo_places_the_impact_page_in_the_navigation_once(client, db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    page = ImpactPage.objects.live().get()
    links = NavigationSettings.for_site(Site.objects.get(is_default_site=True)).header_links
    assert [b.value["label"] for b in links if b.value["page"] == Page.objects.get(pk=page.pk)] == [
        "Our impact"
    ]
    html = client.get("/").content.decode()
    assert f'href="{page.url}">Our impact</a>' in html
    assert client.get(page.url).status_code == 200
