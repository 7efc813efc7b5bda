"""Named read queries for grants. Every panel list, count and export starts from
`panel_applications`, so the rules (sent only; never one the member declared a conflict on)
hold everywhere at once."""

from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce

from grants.models import Application, GrantPayment, Review

WITH_THE_PANEL = [Application.Status.READY_FOR_PANEL, Application.Status.IN_REVIEW]


def grant_totals_pence() -> tuple[int, int]:
    """(committed, paid): decided but not yet paid, and paid. The fund balance uses these."""
    committed = Application.objects.filter(
        status__in=[Application.Status.APPROVED, Application.Status.PART_APPROVED],
        payment__isnull=True,
    ).aggregate(t=Coalesce(Sum("decided_amount_pence"), 0))["t"]
    paid = GrantPayment.objects.aggregate(t=Coalesce(Sum("amount_pence"), 0))["t"]
    return committed, paid


def panel_applications(user):
    """What a panel member may see: sent applications (never drafts), minus any they declared a
    conflict of interest on, and never their own (one they applied for or started with a young
    person: a conflict without needing to declare it)."""
    conflict = Review.objects.filter(
        application=OuterRef("pk"), reviewer=user, conflict_of_interest=True
    )
    return (
        Application.objects.filter(submitted_at__isnull=False)
        .exclude(Exists(conflict))
        .exclude(Q(applicant_id=user.pk) | Q(started_by_id=user.pk))
        .select_related("category")
    )


def waiting_for(user):
    """With the panel (ready for it or in review) and not yet reviewed by this member since it
    last came back to the panel."""
    current_review = Review.objects.filter(
        application=OuterRef("pk"),
        reviewer=user,
        reviewed_at__gte=Coalesce(OuterRef("returned_to_panel_at"), OuterRef("created_at")),
    )
    return (
        panel_applications(user).filter(status__in=WITH_THE_PANEL).exclude(Exists(current_review))
    )


def ready_for_panel(user):
    return panel_applications(user).filter(status=Application.Status.READY_FOR_PANEL)


def to_pay(user):
    """Approved and waiting to be paid, as this person may see them on the dashboard."""
    return panel_applications(user).filter(
        status__in=[Application.Status.APPROVED, Application.Status.PART_APPROVED]
    )
