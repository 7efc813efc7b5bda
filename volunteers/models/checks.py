"""The checks before a volunteer meets young people: references, and DBS certificates (metadata
and the decision only, as the DBS Code of Practice allows) with their Update Service results."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from volunteers.models.volunteers import Volunteer

CERTIFICATE_NUMBER = RegexValidator(
    r"^\d{12}$", "A DBS certificate number is 12 digits, like 001234567890."
)


class Reference(models.Model):
    class Outcome(models.TextChoices):
        WAITING = "waiting", "Waiting"
        SATISFACTORY = "satisfactory", "Satisfactory"
        CONCERNS = "concerns", "Concerns raised"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="references")
    name = models.CharField(max_length=150)
    email = models.EmailField()
    relationship = models.CharField(
        max_length=150, help_text="e.g. line manager, colleague, friend"
    )
    requested_on = models.DateField(default=timezone.localdate)
    received_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=15, choices=Outcome.choices, default=Outcome.WAITING)
    # The referee's online answer: a signed, single-use, expiring link carries this token.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    used_at = models.DateTimeField(null=True, blank=True, editable=False)
    known_for = models.CharField(
        "how long and how they know the volunteer", max_length=300, blank=True
    )
    suitable = models.BooleanField(
        "the referee would trust them with a young person", null=True, blank=True
    )
    concerns = models.TextField("concerns the referee raised", blank=True, max_length=2000)
    comments = models.TextField("the referee's comments", blank=True, max_length=2000)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_outcome_display()})"


class DBSCheck(models.Model):
    """What the DBS Code of Practice lets us keep about a certificate: metadata and the decision."""

    class Level(models.TextChoices):
        BASIC = "basic", "Basic"
        STANDARD = "standard", "Standard"
        ENHANCED = "enhanced", "Enhanced"
        ENHANCED_BARRED = "enhanced_barred", "Enhanced with barred list(s)"

    class Workforce(models.TextChoices):
        CHILD = "child", "Child"
        ADULT = "adult", "Adult"
        BOTH = "both", "Child and adult"

    class Decision(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        ACCEPTED = "accepted", "Accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="dbs_checks")
    level = models.CharField(max_length=20, choices=Level.choices)
    workforce = models.CharField(max_length=10, choices=Workforce.choices)
    childrens_barred_list_checked = models.BooleanField(
        "Children's barred list checked", default=False
    )
    adults_barred_list_checked = models.BooleanField("Adults' barred list checked", default=False)
    certificate_number = models.CharField(max_length=12, validators=[CERTIFICATE_NUMBER])
    issue_date = models.DateField()
    has_content = models.BooleanField(
        "certificate has content",
        default=False,
        help_text="Tick if the certificate was not blank. Do not record what it said.",
    )
    update_service_subscribed = models.BooleanField(default=False)
    decision = models.CharField(max_length=15, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    risk_assessment_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    risk_assessment_approved_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(
        blank=True,
        help_text="Only what the decision needs. Deleted automatically six months after the decision.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name = "DBS check"

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.get_workforce_display()}) issued {self.issue_date:%d %b %Y}"

    def clean(self):
        if self.issue_date and self.issue_date > timezone.localdate():
            raise ValidationError({"issue_date": "The issue date cannot be in the future."})
        if self.level == self.Level.ENHANCED_BARRED and not (
            self.childrens_barred_list_checked or self.adults_barred_list_checked
        ):
            raise ValidationError({"level": "Say which barred list was checked."})

    def covers_children(self) -> bool:
        return (
            self.workforce in (self.Workforce.CHILD, self.Workforce.BOTH)
            and self.childrens_barred_list_checked
        )

    def covers_adults(self) -> bool:
        return self.workforce in (self.Workforce.ADULT, self.Workforce.BOTH)

    def recheck_due(self, years: int) -> dt.date:
        """The day the certificate is due to be checked again: the issue date `years` years on
        (29 February to 28 February in a year without one). RecheckDue is the same in SQL."""
        try:
            return self.issue_date.replace(year=self.issue_date.year + years)
        except ValueError:  # 29 February
            return self.issue_date.replace(year=self.issue_date.year + years, day=28)


class RecheckDue(models.Func):
    """DBSCheck.recheck_due in the database, so a list can be filtered and ordered by it:
    `RecheckDue("issue_date", years)`. The same day as recheck_due for every date (checked
    in tests/volunteers/test_expiring_report.py on each database the tests run on)."""

    output_field = models.DateField()

    def __init__(self, issue_date, years: int, **extra):
        self.years = int(years)
        super().__init__(issue_date, **extra)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL: 29 February runs to the 28th
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + make_interval(years => %s))::date", (*params, self.years)

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite's date(d, '+3 years') runs 29 February on to 1 March in a year without one.
        sql, params = compiler.compile(self.source_expressions[0])
        years = f"+{self.years} years"
        on = f"date({sql}, %s)"
        return (
            f"CASE WHEN strftime(%s, {sql}) = '02-29' AND strftime(%s, {on}) = '03-01'"
            f" THEN date({sql}, %s, '-1 day') ELSE {on} END",
            ("%m-%d", *params, "%m-%d", *params, years, *params, years, *params, years),
        )


class DBSStatusCheck(models.Model):
    """A check of the certificate on the DBS Update Service, and its result."""

    class Result(models.TextChoices):
        BLANK_NO_NEW_INFO = "BLANK_NO_NEW_INFO", "Blank, no new information"
        NON_BLANK_NO_NEW_INFO = "NON_BLANK_NO_NEW_INFO", "Not blank, no new information"
        NEW_INFO = "NEW_INFO", "New information: ask for a new check"
        NO_MATCH_FOUND = "NO_MATCH_FOUND", "No match found"

    dbs_check = models.ForeignKey(DBSCheck, on_delete=models.CASCADE, related_name="status_checks")
    checked_on = models.DateField(default=timezone.localdate)
    result = models.CharField(max_length=25, choices=Result.choices)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-checked_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_result_display()} on {self.checked_on:%d %b %Y}"
