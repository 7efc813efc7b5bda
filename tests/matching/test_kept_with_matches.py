"""A volunteer's kept checklist shows their young people and their kept session list offers
them (nolimits.kept_lists): a match made, moved or reviewed, or a young person's details
changed, shows at the volunteer's next view, however the row was changed. Through the real
pages, on SQLite and PostgreSQL."""

from django.db import connection
from django.utils import timezone

import pytest

from matching import services as matching_services
from matching.models import MatchReview, YoungPerson
from nolimits import kept_lists
from tests.matching.test_matching import young_person
from tests.volunteers.conftest import applicant, make_cleared

pytestmark = pytest.mark.django_db


@pytest.fixture
def cleared(client, home, coordinator, mentor, induction, handbook):
    volunteer = applicant()
    make_cleared(
        volunteer, coordinator=coordinator, mentor=mentor, induction=induction, handbook=handbook
    )
    client.force_login(volunteer.user)
    return volunteer


def introduced(yp, volunteer, coordinator):
    """A match proposed and introduced through the real services."""
    match = matching_services.match_propose(young_person=yp, volunteer=volunteer, by=coordinator)
    matching_services.match_move(
        match=match, to="introduced", by=coordinator, reason="Met",
        first_meeting_on=timezone.localdate(),
    )  # fmt: skip
    return match


def pages(client) -> tuple[str, str]:
    checklist = client.get("/volunteer/checklist/")
    sessions = client.get("/volunteer/sessions/")
    assert checklist.status_code == sessions.status_code == 200
    return checklist.content.decode(), sessions.content.decode()


def test_a_match_and_its_young_person_show_on_both_kept_pages(client, cleared, coordinator):
    checklist, sessions = pages(client)
    assert "Your young person" not in checklist and "with_whom" not in sessions
    yp = young_person(must_know="Prefers afternoons.")
    match = introduced(yp, cleared, coordinator)
    checklist, sessions = pages(client)
    assert f"Your young person: {yp.first_name}" in checklist and "Prefers afternoons." in checklist
    assert f'<option value="{match.pk}">{yp.first_name}</option>' in sessions
    assert "Next review: after the first meeting" in checklist

    # The young person's details, changed with update() and with raw SQL
    YoungPerson.objects.filter(pk=yp.pk).update(first_name="Robin")
    checklist, sessions = pages(client)
    assert "Your young person: Robin" in checklist
    assert f'<option value="{match.pk}">Robin</option>' in sessions
    table = connection.ops.quote_name(YoungPerson._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET must_know = 'Likes chess.' WHERE id = %s",  # noqa: S608
            [yp.pk],
        )
    assert "Likes chess." in pages(client)[0]

    # The review done: the next one shows
    MatchReview.objects.filter(match=match).update(done_on=timezone.localdate())
    assert "Next review: after the first meeting" not in pages(client)[0]

    # The match paused: not offered for a session, shown as paused
    matching_services.match_move(match=match, to="paused", by=coordinator, reason="Holiday")
    checklist, sessions = pages(client)
    assert "This match is paused for now." in checklist
    assert f'<option value="{match.pk}">' not in sessions


def test_a_young_person_with_two_volunteers_moves_both(client, cleared, coordinator):
    other = applicant()
    yp = young_person()
    before = kept_lists.version_of(cleared.user_id)[0], kept_lists.version_of(other.user_id)[0]
    matching_services.match_propose(young_person=yp, volunteer=cleared, by=coordinator)
    from matching.models import Match

    Match.objects.create(young_person=yp, volunteer=other, status="closed", proposed_by=coordinator)
    middle = kept_lists.version_of(cleared.user_id)[0], kept_lists.version_of(other.user_id)[0]
    YoungPerson.objects.filter(pk=yp.pk).update(area="Elsewhere")
    after = kept_lists.version_of(cleared.user_id)[0], kept_lists.version_of(other.user_id)[0]
    assert middle[0] > before[0] and middle[1] > before[1]
    assert after[0] > middle[0] and after[1] > middle[1]


def test_erasing_a_young_person_or_a_mentor_forgets_what_others_kept_of_them(
    client, cleared, coordinator, django_capture_on_commit_callbacks
):
    """Their first name and what to know sit in their volunteer's kept checklist and session
    form; a mentor's name in their mentees' checklists: erasure deletes those entries too."""

    from dataprotection import erasure
    from dataprotection.registry import Subject
    from nolimits import roles
    from tests.factories import UserFactory

    lead = UserFactory(roles=[roles.PROGRAMME_LEADS])
    yp = young_person(must_know="Has a dog called Biscuit.")
    match = introduced(yp, cleared, coordinator)
    assert "Biscuit" in pages(client)[0]

    def kept(part):
        return kept_lists.entry(cleared.user_id, part)

    assert kept("checklist") is not None and kept("sessions") is not None
    matching_services.match_move(match=match, to="closed", by=coordinator, reason="Ended")
    pages(client)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase(by=lead, subject=Subject(referral=yp), reason="Their worker asked")
    assert kept("checklist") is None and kept("sessions") is None

    pages(client)
    assert kept("checklist") is not None
    with django_capture_on_commit_callbacks(execute=True):
        erasure.erase(by=lead, subject=Subject(user=cleared.mentor), reason="They asked")
    assert kept("checklist") is None
