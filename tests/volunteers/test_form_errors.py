"""Volunteers' forms after a mistake: each error beside the field it is about, in plain words,
with the page's title saying so."""

import re

from django.utils import timezone

import pytest

from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import ExpenseClaim, Opportunity

pytestmark = pytest.mark.django_db


def error_beside(html: str, field: str) -> str:
    found = re.search(
        rf'<p id="id_{field}-error" class="govuk-error-message">(.*?)</p>', html, re.S
    )
    assert found, f"no error beside {field}"
    return re.sub(r"<[^>]+>|Error:", "", found.group(1)).strip()


@pytest.fixture
def session(coordinator, mentor):
    volunteer = applicant()
    services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
    return services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=60,
        what_happened="Football",
    )


def test_a_claim_over_the_limit_is_shown_beside_the_miles(client, home, session):
    client.force_login(session.volunteer.user)
    html = client.post(
        f"/volunteer/sessions/{session.pk}/claim/",
        {"kind": "mileage", "description": "A very long drive", "miles": "5000"},
    ).content.decode()
    assert html.count("<title>Error: ") == 1
    assert error_beside(html, "miles").startswith("A single claim can be up to £")
    assert 'href="#id_miles">A single claim can be up to' in html  # and in the summary
    assert 'value="5000"' in html and not ExpenseClaim.objects.exists()


def test_ages_out_of_range_or_the_wrong_way_round_get_plain_messages(client, home, session):
    client.force_login(session.volunteer.user)
    html = client.post(
        "/volunteer/come-along/new/",
        {
            "title": "Choir",
            "description": "Sing",
            "location": "Hall",
            "starts_at": "2030-04-03T18:30",
            "places": "5",
            "min_age": "9",
            "max_age": "30",
        },
    ).content.decode()
    assert error_beside(html, "min_age") == "The youngest age must be 11 or over"
    assert error_beside(html, "max_age") == "The oldest age must be 25 or under"
    assert "Ensure this value" not in html
    html = client.post(
        "/volunteer/come-along/new/",
        {
            "title": "Choir",
            "description": "Sing",
            "location": "Hall",
            "starts_at": "2030-04-03T18:30",
            "places": "5",
            "min_age": "18",
            "max_age": "14",
        },
    ).content.decode()
    assert error_beside(html, "max_age") == "The oldest age must be at least the youngest age"
    assert not Opportunity.objects.exists()


def test_a_come_along_time_in_the_past_is_refused_and_kept(client, home, session):
    client.force_login(session.volunteer.user)
    html = client.post(
        "/volunteer/come-along/new/",
        {
            "title": "Choir",
            "description": "Sing",
            "location": "Hall",
            "starts_at_day": "3",
            "starts_at_month": "4",
            "starts_at_year": "2020",
            "starts_at_hour": "18",
            "starts_at_minute": "30",
            "places": "5",
            "min_age": "11",
            "max_age": "25",
        },
    ).content.decode()
    assert error_beside(html, "starts_at") == "The start must be in the future"
    for box, value in [("day", "3"), ("month", "4"), ("year", "2020"), ("hour", "18")]:
        assert (
            f'id="id_starts_at_{box}" name="starts_at_{box}" type="text" inputmode="numeric" value="{value}"'
            in html
        )
