"""Grant figures: applications by outcome and category, awarded and paid, days to decision."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from grants.models import Application, ApplicationStatusChange, GrantPayment
from impact.periods import Period

# --- Grants ------------------------------------------------------------------------------------------

# Statuses an application reaches only through a panel decision (and stays decided in).
DECIDED = [
    Application.Status.APPROVED,
    Application.Status.PART_APPROVED,
    Application.Status.DECLINED,
    Application.Status.PAID,
    Application.Status.CLOSED,
]
OUTCOMES = {
    "approved": Q(decided_amount_pence__isnull=False, decided_amount_pence__gte=F("amount_pence")),
    "part_approved": Q(decided_amount_pence__isnull=False, decided_amount_pence__lt=F("amount_pence")),
    "declined": Q(decided_amount_pence__isnull=True),
}  # fmt: skip


@dataclass(frozen=True)
class Grants:
    sent: int
    by_outcome: dict[str, int]  # approved, part_approved, declined, withdrawn
    by_category: dict[str, dict[str, int]]  # name -> decided, approved, awarded_pence
    awarded_pence: int
    paid: int
    paid_pence: int
    median_days_to_decision: float | None


def grants(period: Period) -> Grants:
    """Grant applications (6 queries).

    Sent: applications first sent in the period (`submitted_at`). By outcome: applications the
    panel decided in the period (`decided_at`; a request for more information is not a decision),
    as approved in full, part approved (less than asked) or declined, whatever has happened to
    them since (paid, closed); withdrawn: applications withdrawn in the period (their status log).
    By category: the same decisions by grant category. Awarded: the amounts approved by those
    decisions. Paid: grant payments made in the period (GrantPayment.paid_on) and their amounts.
    Median days to decision: from the first sending to the decision, in UK calendar days, over
    the decisions in the period (time spent answering a request for more information included).
    """
    decided = Application.objects.filter(
        period.moments("decided_at"), status__in=DECIDED, decided_at__isnull=False
    )
    row = decided.aggregate(
        **{name: Count("pk", filter=q) for name, q in OUTCOMES.items()},
        awarded=Coalesce(Sum("decided_amount_pence"), 0),
    )
    sent = Application.objects.filter(period.moments("submitted_at")).count()
    withdrawn = (
        ApplicationStatusChange.objects.filter(
            period.moments("at"), to_status=Application.Status.WITHDRAWN
        )
        .values("application")
        .distinct()
        .count()
    )
    categories = {
        (r["category__name"] or "No category"): {
            "decided": r["decided"],
            "approved": r["approved"],
            "awarded_pence": r["awarded"],
        }
        for r in decided.values("category__name")
        .annotate(
            decided=Count("pk"),
            approved=Count("pk", filter=Q(decided_amount_pence__isnull=False)),
            awarded=Coalesce(Sum("decided_amount_pence"), 0),
        )
        .order_by("category__name")
    }
    paid = GrantPayment.objects.filter(period.days_of("paid_on")).aggregate(
        n=Count("pk"), total=Coalesce(Sum("amount_pence"), 0)
    )
    days = [
        (timezone.localdate(decided_at) - timezone.localdate(sent_at)).days
        for sent_at, decided_at in decided.filter(submitted_at__isnull=False).values_list(
            "submitted_at", "decided_at"
        )
    ]
    return Grants(
        sent=sent,
        by_outcome={**{name: row[name] for name in OUTCOMES}, "withdrawn": withdrawn},
        by_category=categories,
        awarded_pence=row["awarded"],
        paid=paid["n"],
        paid_pence=paid["total"],
        median_days_to_decision=statistics.median(days) if days else None,
    )
