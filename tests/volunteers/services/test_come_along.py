"""Come-along activities: offered, checked, published, booked within places and ages, reminded."""

import datetime as dt

from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from tests.volunteers.conftest import applicant, make_cleared
from volunteers import reminders, services
from volunteers.models import Booking, Opportunity, OpportunityIndexPage

pytestmark = pytest.mark.django_db


def fields(**extra):
    return {
        "title": "Saturday parkrun",
        "description": "5k run, walk or cheer.",
        "location": "Thamesbrook Park",
        "starts_at": timezone.now() + dt.timedelta(days=5),
        "places": 2,
        "min_age": 12,
        "max_age": 17,
        "what_to_bring": "Trainers",
        "lead_adult": "",
        **extra,
    }


def test_a_volunteer_not_yet_cleared_may_only_offer_a_supervised_activity(coordinator):
    volunteer = applicant()
    with pytest.raises(ValidationError, match="name the lead adult"):
        services.opportunity_offer(volunteer=volunteer, by=volunteer.user, **fields())
    offered = services.opportunity_offer(
        volunteer=volunteer, by=volunteer.user, **fields(lead_adult="Coach Carter")
    )
    assert offered.status == "submitted"


def test_a_cleared_volunteer_can_lead_their_own(coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    assert (
        services.opportunity_offer(volunteer=volunteer, by=volunteer.user, **fields()).lead_adult
        == ""
    )


@pytest.fixture
def published(coordinator):
    volunteer = applicant()
    opportunity = services.opportunity_offer(
        volunteer=volunteer, by=volunteer.user, **fields(lead_adult="Coach Carter")
    )
    services.opportunity_decide(opportunity=opportunity, by=coordinator, approve=True)
    return opportunity


def test_bookings_respect_places_and_ages(published):
    book = {"booker_name": "Wren Worker", "booker_email": "wren@example.org"}
    with pytest.raises(ValidationError, match="ages 12 to 17"):
        services.booking_make(
            opportunity=published, young_person_first_name="Kai", young_person_age=19, **book
        )
    services.booking_make(
        opportunity=published, young_person_first_name="Jo", young_person_age=14, **book
    )
    services.booking_make(
        opportunity=published, young_person_first_name="Sam", young_person_age=15, **book
    )
    with pytest.raises(ValidationError, match="full"):
        services.booking_make(
            opportunity=published, young_person_first_name="Ali", young_person_age=15, **book
        )
    assert Booking.objects.count() == 2


def test_unapproved_activities_take_no_bookings(coordinator):
    volunteer = applicant()
    opportunity = services.opportunity_offer(
        volunteer=volunteer, by=volunteer.user, **fields(lead_adult="Coach")
    )
    with pytest.raises(ValidationError, match="not taking bookings"):
        services.booking_make(
            opportunity=opportunity,
            young_person_first_name="Jo",
            young_person_age=14,
            booker_name="W",
            booker_email="w@example.org",
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.opportunity_decide(opportunity=opportunity, by=coordinator, approve=False)


def test_the_page_lists_published_activities_and_books_a_place(client, home, published):
    index = OpportunityIndexPage(title="Come along", slug="come-along")
    home.add_child(instance=index)
    index.save_revision().publish()
    html = client.get("/come-along/").content.decode()
    assert "Saturday parkrun" in html and "ages 12 to 17" in html
    page = client.post(
        f"/volunteer/come-along/{published.pk}/book/",
        {
            "young_person_first_name": "Jo",
            "young_person_age": "20",
            "booker_name": "Wren",
            "booker_email": "wren@example.org",
        },
    ).content.decode()
    assert "This activity is for ages 12 to 17." in page and 'value="Jo"' in page
    page = client.post(
        f"/volunteer/come-along/{published.pk}/book/",
        {
            "young_person_first_name": "Jo",
            "young_person_age": "14",
            "booker_name": "Wren",
            "booker_email": "wren@example.org",
        },
    ).content.decode()
    assert "Place booked" in page


def test_a_booking_reminder_goes_once(published):
    services.booking_make(
        opportunity=published,
        young_person_first_name="Jo",
        young_person_age=14,
        booker_name="W",
        booker_email="w@example.org",
    )
    # Tomorrow at noon, UK time: inside the reminder's window (from now to the end of tomorrow)
    # whatever the time of day the test runs (now + 30 hours fell outside it after 18:00).
    tomorrow_noon = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=1), dt.time(12))
    Opportunity.objects.filter(pk=published.pk).update(starts_at=timezone.make_aware(tomorrow_noon))
    reminders.send_reminders()
    reminders.send_reminders()
    reminders_sent = [
        m for m in mail.outbox if m.subject == "[No Limits] Reminder: Saturday parkrun"
    ]
    assert (
        len(reminders_sent) == 1
        and reminders_sent[0].to == ["w@example.org"]
        and "Bring: Trainers" in reminders_sent[0].body
    )


def test_the_volunteer_offers_through_the_site_and_the_coordinator_approves_in_the_admin(
    client, home, coordinator
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    volunteer = applicant()
    client.force_login(volunteer.user)
    when = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/volunteer/come-along/new/",
        {
            "title": "Choir",
            "description": "Sing",
            "location": "Hall",
            "starts_at": when,
            "places": "5",
            "min_age": "11",
            "max_age": "25",
            "lead_adult": "Mo",
        },
    )
    assert response.status_code == 302
    opportunity = Opportunity.objects.get()
    TOTP.activate(coordinator, generate_totp_secret())
    client.force_login(coordinator)
    assert "Choir" in client.get("/admin/volunteering/come-along/").content.decode()
    client.post(
        "/admin/volunteering/come-along/", {"opportunity": opportunity.pk, "decision": "approve"}
    )
    opportunity.refresh_from_db()
    assert opportunity.status == "approved"


def test_a_booking_is_confirmed_by_email_and_cancelled_from_its_link(client, home, published):
    """Booked through the public form: the confirmation email's link cancels the place (once),
    which frees it for someone else; a link altered by hand cancels nothing."""
    import re

    booking = {
        "young_person_first_name": "Jo",
        "young_person_age": "14",
        "booker_name": "Wren",
        "booker_email": "wren@example.org",
    }
    url = f"/volunteer/come-along/{published.pk}/book/"
    assert "Place booked" in client.post(url, booking).content.decode()
    (confirmation,) = [m for m in mail.outbox if m.to == ["wren@example.org"]]
    assert "Place booked: Saturday parkrun" in confirmation.subject
    link = re.search(r"https?://[^/\s]+(/volunteer/bookings/\S+/cancel/)", confirmation.body)[1]

    tampered = link.replace("/cancel/", "x/cancel/")
    assert client.post(tampered).status_code == 400
    assert not Booking.objects.get().cancelled

    assert "Cancel Jo's place?" in client.get(link).content.decode()
    html = client.post(link).content.decode()
    assert "Booking cancelled" in html and not Booking.objects.filter(cancelled=False).exists()
    assert "Booking cancelled" in client.post(link).content.decode()  # twice: no change
    places_left = f'Places left</dt><dd class="govuk-summary-list__value">{published.places}<'
    assert places_left in client.get(url).content.decode()  # the place is free again
