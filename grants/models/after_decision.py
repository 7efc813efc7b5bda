"""After the decision: the payment finance records, and the young person's thank-you."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from grants.models.applications import Application
from nolimits.fund_movements import MovesTheFund
from nolimits.money import pounds


class GrantPayment(MovesTheFund):
    class Method(models.TextChoices):
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        PURCHASE_CARD = "purchase_card", "Council purchase card"
        VOUCHER = "voucher", "Voucher"
        SUPPLIER = "supplier", "Paid to a supplier"

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="payment"
    )
    amount_pence = models.PositiveIntegerField()
    paid_on = models.DateField()
    method = models.CharField(max_length=20, choices=Method.choices)
    reference = models.CharField(max_length=100)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    FUND_FIELDS = ("amount_pence",)

    def fund_share(self) -> tuple[int, int, int]:
        return (0, 0, self.amount_pence)

    def __str__(self) -> str:
        return f"{pounds(self.amount_pence)} on {self.paid_on:%d %b %Y}"

    @property
    def amount(self) -> str:
        return pounds(self.amount_pence)

    @property
    def amount_in_pounds(self) -> Decimal:
        return Decimal(self.amount_pence) / 100


class ThankYou(models.Model):
    """What the young person wrote afterwards, and whether it may be shared."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="thank_you"
    )
    message = models.TextField(max_length=3000)
    consent_to_share = models.BooleanField(default=False)
    written_at = models.DateTimeField(default=timezone.now)
    story_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The draft story made from it, for an editor to review and publish.",
    )
    story_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    story_made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "thank-you"

    def __str__(self) -> str:
        return f"Thank you for {self.application}"

    @property
    def published_with_consent(self) -> bool:
        """Shared on the site as a story, with the young person's consent."""
        story = self.story_page.specific if self.story_page_id else None
        return bool(
            self.consent_to_share
            and story is not None
            and story.live
            and getattr(story, "consent_confirmed", False)
        )
