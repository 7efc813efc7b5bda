"""The demo after use: every site-settings row saved, then every coordinator, mentor and
volunteer screen opened with the demo data loaded. Nothing answers 500; the matching screens
have something in them."""

from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Site

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from matching.models import Match, YoungPerson
from nolimits.models import User
from volunteers.models import Volunteer, VolunteerSession
from volunteers.wagtail_hooks import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def used_demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    for model in apps.get_models():
        if issubclass(model, BaseSiteSetting):
            model.for_site(site).save()
        elif issubclass(model, BaseGenericSetting):
            model.load().save()
    return site


def sign_in(client, email):
    user = User.objects.get(email=email)
    if not user.authenticator_set.exists():
        TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def opens(client, url):
    response = client.get(url)
    assert response.status_code < 500, url
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_demo_has_something_on_every_matching_screen(client, used_demo):
    sign_in(client, "coordinator@example.org")
    waiting = YoungPerson.objects.filter(status="waiting")
    assert waiting.count() >= 3
    ranked = [
        opens(client, reverse("volunteers_suggestions", args=[yp.pk]))
        for yp in waiting.order_by("referred_at")
    ]
    assert any(page.count("Propose ") >= 2 for page in ranked)  # a ranked list, not one name
    assert Match.objects.filter(status="proposed").exists()
    # The demo volunteer's match is under way (beside the history's matches, issue 15).
    active = Match.objects.filter(status="active")
    assert "volunteer@example.org" in active.values_list("volunteer__user__email", flat=True)
    cohort = opens(client, reverse("volunteers_cohort"))
    assert "Propose the ticked matches" in cohort


def test_every_coordinator_mentor_and_volunteer_screen_answers(client, used_demo):
    sign_in(client, "coordinator@example.org")
    urls = [
        "/admin/",
        reverse("volunteers_cohort"),
        reverse("volunteers_expenses"),
        reverse("volunteers_opportunities"),
        *[reverse(view.index_url_name) for _, view in REPORTS],
        *[
            f"/admin/{prefix}/"
            for prefix in (
                "volunteering/volunteers",
                "volunteering/references",
                "volunteering/training",
                "volunteering/sessions",
                "volunteering/expenses",
                "volunteering/dbs",
                "volunteering/young-people",
                "volunteering/matches",
                "volunteering/reviews",
            )
        ],
        *[reverse("volunteers_file", args=[v.pk]) for v in Volunteer.objects.all()],
        *[reverse("volunteers_suggestions", args=[y.pk]) for y in YoungPerson.objects.all()],
        *[reverse("volunteers_match", args=[m.pk]) for m in Match.objects.all()],
    ]
    for url in urls:
        opens(client, url)
    client.logout()

    sign_in(client, "mentor@example.org")
    page = opens(client, "/volunteer/mentor/")
    assert "Val Volunteer" in page and "Cleared for adults (18+) only" in page
    for volunteer in Volunteer.objects.filter(mentor__email="mentor@example.org"):
        opens(client, f"/volunteer/mentor/{volunteer.pk}/")
    client.logout()

    val = sign_in(client, "volunteer@example.org")
    checklist = opens(client, "/volunteer/checklist/")
    assert "Your young person: Tyler" in checklist and "Log a session with Tyler" in checklist
    for url in ("/volunteer/sessions/", "/volunteer/come-along/new/", "/volunteer/withdraw/"):
        opens(client, url)
    match = Match.objects.get(status="active", volunteer__user__email="volunteer@example.org")
    client.post(
        "/volunteer/sessions/",
        {
            "with_whom": match.pk,
            "date": timezone.localdate().isoformat(),
            "minutes": 90,
            "what_happened": "Cooked pasta together",
        },
    )
    session = VolunteerSession.objects.get(volunteer__user=val)
    assert session.match_link.match == match
    # The sessions list links each session to its claim page (written by url_for_each).
    listed = opens(client, "/volunteer/sessions/")
    claim = f"/volunteer/sessions/{session.pk}/claim/"
    assert f'href="{claim}"' in listed and claim == reverse("volunteers:claim", args=[session.pk])
    opens(client, claim)
