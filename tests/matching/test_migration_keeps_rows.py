"""Moving the models from volunteers to matching kept a used database's rows and grants."""

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
    assert VolunteerSession.objects.get(match=moved).what_happened == "Football"
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
