"""Matching young people with volunteers: the young people referred for a mentor, their matches,
each match's reviews, the sessions logged with a young person and the logs of status changes.

These tables began in the volunteers app and keep their names (`Meta.db_table`), so moving the
models here (matching/migrations/0001) kept every row.
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolimits.states import StatusChange
from volunteers.models import Volunteer, VolunteerSession, add_months


class YoungPerson(models.Model):
    """A young person referred for a volunteer. Only coordinators see this; a matched volunteer
    sees the first name and what they need to know."""

    class Preference(models.TextChoices):
        ANY = "", "No preference"
        WOMAN = "woman", "A woman"
        MAN = "man", "A man"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a match"
        MATCHED = "matched", "Matched"
        CLOSED = "closed", "No longer waiting"

    # Their status follows their matches (matching.services.young_person_status_refresh):
    # matched while a match is open; when it closes, waiting again or closed.
    TRANSITIONS: dict[str, set[str]] = {
        Status.WAITING: {Status.MATCHED, Status.CLOSED},
        Status.MATCHED: {Status.WAITING, Status.CLOSED},
        Status.CLOSED: {Status.MATCHED, Status.WAITING},
    }

    first_name = models.CharField(max_length=50)
    date_of_birth = models.DateField()
    area = models.CharField(max_length=100)
    interests = models.TextField()
    availability = models.TextField()
    volunteer_preference = models.CharField(max_length=10, choices=Preference.choices, blank=True)
    other_preferences = models.TextField(
        blank=True, help_text="Anything else they would like in a volunteer."
    )
    must_know = models.TextField(
        blank=True, help_text="What a volunteer must know to keep them safe and comfortable."
    )
    worker_name = models.CharField(max_length=150)
    worker_email = models.EmailField()
    worker_phone = models.CharField(max_length=40, blank=True)
    consent = models.BooleanField(
        default=False,
        help_text="The young person agrees to be referred (and, under 18, their carer or social worker).",
    )
    excluded_volunteers = models.ManyToManyField(
        Volunteer,
        blank=True,
        related_name="excluded_from",
        help_text="Conflicts of interest: never match with these volunteers.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    referred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "volunteers_youngperson"
        ordering = ["referred_at"]
        verbose_name_plural = "young people"
        permissions = [("manage_matches", "Can refer young people, propose and manage matches")]

    def __str__(self) -> str:
        return f"{self.first_name} ({self.age()})"

    def age(self, on: dt.date | None = None) -> int:
        on = on or timezone.localdate()
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    def eighteenth_birthday(self) -> dt.date:
        return add_months(self.date_of_birth, 18 * 12)


class YoungPersonStatusChange(StatusChange):
    young_person = models.ForeignKey(
        YoungPerson, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=YoungPerson.Status.choices)
    to_status = models.CharField(max_length=30, choices=YoungPerson.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class Match(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        INTRODUCED = "introduced", "Introduced"
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        CLOSED = "closed", "Closed"

    TRANSITIONS: dict[str, set[str]] = {
        Status.PROPOSED: {Status.INTRODUCED, Status.CLOSED},
        Status.INTRODUCED: {Status.ACTIVE, Status.PAUSED, Status.CLOSED},
        Status.ACTIVE: {Status.PAUSED, Status.CLOSED},
        Status.PAUSED: {Status.ACTIVE, Status.CLOSED},
        Status.CLOSED: set(),
    }
    # Moves that put the volunteer with the young person: each calls the clearance rule.
    NEEDS_CLEARANCE = {Status.INTRODUCED, Status.ACTIVE}
    OPEN = (Status.PROPOSED, Status.INTRODUCED, Status.ACTIVE, Status.PAUSED)
    # A volunteer acts on a match (logs sessions, sees what they need to know) only in these.
    WORKING = (Status.INTRODUCED, Status.ACTIVE)

    young_person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="matches")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    score = models.PositiveSmallIntegerField(default=0)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    first_meeting_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=300, blank=True)
    young_person_wants_new_match = models.BooleanField(default=False)
    volunteer_wants_new_match = models.BooleanField(default=False)
    # The volunteer's logged time with this young person (a session belongs to one match at most).
    sessions = models.ManyToManyField(
        VolunteerSession, through="MatchSession", related_name="+", blank=True
    )

    class Meta:
        db_table = "volunteers_match"
        ordering = ["-proposed_at"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["young_person"],
                condition=models.Q(status__in=["proposed", "introduced", "active", "paused"]),
                name="one_open_match_per_young_person",
                violation_error_message="This young person already has an open match.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} with {self.young_person.first_name} ({self.get_status_display()})"


class MatchStatusChange(StatusChange):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Match.Status.choices)
    to_status = models.CharField(max_length=30, choices=Match.Status.choices)

    class Meta(StatusChange.Meta):
        db_table = "volunteers_matchstatuschange"


class MatchReview(models.Model):
    class Kind(models.TextChoices):
        FIRST_MEETING = "first_meeting", "After the first meeting"
        THREE_MONTHS = "3_months", "3 months"
        SIX_MONTHS = "6_months", "6 months"
        TWELVE_MONTHS = "12_months", "12 months"

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        db_table = "volunteers_matchreview"
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["match", "kind"], name="one_review_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} review, due {self.due_on:%d %b %Y}"


class MatchSession(models.Model):
    """A session the volunteer logged was with the young person of this match.

    The session (its date, time and notes, and any expense claim on it) is the volunteer's, in
    volunteers; which match it was with is recorded here, so volunteers needs no link up to
    matching (matching/migrations/0004 moved the old `VolunteerSession.match` column here)."""

    session = models.OneToOneField(
        VolunteerSession, on_delete=models.CASCADE, primary_key=True, related_name="match_link"
    )
    match = models.ForeignKey(Match, on_delete=models.PROTECT, related_name="session_links")

    class Meta:
        ordering = ["-session__date", "-session_id"]

    def __str__(self) -> str:
        return f"{self.session} with {self.match.young_person.first_name}"
