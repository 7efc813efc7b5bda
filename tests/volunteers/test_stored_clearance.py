"""The clearance summary stored on each volunteer (for the matching prefilter) stays what
clearance.py says after every kind of write: each service, a settings change, the demo loader."""

import datetime as dt

from django.core.management import call_command
from django.urls import reverse

from wagtail.models import Site

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from matching import cohort, suggestions
from nolimits.forms import pounds_text
from tests.volunteers.conftest import applicant, make_cleared
from volunteers import services
from volunteers.clearance import Context, summary
from volunteers.models import DBSCheck, Volunteer, VolunteeringSettings

pytestmark = pytest.mark.django_db


def stored_is_true(volunteer) -> tuple:
    fresh = Volunteer.objects.get(pk=volunteer.pk)
    expected = summary(fresh, context=Context.load())
    assert (fresh.cleared_children_until, fresh.cleared_adults_until) == expected
    return expected


@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC), tick=False)
def test_every_service_that_writes_a_record_the_rule_reads_stores_the_summary_again(
    coordinator, mentor, induction, handbook
):
    volunteer = applicant()
    assert stored_is_true(volunteer) == (None, None)
    first, second = volunteer.references.all()
    services.reference_record(
        reference=first, by=coordinator, outcome="satisfactory", received_on=dt.date(2026, 6, 1)
    )
    services.reference_record(
        reference=second, by=coordinator, outcome="satisfactory", received_on=dt.date(2026, 6, 1)
    )
    services.interview_record(volunteer=volunteer, by=coordinator, done_on=dt.date(2026, 6, 2))
    check = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level=DBSCheck.Level.ENHANCED_BARRED,
        workforce="both",
        childrens_barred_list_checked=True,
        has_content=True,
        certificate_number="001234567890",
        issue_date=dt.date(2026, 6, 1),
    )
    services.dbs_check_decide(check=check, by=coordinator, decision="accepted")
    services.training_record_add(
        volunteer=volunteer, course=induction, completed_on=dt.date(2026, 7, 1), by=coordinator
    )
    services.handbook_accept(volunteer=volunteer, by=volunteer.user)
    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    services.dbs_risk_assessment_approve(check=check, by=coordinator)
    assert stored_is_true(volunteer) == (None, None)  # not approved yet
    services.volunteer_approve(volunteer=volunteer, by=coordinator)
    # cleared until the DBS renewal (1 June 2029), before the training runs out (1 July 2029)
    until = dt.date(2029, 6, 1)
    assert stored_is_true(volunteer) == (until, until)
    assert list(suggestions.cleared_prefilter(Volunteer.objects.all(), age=15)) == [volunteer]
    # each later write, one at a time, and the summary follows
    services.volunteer_suspend(volunteer=volunteer, by=coordinator, reason="Holiday")
    assert stored_is_true(volunteer) == (None, None)
    services.volunteer_move(volunteer=volunteer, to="active", by=coordinator, reason="Back")
    assert stored_is_true(volunteer) == (until, until)
    newer = services.dbs_check_record(
        volunteer=volunteer,
        by=coordinator,
        level=DBSCheck.Level.ENHANCED,
        workforce="adult",
        certificate_number="001234567891",
        issue_date=dt.date(2026, 11, 1),
    )
    assert stored_is_true(volunteer) == (until, until)  # not decided: the old one counts
    services.dbs_check_decide(check=newer, by=coordinator, decision="accepted")
    assert stored_is_true(volunteer) == (None, dt.date(2029, 7, 1))  # adults only, training first
    services.training_record_add(
        volunteer=volunteer, course=induction, completed_on=dt.date(2026, 11, 20), by=coordinator
    )
    assert stored_is_true(volunteer) == (None, dt.date(2029, 11, 1))
    services.dbs_status_check_record(
        check=newer, by=coordinator, result="NEW_INFO", checked_on=dt.date(2026, 11, 21)
    )
    assert stored_is_true(volunteer) == (None, None)


@pytest.fixture
def cleared(coordinator, mentor, induction, handbook):
    def make():
        volunteer = applicant()
        make_cleared(
            volunteer,
            coordinator=coordinator,
            mentor=mentor,
            induction=induction,
            handbook=handbook,
        )
        return volunteer

    return make


@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC), tick=False)
def test_a_referees_answer_and_a_shorter_recheck_period_store_the_summary_again(
    client, cleared, admin_user
):
    volunteer = cleared()  # DBS issued 1 June 2025
    assert stored_is_true(volunteer) == (dt.date(2028, 6, 1), dt.date(2028, 6, 1))
    reference = volunteer.references.first()
    reference.used_at = None
    reference.save()
    services.reference_give(
        token=services.reference_link(reference).rsplit("/", 2)[-2],
        known_for="Ten years",
        suitable=False,
        concerns="Worried",
    )
    assert stored_is_true(volunteer) == (None, None)
    other = cleared()
    # Settings → Volunteering, saved in the admin: a one-year recheck ends both clearances
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)

    site = Site.objects.get(is_default_site=True)
    settings_row = VolunteeringSettings.for_site(site)
    response = client.post(
        reverse("wagtailsettings:edit", args=["volunteers", "volunteeringsettings", site.pk]),
        {
            "dbs_recheck_years": 1,
            "max_expense_claim_pence": pounds_text(settings_row.max_expense_claim_pence),
            "max_expenses_per_month_pence": pounds_text(settings_row.max_expenses_per_month_pence),
            "mileage_rate_pence": settings_row.mileage_rate_pence,
            "reference_link_days": settings_row.reference_link_days,
            "weight_interests": 50,
            "weight_availability": 30,
            "weight_area": 20,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    assert VolunteeringSettings.for_site(site).dbs_recheck_years == 1
    assert stored_is_true(other) == (None, None)


def test_the_demo_loader_stores_every_volunteers_summary(db):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # run again on a used demo
    volunteers = list(Volunteer.objects.all())
    assert any(v.cleared_children_until for v in volunteers)
    assert any(v.cleared_adults_until and not v.cleared_children_until for v in volunteers)
    for volunteer in volunteers:
        stored_is_true(volunteer)


def test_the_cohort_matrix_agrees_with_scoring_pair_by_pair(db):
    """pair_scores() does score() and _cheap_exclusion() for a whole cohort at once."""
    import random

    from matching.models import YoungPerson
    from nolimits.models import User

    rng = random.Random(7)
    words = ["football", "music", "coding", "art", "baking", "chess", "cooking", "", "the"]
    slots = ["Monday evenings", "weekends", "Tuesday mornings", "anytime", "", "weekday"]
    areas = ["Thamesbrook", "Riverside", "Eastgate", ""]
    pool = []
    for i in range(60):
        volunteer = Volunteer(
            pk=i + 1,
            user=User(email=f"V{i}@example.org"),
            route=rng.choice(["one_to_one", "come_along", "both"]),
            gender=rng.choice(["", "woman", "man"]),
            capacity=rng.choice([0, 1, 2]),
            interests=", ".join(rng.sample(words, 3)),
            availability=" and ".join(rng.sample(slots, 2)),
            area=rng.choice(areas),
            areas_covered=",".join(rng.sample(areas, 2)),
        )
        volunteer.open_matches = rng.choice([0, 1])
        pool.append(volunteer)
    today = dt.date.today()
    people = [
        YoungPerson(
            pk=1000 + i,
            first_name="Y",
            date_of_birth=today.replace(year=today.year - rng.choice([14, 17, 18, 22])),
            area=rng.choice(areas),
            interests=", ".join(rng.sample(words, 2)),
            availability=rng.choice(slots),
            volunteer_preference=rng.choice(["", "", "woman", "man"]),
            worker_email=rng.choice(["v3@example.org", "w@example.org"]),
        )
        for i in range(40)
    ]
    cleared = {(c, child): rng.random() < 0.8 for c in range(len(pool)) for child in (True, False)}
    for weights in (
        suggestions.Weights(),
        suggestions.Weights(7, 0, 3),
        suggestions.Weights(1, 1, 1),
    ):
        profiles = [suggestions.profile_of(v) for v in pool]
        matrix = cohort.pair_scores(
            people, pool, profiles, weights, lambda c, child: cleared[(c, child)]
        )
        allowed = 0
        for r, person in enumerate(people):
            yp = suggestions.profile_of(person)
            for c, volunteer in enumerate(pool):
                out = suggestions.exclusion_reason(person, volunteer, yp, profiles[c], set())
                if out or not cleared[(c, person.age() < 18)]:
                    assert matrix[r, c] == suggestions.FORBIDDEN, (r, c)
                else:
                    allowed += 1
                    expected = suggestions.score(person, volunteer, weights, yp=yp, vp=profiles[c])
                    assert matrix[r, c] == expected.score, (r, c)
        assert allowed > 50
