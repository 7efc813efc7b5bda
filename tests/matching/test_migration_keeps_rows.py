"""Moving the models from volunteers to matching kept a used database's rows and grants, and
moving a session's link to its match up into matching (matching 0004, volunteers 0016) kept
every session, its expense claims and their logs, and which match each session was with."""

import datetime as dt

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

BEFORE = [("volunteers", "0013_stored_clearance_summary"), ("matching", None)]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_young_people_matches_reviews_and_grants_survive_the_move():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE[:1]).apps
    # The user table is today's (migrating these apps back leaves the foundation's applied).
    from nolimits.models import User

    Volunteer = old.get_model("volunteers", "Volunteer")
    YoungPerson = old.get_model("volunteers", "YoungPerson")
    Match = old.get_model("volunteers", "Match")
    MatchStatusChange = old.get_model("volunteers", "MatchStatusChange")
    MatchReview = old.get_model("volunteers", "MatchReview")
    Session = old.get_model("volunteers", "VolunteerSession")
    Group = old.get_model("auth", "Group")
    Permission = old.get_model("auth", "Permission")

    coordinator = User.objects.create(email="cora@example.org", full_name="Cora Coordinator")
    val = User.objects.create(email="val@example.org", full_name="Val Volunteer")
    volunteer = Volunteer.objects.create(
        user_id=val.pk,
        route="one_to_one",
        interests="football",
        availability="weekends",
        area="Thamesbrook",
        status="active",
    )
    other = Volunteer.objects.create(
        user_id=User.objects.create(email="ade@example.org", full_name="Ade Okafor").pk,
        route="one_to_one",
        interests="music",
        availability="evenings",
        area="Riverside",
    )
    jordan = YoungPerson.objects.create(
        first_name="Jordan",
        date_of_birth=dt.date(2011, 3, 1),
        area="Thamesbrook",
        interests="football",
        availability="weekends",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
        consent=True,
        status="matched",
    )
    jordan.excluded_volunteers.add(other)
    match = Match.objects.create(
        young_person=jordan,
        volunteer=volunteer,
        status="active",
        proposed_by_id=coordinator.pk,
        first_meeting_on=dt.date(2026, 10, 1),
    )
    MatchStatusChange.objects.create(
        match=match,
        from_status="introduced",
        to_status="active",
        by_id=coordinator.pk,
        reason="Going well",
    )
    MatchReview.objects.create(match=match, kind="3_months", due_on=dt.date(2027, 1, 1))
    Session.objects.create(
        volunteer=volunteer,
        match=match,
        date=dt.date(2026, 11, 1),
        minutes=60,
        what_happened="Football",
    )
    readers = Group.objects.create(name="Young people readers")
    readers.permissions.add(
        Permission.objects.get(content_type__app_label="volunteers", codename="view_youngperson")
    )

    executor = MigrationExecutor(connection)
    executor.migrate(
        executor.loader.graph.leaf_nodes("volunteers")
        + executor.loader.graph.leaf_nodes("matching")
    )

    from django.contrib.auth.models import Group as CurrentGroup
    from django.contrib.contenttypes.models import ContentType

    from matching.models import Match as CurrentMatch
    from matching.models import YoungPerson as CurrentYoungPerson
    from volunteers.models import VolunteerSession

    moved = CurrentMatch.objects.get(pk=match.pk)
    assert (moved.young_person.first_name, moved.volunteer.user.email) == (
        "Jordan",
        "val@example.org",
    )
    assert [str(c) for c in moved.status_changes.all()] == ["Introduced → Active: Going well"]
    assert [r.kind for r in moved.reviews.all()] == ["3_months"]
    assert moved.sessions.get().what_happened == "Football"
    assert VolunteerSession.objects.get().match_link.match == moved
    assert list(
        CurrentYoungPerson.objects.get(pk=jordan.pk).excluded_volunteers.values_list(
            "pk", flat=True
        )
    ) == [other.pk]
    group = CurrentGroup.objects.get(name="Young people readers")
    assert [p.content_type.app_label + "." + p.codename for p in group.permissions.all()] == [
        "matching.view_youngperson"
    ]
    coordinators = CurrentGroup.objects.get(name="Volunteer coordinators")
    assert coordinators.permissions.filter(
        content_type__app_label="matching", codename="manage_matches"
    ).exists()
    assert not ContentType.objects.filter(app_label="volunteers", model="match").exists()


BEFORE_LINK_MOVED = [
    ("volunteers", "0015_status_change_logs"),
    ("matching", "0003_young_person_log_permissions"),
]


def _latest(executor):
    return executor.loader.graph.leaf_nodes("volunteers") + executor.loader.graph.leaf_nodes(
        "matching"
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_sessions_claims_and_their_matches_survive_the_link_moving_up():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_LINK_MOVED)
    old = executor.loader.project_state(BEFORE_LINK_MOVED).apps
    from nolimits.models import User

    Volunteer = old.get_model("volunteers", "Volunteer")
    YoungPerson = old.get_model("matching", "YoungPerson")
    Match = old.get_model("matching", "Match")
    Session = old.get_model("volunteers", "VolunteerSession")
    ExpenseClaim = old.get_model("volunteers", "ExpenseClaim")
    ExpenseClaimStatusChange = old.get_model("volunteers", "ExpenseClaimStatusChange")

    coordinator = User.objects.create(email="cora@example.org", full_name="Cora Coordinator")
    val = User.objects.create(email="val@example.org", full_name="Val Volunteer")
    volunteer = Volunteer.objects.create(
        user_id=val.pk,
        route="both",
        interests="football",
        availability="weekends",
        area="Thamesbrook",
        status="active",
    )
    jordan = YoungPerson.objects.create(
        first_name="Jordan",
        date_of_birth=dt.date(2011, 3, 1),
        area="Thamesbrook",
        interests="football",
        availability="weekends",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
        consent=True,
        status="matched",
    )
    match = Match.objects.create(
        young_person=jordan, volunteer=volunteer, status="active", proposed_by_id=coordinator.pk
    )
    with_jordan = Session.objects.create(
        volunteer=volunteer,
        match=match,
        date=dt.date(2026, 11, 1),
        minutes=60,
        what_happened="Football",
    )
    training = Session.objects.create(
        volunteer=volunteer, date=dt.date(2026, 11, 2), minutes=120, what_happened="Training"
    )
    claim = ExpenseClaim.objects.create(
        session=with_jordan,
        kind="mileage",
        description="To the park and back",
        miles="10.0",
        amount_pence=450,
        status="approved",
        decided_by_id=coordinator.pk,
    )
    ExpenseClaimStatusChange.objects.create(
        claim=claim, from_status="waiting", to_status="approved", by_id=coordinator.pk, reason=""
    )
    ExpenseClaim.objects.create(
        session=training, kind="mileage", description="To the hall", miles="4.0", amount_pence=180
    )

    executor = MigrationExecutor(connection)
    executor.migrate(_latest(executor))

    from matching.models import Match as CurrentMatch
    from matching.models import MatchSession
    from volunteers.models import ExpenseClaim as CurrentClaim
    from volunteers.models import VolunteerSession

    assert [(s.pk, s.what_happened) for s in VolunteerSession.objects.order_by("pk")] == [
        (with_jordan.pk, "Football"),
        (training.pk, "Training"),
    ]
    assert [(link.session_id, link.match_id) for link in MatchSession.objects.all()] == [
        (with_jordan.pk, match.pk)
    ]
    assert list(CurrentMatch.objects.get(pk=match.pk).sessions.all()) == [
        VolunteerSession.objects.get(pk=with_jordan.pk)
    ]
    assert not MatchSession.objects.filter(session_id=training.pk).exists()
    moved = CurrentClaim.objects.get(pk=claim.pk)
    assert (moved.session_id, moved.amount_pence, moved.status) == (with_jordan.pk, 450, "approved")
    assert [str(c) for c in moved.status_changes.all()] == ["Waiting for approval → Approved"]
    assert CurrentClaim.objects.filter(session_id=training.pk).count() == 1

    # And back again: the link returns to the session's own column.
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_LINK_MOVED)
    back = executor.loader.project_state(BEFORE_LINK_MOVED).apps
    OldSession = back.get_model("volunteers", "VolunteerSession")
    assert dict(OldSession.objects.values_list("pk", "match_id")) == {
        with_jordan.pk: match.pk,
        training.pk: None,
    }
    executor = MigrationExecutor(connection)
    executor.migrate(_latest(executor))
