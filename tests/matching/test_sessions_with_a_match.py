"""A session logged with a young person: volunteers keeps the session, matching records which
match it was with (MatchSession), through volunteers/extensions.py."""

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from matching import services as matching_services
from matching.models import MatchSession
from tests.matching.test_matching import young_person
from volunteers import services
from volunteers.forms import SessionForm
from volunteers.models import VolunteerSession

pytestmark = pytest.mark.django_db


def introduced(coordinator, volunteer, **fields):
    match = matching_services.match_propose(
        young_person=young_person(**fields), volunteer=volunteer, by=coordinator
    )
    matching_services.match_move(
        match=match,
        to="introduced",
        by=coordinator,
        reason="Met",
        first_meeting_on=timezone.localdate(),
    )
    return match


def log(volunteer, with_whom):
    return services.session_log(
        volunteer=volunteer,
        by=volunteer.user,
        date=timezone.localdate(),
        minutes=60,
        what_happened="Park",
        with_whom=with_whom,
    )


def test_a_session_with_their_young_person_is_recorded_against_the_match(
    coordinator, cleared_volunteer
):
    volunteer = cleared_volunteer()
    match = introduced(coordinator, volunteer)
    session = log(volunteer, match.pk)
    assert MatchSession.objects.get().session == session
    assert list(match.sessions.all()) == [session]
    training = log(volunteer, None)
    assert not MatchSession.objects.filter(session=training).exists()
    assert volunteer.sessions.count() == 2


def test_another_volunteers_match_is_refused_and_nothing_is_half_saved(
    coordinator, cleared_volunteer
):
    mine, theirs = cleared_volunteer(), cleared_volunteer()
    their_match = introduced(coordinator, theirs)
    with pytest.raises(ValidationError, match="Choose one of your young people."):
        log(mine, their_match.pk)
    assert not VolunteerSession.objects.exists() and not MatchSession.objects.exists()


def test_a_match_not_under_way_is_refused(coordinator, cleared_volunteer):
    volunteer = cleared_volunteer()
    proposed = matching_services.match_propose(
        young_person=young_person(), volunteer=volunteer, by=coordinator
    )
    with pytest.raises(ValidationError, match="This match is not under way"):
        log(volunteer, proposed.pk)
    assert not VolunteerSession.objects.exists()


def test_the_form_offers_only_the_young_people_of_matches_under_way(coordinator, cleared_volunteer):
    volunteer = cleared_volunteer(capacity=2)
    match = introduced(coordinator, volunteer)
    matching_services.match_propose(
        young_person=young_person(first_name="Sam"), volunteer=volunteer, by=coordinator
    )
    assert SessionForm(volunteer=volunteer).fields["with_whom"].choices == [
        ("", "Not with a young person (for example training)"),
        (match.pk, "Jo"),
    ]
