"""Giving time: volunteers, their checks and training, references, mentors and the handbook.

What may be kept about a DBS check follows the DBS Code of Practice: the certificate's metadata
and the decision, never a copy of it and never what it disclosed. "Cleared to meet young people"
is worked out by volunteers.clearance.clearance() every time it matters; the dates stored on a
volunteer (cleared_*_until) are that module's summary, kept only to find candidates quickly.
"""

import calendar
import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from nolimits.files import private_name, private_storage
from nolimits.states import StatusChange

CERTIFICATE_NUMBER = RegexValidator(
    r"^\d{12}$", "A DBS certificate number is 12 digits, like 001234567890."
)


@register_setting(icon="group")
class VolunteeringSettings(BaseSiteSetting):
    """Council policy choices for volunteering (Settings → Volunteering)."""

    dbs_recheck_years = models.PositiveSmallIntegerField(
        "DBS recheck after (years)",
        default=3,
        help_text="Council policy (VERIFY with HR). A certificate has no expiry date.",
    )
    max_expense_claim_pence = models.PositiveIntegerField(
        "largest single expense claim (pence)", default=5000
    )
    max_expenses_per_month_pence = models.PositiveIntegerField(
        "expenses per volunteer per month (pence)", default=10000
    )
    mileage_rate_pence = models.PositiveSmallIntegerField(
        "mileage rate (pence per mile)", default=45
    )
    reference_link_days = models.PositiveSmallIntegerField(
        "reference links last (days)",
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text="How long a referee's emailed link to the reference form works. A chase "
        "after 14 days sends a fresh link.",
    )
    # Matching: how much each part of a suggestion's score counts (relative weights).
    weight_interests = models.PositiveSmallIntegerField(
        "weight for shared interests",
        default=50,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means shared interests count for more.",
    )
    weight_availability = models.PositiveSmallIntegerField(
        "weight for free at the same times",
        default=30,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means matching free times count for more.",
    )
    weight_area = models.PositiveSmallIntegerField(
        "weight for living in the same area",
        default=20,
        validators=[MaxValueValidator(100)],
        help_text="A whole number from 0 to 100. Higher means being in the same area counts for more.",
    )

    panels = [
        FieldPanel("dbs_recheck_years"),
        FieldPanel("max_expense_claim_pence"),
        FieldPanel("max_expenses_per_month_pence"),
        FieldPanel("mileage_rate_pence"),
        FieldPanel("reference_link_days"),
        MultiFieldPanel(
            [
                FieldPanel("weight_interests"),
                FieldPanel("weight_availability"),
                FieldPanel("weight_area"),
            ],
            heading="Matching weights",
            help_text="Suggestions are scored out of 100 from these parts, in proportion to "
            "their weights. At least one must be more than 0.",
        ),
    ]

    class Meta:
        verbose_name = "volunteering"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weight_interests__gt=0)
                | models.Q(weight_availability__gt=0)
                | models.Q(weight_area__gt=0),
                name="matching_weights_not_all_zero",
            )
        ]

    def clean(self):
        super().clean()
        if not (self.weight_interests or self.weight_availability or self.weight_area):
            raise ValidationError(
                "At least one matching weight must be more than 0, or every suggestion would score 0."
            )


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
    known_for = models.CharField("how long and how they know the volunteer", max_length=300, blank=True)
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
        try:
            return self.issue_date.replace(year=self.issue_date.year + years)
        except ValueError:  # 29 February
            return self.issue_date.replace(year=self.issue_date.year + years, day=28)


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


class VolunteerSession(models.Model):
    """Time a volunteer gave: a date, how long and what they did. Whether it was with their
    young person is the matching app's record (matching.models.MatchSession), kept above."""

    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    what_happened = models.TextField(max_length=2000)
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.volunteer} on {self.date:%d %b %Y} ({self.minutes} minutes)"


def receipt_path(instance, filename: str) -> str:
    return private_name("receipts", instance.receipt_content_type)


class ExpenseClaim(models.Model):
    class Kind(models.TextChoices):
        MILEAGE = "mileage", "Mileage"
        OTHER = "other", "Other costs (with a receipt)"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for approval"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    # A coordinator decides a waiting claim once (volunteers.services.expense_decide).
    TRANSITIONS: dict[str, set[str]] = {
        Status.WAITING: {Status.APPROVED, Status.REFUSED},
        Status.APPROVED: set(),
        Status.REFUSED: set(),
    }

    session = models.ForeignKey(VolunteerSession, on_delete=models.PROTECT, related_name="expenses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=200)
    miles = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)
    amount_pence = models.PositiveIntegerField()
    receipt = models.FileField(upload_to=receipt_path, storage=private_storage, blank=True)
    receipt_content_type = models.CharField(max_length=50, blank=True)
    # The receipt's download address uses this unguessable key, never the row's number.
    receipt_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-claimed_at"]
        permissions = [("decide_expenses", "Can approve or refuse expense claims")]

    def __str__(self) -> str:
        return (
            f"£{self.amount_pence / 100:.2f} {self.get_kind_display().lower()} for {self.session}"
        )


class ExpenseClaimStatusChange(StatusChange):
    """Who approved or refused an expense claim, when and why."""

    claim = models.ForeignKey(ExpenseClaim, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=ExpenseClaim.Status.choices)
    to_status = models.CharField(max_length=30, choices=ExpenseClaim.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class ReminderSent(models.Model):
    """One row per email sent (a reminder threshold, or a workflow email such as "references
    asked"), so each is sent once however often the job or the action runs."""

    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.key


class Opportunity(models.Model):
    """A "come along": something a volunteer already does that young people can join."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for a coordinator"
        APPROVED = "approved", "Published"
        DECLINED = "declined", "Not approved"
        CANCELLED = "cancelled", "Cancelled"

    # A coordinator decides a submitted activity once (volunteers.services.opportunity_decide).
    # No action cancels a published activity today, so nothing moves to "cancelled".
    TRANSITIONS: dict[str, set[str]] = {
        Status.SUBMITTED: {Status.APPROVED, Status.DECLINED},
        Status.APPROVED: set(),
        Status.DECLINED: set(),
        Status.CANCELLED: set(),
    }

    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="opportunities")
    title = models.CharField(max_length=120)
    description = models.TextField(max_length=2000, help_text="What happens, in a few sentences.")
    location = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    places = models.PositiveSmallIntegerField()
    min_age = models.PositiveSmallIntegerField(default=11)
    max_age = models.PositiveSmallIntegerField(default=25)
    what_to_bring = models.CharField(max_length=300, blank=True)
    lead_adult = models.CharField(
        max_length=150,
        blank=True,
        help_text="The named person who leads and supervises the group (needed if the volunteer is not cleared for one-to-one time).",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]
        verbose_name_plural = "opportunities"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(places__gte=1), name="opportunity_has_places"
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=models.F("max_age")), name="opportunity_age_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    def clean(self):
        if self.min_age is not None and self.max_age is not None and self.min_age > self.max_age:
            raise ValidationError({"max_age": "The oldest age must be at least the youngest age."})
        if self.starts_at and self.starts_at <= timezone.now():
            raise ValidationError({"starts_at": "The date must be in the future."})


class OpportunityStatusChange(StatusChange):
    """Who published or turned down a come-along activity, when and why."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=Opportunity.Status.choices)
    to_status = models.CharField(max_length=30, choices=Opportunity.Status.choices)

    class Meta(StatusChange.Meta):
        pass


class Booking(models.Model):
    opportunity = models.ForeignKey(Opportunity, on_delete=models.PROTECT, related_name="bookings")
    young_person_first_name = models.CharField(max_length=50)
    young_person_age = models.PositiveSmallIntegerField()
    booker_name = models.CharField(max_length=150)
    booker_email = models.EmailField()
    notes = models.CharField(max_length=500, blank=True)
    cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    # The booker's emailed link to cancel carries this token, signed.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.young_person_first_name} for {self.opportunity}"


class OpportunityIndexPage(Page):
    """A page editors place on the site: the published come-along activities, with booking."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = "come-along activities"

    def get_context(self, request, *args, **kwargs):
        from django.db.models import Count, Q

        context = super().get_context(request, *args, **kwargs)
        context["opportunities"] = (
            Opportunity.objects.filter(
                status=Opportunity.Status.APPROVED, starts_at__gt=timezone.now()
            )
            .annotate(booked=Count("bookings", filter=Q(bookings__cancelled=False)))
            .order_by("starts_at")
        )
        return context
