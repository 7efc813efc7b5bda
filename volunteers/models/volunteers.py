"""A volunteer, their moves along the pipeline, their staff mentor's supervision notes, and
the emails already sent about them."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from nolimits.states import StatusChange


class Volunteer(models.Model):
    class Route(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one time with a young person"
        COME_ALONG = "come_along", "Bring young people along to something I already do"
        BOTH = "both", "Both"

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        REFERENCES = "references", "References and interview"
        DBS = "dbs", "DBS check"
        TRAINING = "training", "Training"
        ACTIVE = "active", "Approved and active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left"

    # Every move a coordinator may make, in one place. Withdrawing (-> left) is always open;
    # suspending (-> paused) is open from any stage once someone might meet young people.
    TRANSITIONS: dict[str, set[str]] = {
        Status.APPLIED: {Status.REFERENCES, Status.LEFT},
        Status.REFERENCES: {Status.DBS, Status.APPLIED, Status.LEFT},
        Status.DBS: {Status.TRAINING, Status.REFERENCES, Status.LEFT},
        Status.TRAINING: {Status.ACTIVE, Status.DBS, Status.PAUSED, Status.LEFT},
        Status.ACTIVE: {Status.PAUSED, Status.LEFT},
        Status.PAUSED: {Status.ACTIVE, Status.LEFT},
        Status.LEFT: set(),
    }

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer"
    )

    class Gender(models.TextChoices):
        WOMAN = "woman", "Woman"
        MAN = "man", "Man"
        OTHER = "other", "Another way"
        UNSAID = "", "Prefer not to say"

    route = models.CharField(max_length=12, choices=Route.choices)
    gender = models.CharField(
        max_length=10,
        choices=Gender.choices,
        blank=True,
        help_text="Some young people ask for a volunteer of a particular gender.",
    )
    capacity = models.PositiveSmallIntegerField(
        default=1, help_text="How many young people they can support one to one at once."
    )
    areas_covered = models.CharField(
        max_length=300,
        blank=True,
        help_text="Areas they can travel to, separated by commas. Their own area always counts.",
    )
    interests = models.TextField(help_text="What you enjoy, e.g. football, cooking, music, coding.")
    availability = models.TextField(
        help_text="When you could give time, e.g. Tuesday evenings, some weekends."
    )
    area = models.CharField(max_length=100, help_text="The town or area you live or work in.")
    experience = models.TextField(
        blank=True, help_text="Any experience with young people. Optional."
    )
    volunteering_in_paid_time = models.BooleanField(default=False)
    consent_to_checks = models.BooleanField(default=False)
    consent_to_data = models.BooleanField(default=False)

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.APPLIED)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="mentees",
    )
    interview_done_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(default=timezone.now)
    # Worked out and stored by volunteers.clearance.store_summaries only, refreshed by the
    # services whenever a record the rule reads changes: cleared on days before these dates.
    cleared_children_until = models.DateField(null=True, blank=True, editable=False)
    cleared_adults_until = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-applied_at"]
        permissions = [
            ("manage_volunteers", "Can move volunteers through the pipeline and record checks"),
            ("view_dbs", "Can see DBS records"),
        ]

    def __str__(self) -> str:
        return self.user.full_name

    @property
    def one_to_one(self) -> bool:
        return self.route in (self.Route.ONE_TO_ONE, self.Route.BOTH)


class VolunteerStatusChange(StatusChange):
    """Who moved a volunteer along the pipeline (or back), when and why."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=Volunteer.Status.choices)
    to_status = models.CharField(max_length=30, choices=Volunteer.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class SupervisionNote(models.Model):
    """A supervision conversation between a staff mentor and their volunteer."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="supervision_notes"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField()
    notes = models.TextField(max_length=3000)
    follow_up = models.TextField(blank=True, max_length=1000)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"Supervision with {self.volunteer} on {self.held_on:%d %b %Y}"


class ReminderSent(models.Model):
    """One row per email sent (a reminder threshold, or a workflow email such as "references
    asked"), so each is sent once however often the job or the action runs."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key
