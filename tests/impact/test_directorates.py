"""Participation by directorate (impact.figures.directorates) on a known dataset for the reporting
period April to September 2025, and the champions' screens: a champion sees their own
directorate only (by URL too), never names; programme leads see every directorate side by side
and councillors as their own group; the encouragement is the editable text."""

import datetime as dt

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from impact.champions import selectors
from impact.champions.models import DirectorateChampion, Encouragement
from impact.figures import directorates as d
from impact.periods import Period
from nolimits import roles
from nolimits.models import User
from tests.factories import UserFactory
from tests.impact.test_figures import at, gift, pledge, uk
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services as volunteering

pytestmark = pytest.mark.django_db

HALF = Period.reporting_period(2025, 4)  # 1 April to 30 September 2025
RESOURCES, CHILDREN = User.Directorate.RESOURCES, User.Directorate.CHILDREN
FIRST = ["fay", "gus", "hal", "ivy", "jo", "kit", "lee", "max", "ned", "oli"]
NAMES = [f"{first.title()} Zqname{first}" for first in FIRST]  # distinctive, to search pages for


def person(name, directorate=RESOURCES, kind=User.Kind.STAFF):
    return UserFactory(full_name=name, kind=kind, directorate=directorate)


@pytest.fixture
def people(db, coordinator, mentor, induction, handbook):
    p = dict(zip(FIRST, NAMES, strict=True))
    fay, gus, hal, ivy = (person(p[k]) for k in ("fay", "gus", "hal", "ivy"))
    jo, kit, lee = (person(p[k], CHILDREN) for k in ("jo", "kit", "lee"))
    cllr = person(p["max"], "", User.Kind.COUNCILLOR)
    unsaid = person(p["ned"], "")
    young = person(p["oli"], "", User.Kind.YOUNG_PERSON)

    gift(fay, "campaign", 1000, uk(2025, 5, 10, 12))  # inside: May
    gift(gus, "campaign", 1000, uk(2025, 3, 31, 23, 30))  # outside: March (BST)
    gift(gus, "campaign", 1000, uk(2025, 10, 1, 0, 0))  # outside: October
    pledge(hal, 500, [(uk(2025, 3, 1), "active")])  # active throughout
    pledge(ivy, 500, [(uk(2025, 3, 1), "active"), (uk(2025, 8, 15), "cancelled")])
    gift(lee, "campaign", 2500, uk(2025, 6, 1, 9))
    gift(cllr, "campaign", 5000, uk(2025, 7, 1, 9))
    gift(unsaid, "campaign", 700, uk(2025, 9, 30, 23, 30))  # the last evening: inside
    gift(young, "campaign", 300, uk(2025, 6, 1, 9))  # neither staff nor councillor

    def cleared(user, applied, approved):
        volunteer = at(applied, applicant, user=user)
        at(approved, make_cleared, volunteer, coordinator=coordinator, mentor=mentor,
           induction=induction, handbook=handbook, issue=dt.date(2025, 3, 1),
           trained=dt.date(2025, 3, 15))  # fmt: skip
        return volunteer

    cleared(hal, uk(2025, 4, 20), uk(2025, 5, 2))  # active from May: Hal does both
    cleared(jo, uk(2025, 3, 1), uk(2025, 3, 20))
    at(uk(2025, 4, 1), applicant, user=kit)  # applied, never active
    left = cleared(gus, uk(2025, 3, 1), uk(2025, 3, 20))  # active, then left in July
    at(uk(2025, 7, 10), volunteering.volunteer_move, volunteer=left, to="left", by=coordinator,
       reason="Moved away")  # fmt: skip
    return {"hal": hal, "fay": fay}


def test_people_giving_volunteering_and_both_for_the_period(people):
    found = d.by_directorate(HALF)
    assert [g.key for g in found.groups] == [
        *User.Directorate.values,
        d.NOT_RECORDED,
        d.COUNCILLORS,
    ]
    # Resources: Fay gave in May, Hal's pledge was active at the end; Ivy's was cancelled in
    # August; Gus gave only outside the period and had left volunteering by the end.
    assert found.group(RESOURCES).counts == d.Counts(giving=2, volunteering=1, both=1)
    assert found.group(CHILDREN).counts == d.Counts(giving=1, volunteering=1, both=0)
    assert found.group(d.COUNCILLORS).counts == d.Counts(giving=1, volunteering=0, both=0)
    assert found.group(d.NOT_RECORDED).counts == d.Counts(giving=1, volunteering=0, both=0)
    assert found.group(User.Directorate.PLACE).counts == d.Counts(0, 0, 0)
    # The young person's gift is not anyone's directorate.
    assert sum(g.counts.giving for g in found.groups) == 5


def test_month_by_month(people):
    found = d.by_directorate(HALF)
    assert [m.label for m in found.months] == [
        "Apr 2025", "May 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025"
    ]  # fmt: skip
    resources = [counts for _, counts in found.group(RESOURCES).by_month]
    # Giving: Hal and Ivy's pledges (Ivy's until August), and Fay's gift in May.
    assert [c.giving for c in resources] == [2, 3, 2, 2, 1, 1]
    # Gus was active until July; Hal from May.
    assert [c.volunteering for c in resources] == [1, 2, 2, 1, 1, 1]
    assert [c.both for c in resources] == [0, 1, 1, 1, 1, 1]
    children = [counts for _, counts in found.group(CHILDREN).by_month]
    assert [c.giving for c in children] == [0, 0, 1, 0, 0, 0]
    # The last month's end is the period's, so it agrees with the period's snapshot.
    assert resources[-1].volunteering == found.group(RESOURCES).counts.volunteering


def test_one_directorate_counts_only_its_own_people(people):
    only = d.by_directorate(HALF, only=RESOURCES)
    assert [g.key for g in only.groups] == [RESOURCES]
    assert only.group(RESOURCES) == d.by_directorate(HALF).group(RESOURCES)
    assert d.by_directorate(HALF, only=d.COUNCILLORS).group(d.COUNCILLORS).counts.giving == 1


def test_the_board_reports_table_suppresses_small_numbers(people, settings):
    table = d.participation(HALF)
    assert table.headings == ["Directorate", *d.COLUMNS]
    assert table.rows[-1] == ["Councillors", "fewer than 5", "0", "0"]
    settings.IMPACT_SMALL_NUMBER_THRESHOLD = 1
    rows = {row[0]: row[1:] for row in d.participation(HALF).rows}
    assert rows["Resources (finance, HR, legal, IT)"] == ["2", "1", "1"]


def test_the_query_count_does_not_grow_with_the_data(people, coordinator, mentor, induction,
                                                     handbook):  # fmt: skip
    with CaptureQueriesContext(connection) as before:
        d.by_directorate(HALF)
    for n in range(4):
        extra = person(f"More Person{n}", CHILDREN)
        gift(extra, "campaign", 100, uk(2025, 6, 2 + n, 9))
        pledge(extra, 300, [(uk(2025, 4, 2), "active")])
        at(uk(2025, 4, 3), applicant, user=extra)
    with CaptureQueriesContext(connection) as after:
        grown = d.by_directorate(HALF)
    assert grown.group(CHILDREN).counts.giving == 5
    assert len(after) == len(before) == 3


# --- The screens --------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def in_january_2026():
    """The screens offer the last few reporting periods: be where April-September 2025 is one."""
    with time_machine.travel(uk(2026, 1, 15, 12), tick=True):
        yield


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in its admin by sending the user to the dashboard with
    "Sorry, you do not have permission to access this area" (and a plain 403 outside it)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == "/admin/"
    )


def signed_in(client, user):
    if not Authenticator.objects.filter(user=user).exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


@pytest.fixture
def champion(db):
    user = UserFactory(full_name="Cam Champion", directorate=RESOURCES,
                       roles=[roles.DIRECTORATE_CHAMPIONS])  # fmt: skip
    DirectorateChampion.objects.create(user=user, directorate=RESOURCES)
    return user


@pytest.fixture
def lead(db):
    return UserFactory(full_name="Lou Lead", roles=[roles.PROGRAMME_LEADS])


def test_a_champion_sees_their_directorate_and_no_names(client, people, champion, settings):
    settings.IMPACT_SMALL_NUMBER_THRESHOLD = 1  # to read the numbers
    signed_in(client, champion)
    response = client.get("/admin/impact/directorates/")
    assert response.status_code == 302 and response.url == "/admin/impact/directorates/resources/"
    html = client.get("/admin/impact/directorates/resources/?period=rp-2025-04").content.decode()
    assert "Resources (finance, HR, legal, IT): participation" in html
    assert '<span class="w-text-16 w-font-bold">2</span> people giving money' in html
    assert '<th scope="row">May 2025</th><td>3</td><td>2</td><td>1</td>' in html
    assert "Zqname" not in html
    assert "Children&#x27;s services" not in html and "Councillors" not in html


def test_small_numbers_are_suppressed_on_the_champions_screen(client, people, champion):
    html = (
        signed_in(client, champion)
        .get("/admin/impact/directorates/resources/?period=rp-2025-04")
        .content.decode()
    )
    assert "fewer than 5</span> people giving money" in html
    assert "<td>2</td>" not in html and "<td>3</td>" not in html


@pytest.mark.parametrize("key", ["children", "councillors", "not_recorded", "nowhere"])
def test_a_champion_cannot_open_another_directorate_by_changing_the_url(
    client, people, champion, key
):
    client = signed_in(client, champion)
    assert refused(client.get(f"/admin/impact/directorates/{key}/"))
    html = client.get(f"/admin/impact/directorates/{key}/", follow=True).content.decode()
    assert "do not have permission" in html and "people giving money" not in html


def test_the_scope_is_enforced_in_the_selector_not_only_the_screen(people, champion):
    with pytest.raises(PermissionDenied):
        selectors.one_directorate(user=champion, key=CHILDREN, period=HALF)
    with pytest.raises(PermissionDenied):
        selectors.every_directorate(user=champion, period=HALF)
    assert selectors.one_directorate(user=champion, key=RESOURCES, period=HALF).counts.giving == 2


def test_someone_in_the_role_without_a_directorate_sees_nothing(client, people):
    unscoped = UserFactory(roles=[roles.DIRECTORATE_CHAMPIONS])
    signed_in(client, unscoped)
    for url in ["/admin/impact/directorates/", "/admin/impact/directorates/children/",
                "/admin/impact/encouragement/"]:  # fmt: skip
        assert refused(client.get(url)), url
    assert "Participation by directorate" not in client.get("/admin/").content.decode()


def test_other_admin_roles_see_no_participation(client, people):
    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    signed_in(client, coordinator)
    assert refused(client.get("/admin/impact/directorates/"))
    assert refused(client.get("/admin/impact/directorates/resources/"))


def test_a_champion_without_two_factor_is_sent_to_set_it_up(client, champion):
    client.force_login(champion)
    response = client.get("/admin/impact/directorates/resources/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("mfa_activate_totp"))


def test_programme_leads_see_every_directorate_and_councillors_side_by_side(
    client, people, lead, settings
):
    settings.IMPACT_SMALL_NUMBER_THRESHOLD = 1
    html = signed_in(client, lead).get("/admin/impact/directorates/?period=rp-2025-04")
    html = html.content.decode()
    for label in ["Resources (finance, HR, legal, IT)", "Children&#x27;s services",
                  "Councillors", "Directorate not recorded"]:  # fmt: skip
        assert label in html
    assert ">Councillors</a></th><td>1</td><td>0</td><td>0</td>" in html
    assert "Zqname" not in html
    assert client.get("/admin/impact/directorates/children/").status_code == 200


def test_a_period_not_offered_is_answered_plainly(client, people, lead):
    response = signed_in(client, lead).get("/admin/impact/directorates/?period=1999", follow=True)
    assert response.status_code == 200
    assert "Choose a period from the list." in response.content.decode()


# --- Encouragement ------------------------------------------------------------------------------


def test_the_encouragement_page_shows_the_editable_text(client, champion, lead):
    message = Encouragement.objects.create(
        title="Teams message", channel="teams", text="Hello {directorate}, join No Limits!"
    )
    html = signed_in(client, champion).get("/admin/impact/encouragement/").content.decode()
    assert "Hello Resources (finance, HR, legal, IT), join No Limits!" in html
    # A programme lead edits it in the admin (a snippet); the champion sees the new words.
    signed_in(client, lead)
    response = client.post(
        f"/admin/snippets/impact/encouragement/edit/{message.pk}/",
        {"title": "Teams message", "channel": "teams", "subject": "",
         "text": "New words for {directorate}.", "sort_order": "0"},
    )  # fmt: skip
    assert response.status_code == 302
    html = signed_in(client, champion).get("/admin/impact/encouragement/").content.decode()
    assert "New words for Resources (finance, HR, legal, IT)." in html


def test_the_demo_has_encouragement_and_a_champion(db):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(Encouragement.objects.values_list("channel", flat=True)) == {
        "email", "intranet", "teams"
    }  # fmt: skip
    champion = DirectorateChampion.objects.get(user__email="champion@example.org")
    assert champion.user.groups.filter(name=roles.DIRECTORATE_CHAMPIONS).exists()
    assert selectors.encouragement_for(user=champion.user)[0] == champion.get_directorate_display()


# --- Appointing champions -----------------------------------------------------------------------


def test_a_programme_lead_appoints_and_removes_a_champion(client, lead):
    sam = UserFactory(full_name="Sam Staff", email="sam@example.org", directorate=CHILDREN)
    signed_in(client, lead)
    response = client.post(
        "/admin/impact/champions/",
        {"action": "appoint", "directorate": CHILDREN, "email": "SAM@example.org"},
    )
    assert response.status_code == 302
    champion = DirectorateChampion.objects.get(user=sam)
    assert champion.directorate == CHILDREN and champion.appointed_by == lead
    assert sam.groups.filter(name=roles.DIRECTORATE_CHAMPIONS).exists()
    assert "Sam Staff" in client.get("/admin/impact/champions/").content.decode()
    client.post("/admin/impact/champions/", {"action": "remove", "champion": champion.pk})
    assert not DirectorateChampion.objects.exists()
    assert not sam.groups.filter(name=roles.DIRECTORATE_CHAMPIONS).exists()


@pytest.mark.parametrize(
    "email, directorate, message",
    [
        ("", CHILDREN, "Enter the champion&#x27;s email address."),
        ("nobody@example.org", CHILDREN, "Nobody with that email address has an account."),
        ("cllr@example.org", CHILDREN, "Only council staff can be a directorate champion."),
        ("sam@example.org", RESOURCES, "already has a champion: remove them first."),
        ("sam@example.org", "", "Choose the directorate they will be champion for."),
        ("sam@example.org", "nowhere", "Select a valid choice."),
    ],
)
def test_appointing_a_champion_answers_bad_input_plainly(
    client, lead, champion, email, directorate, message
):
    UserFactory(email="sam@example.org")
    UserFactory(email="cllr@example.org", kind=User.Kind.COUNCILLOR, directorate="")
    signed_in(client, lead)
    response = client.post(
        "/admin/impact/champions/",
        {"action": "appoint", "directorate": directorate, "email": email},
    )
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    if email:
        assert f'value="{email}"' in html  # what was typed is kept
    assert DirectorateChampion.objects.count() == 1
    assert Group.objects.get(name=roles.DIRECTORATE_CHAMPIONS).user_set.count() == 1


def test_only_programme_leads_appoint_champions(client, champion):
    signed_in(client, champion)
    assert refused(client.get("/admin/impact/champions/"))
    response = client.post(
        "/admin/impact/champions/",
        {"action": "appoint", "directorate": CHILDREN, "email": champion.email},
    )
    assert refused(response)
    assert DirectorateChampion.objects.count() == 1


def test_the_screens_queries_do_not_grow_with_the_data(client, people, champion, lead):
    def count(user, url):
        signed_in(client, user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    pages = [(champion, "/admin/impact/directorates/resources/?period=rp-2025-04"),
             (lead, "/admin/impact/directorates/?period=rp-2025-04")]  # fmt: skip
    before = [count(user, url) for user, url in pages]
    for n in range(3):
        extra = person(f"Extra Person{n}")
        gift(extra, "campaign", 100, uk(2025, 6, 2 + n, 9))
        pledge(extra, 300, [(uk(2025, 4, 2), "active")])
    assert [count(user, url) for user, url in pages] == before
