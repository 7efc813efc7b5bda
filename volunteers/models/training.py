"""Training courses and who did them, and the handbook (code of conduct) volunteers accept."""

import calendar
import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from volunteers.models.volunteers import Volunteer


class Handbook(models.Model):
    """A version of the volunteers' handbook (code of conduct). Volunteers accept the latest."""

    version = models.CharField(max_length=20, unique=True)
    published_on = models.DateField(default=timezone.localdate)
    summary = models.TextField(help_text="What changed in this version.")

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"Handbook {self.version}"

    @classmethod
    def current(cls) -> "Handbook | None":
        return cls.objects.order_by("-published_on", "-pk").first()


class HandbookAcceptance(models.Model):
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="handbook_acceptances"
    )
    handbook = models.ForeignKey(Handbook, on_delete=models.PROTECT, related_name="acceptances")
    accepted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "handbook"], name="accept_each_handbook_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} accepted {self.handbook}"


class TrainingCourse(models.Model):
    name = models.CharField(max_length=150, unique=True)
    valid_for_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave blank if it never needs refreshing."
    )
    required = models.BooleanField(
        default=False, help_text="Needed before meeting young people one to one."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-required", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingRecord(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="training")
    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, editable=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.course} on {self.completed_on:%d %b %Y}"

    def clean(self):
        if self.completed_on and self.completed_on > timezone.localdate():
            raise ValidationError({"completed_on": "The completion date cannot be in the future."})


def training_expiry(course: TrainingCourse, completed_on: dt.date) -> dt.date | None:
    """When training done on `completed_on` runs out (None if it never does)."""
    if not course.valid_for_months:
        return None
    return add_months(completed_on, course.valid_for_months)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the last day of a shorter month (30 Nov + 3 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
