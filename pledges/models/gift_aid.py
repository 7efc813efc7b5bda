"""Gift Aid: the donor's declarations and the claims sent to HMRC."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from nolimits.money import pounds
from pledges.models.gifts import Donation
from pledges.models.pledges import Pledge

POSTCODE_RE = r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$"


class GiftAidDeclarationQuerySet(models.QuerySet):
    def made(self):
        """Declarations that took effect: not one still waiting for its first gift."""
        return self.filter(awaiting_payment=False)


class GiftAidDeclaration(models.Model):
    """An HMRC-model Gift Aid declaration. Never deleted: a change or cancellation is recorded."""

    WORDING_VERSION = "2026-11-hmrc-model-v1"
    WORDING = (
        "Yes, I want to Gift Aid my donations to {charity}, today, in the future and in the past "
        "4 years. I am a UK taxpayer and understand that if I pay less Income Tax and/or Capital "
        "Gains Tax than the amount of Gift Aid claimed on all my donations in that tax year it is "
        "my responsibility to pay any difference."
    )

    donor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gift_aid_declarations"
    )
    wording_version = models.CharField(max_length=40, default=WORDING_VERSION)
    wording = models.TextField()
    charity_name = models.CharField(max_length=120)
    title = models.CharField(max_length=4, blank=True)
    first_name = models.CharField(max_length=35)
    last_name = models.CharField(max_length=35)
    house_name_or_number = models.CharField(max_length=40)
    postcode = models.CharField(max_length=8, validators=[RegexValidator(POSTCODE_RE)])
    covers_past_four_years = models.BooleanField(default=True)
    declared_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=20, default="online")
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_reason = models.CharField(max_length=255, blank=True)
    # Made on the way to Checkout: it takes effect only when that pledge or gift succeeds, and is
    # deleted if the donor leaves Checkout (a declaration that never took effect was never made).
    awaiting_payment = models.BooleanField(default=False)
    for_pledge = models.ForeignKey(
        Pledge, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    for_donation = models.ForeignKey(
        Donation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = GiftAidDeclarationQuerySet.as_manager()

    class Meta:
        ordering = ["-declared_at", "-pk"]

    def __str__(self) -> str:
        state = f"cancelled {self.cancelled_at:%d %b %Y}" if self.cancelled_at else "in force"
        return f"Gift Aid declaration by {self.first_name} {self.last_name} ({state})"

    def covers(self, when) -> bool:
        """Is a gift made at `when` covered by this declaration?"""
        if self.cancelled_at and when >= self.cancelled_at:
            return False
        if when >= self.declared_at:
            return True
        if self.covers_past_four_years:
            return when >= self.declared_at.replace(year=self.declared_at.year - 4)
        return False


class GiftAidClaim(models.Model):
    """A schedule sent to HMRC. Every donation in it points here, so it is never claimed twice."""

    reference = models.CharField(max_length=40, unique=True)
    period_start = models.DateField()
    period_end = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    total_pence = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference

    def total(self) -> str:
        return pounds(self.total_pence, exact=True)

    total.short_description = "Total claimed on"
