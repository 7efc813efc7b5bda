"""Named read queries for grants."""

from django.db.models import Sum
from django.db.models.functions import Coalesce

from grants.models import Application, GrantPayment


def grant_totals_pence() -> tuple[int, int]:
    """(committed, paid): decided but not yet paid, and paid. The fund balance uses these."""
    committed = Application.objects.filter(
        status__in=[Application.Status.APPROVED, Application.Status.PART_APPROVED],
        payment__isnull=True,
    ).aggregate(t=Coalesce(Sum("decided_amount_pence"), 0))["t"]
    paid = GrantPayment.objects.aggregate(t=Coalesce(Sum("amount_pence"), 0))["t"]
    return committed, paid


def waiting_for(user):
    """Applications in review that this panel member has not reviewed (or declared a conflict on)."""
    return (
        Application.objects.filter(status=Application.Status.IN_REVIEW)
        .exclude(reviews__reviewer=user)
        .select_related("category", "applicant")
    )
