""" "Come along": activities volunteers already run that young people can book, and the page
that lists them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from nolimits.states import StatusChange
from volunteers.models.volunteers import Volunteer


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
