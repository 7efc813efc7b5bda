"""Money figures: received by route less refunds and disputes, Gift Aid, monthly givers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from impact.figures.common import status_at
from impact.periods import Period
from nolimits.models import User
from pledges.models import Adjustment, Donation, Pledge, PledgeStatusChange
from pledges.selectors import gift_aid_claimable

SUCCEEDED = Donation.Status.SUCCEEDED
DIRECT_DEBIT = "bacs_debit"


def routes(via: str = "") -> dict[str, Q]:
    """The routes money comes in by, and which gifts each holds (Donation.kind and payment
    method); `via` reaches the gift from another model ("donation__" from an adjustment)."""
    kind, method = f"{via}kind", f"{via}payment_method_type"
    return {
        "card": Q(**{kind: Donation.Kind.MONTHLY}) & ~Q(**{method: DIRECT_DEBIT}),
        "direct_debit": Q(**{kind: Donation.Kind.MONTHLY, method: DIRECT_DEBIT}),
        "payroll": Q(**{kind: Donation.Kind.PAYROLL}),
        "campaigns": Q(**{kind: Donation.Kind.CAMPAIGN}),
    }


ROUTES = routes()
ROUTE_LABELS = {
    "card": "Monthly by card",
    "direct_debit": "Monthly by Direct Debit",
    "payroll": "From pay",
    "campaigns": "Campaign gifts",
}


# --- Money ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    gross_pence: dict[str, int]  # by route
    taken_back_pence: dict[str, int]  # refunds and disputes by route (negative)
    refunds_pence: int
    disputes_pence: int
    givers: int
    councillors_giving: int
    gift_aid_claimed_on_pence: int

    @property
    def received_pence(self) -> dict[str, int]:
        return {r: self.gross_pence[r] + self.taken_back_pence[r] for r in ROUTES}

    @property
    def total_received_pence(self) -> int:
        return sum(self.received_pence.values())

    @property
    def gift_aid_claimed_pence(self) -> int:
        """The tax claimed back: 25p for every £1 claimed on."""
        return self.gift_aid_claimed_on_pence // 4


def money(period: Period) -> Money:
    """Money received by route, less refunds and disputes (2 queries).

    A gift is received when its status is "received" (succeeded); it falls in the period by its
    paid date (`paid_at`; a payroll gift's is its pay date), and never counts before that moment,
    as in pledges.selectors.money_received_pence, whose total for all time this equals. Routes:
    a monthly pledge paid by card (or any method Stripe reports other than Bacs), by Bacs Direct
    Debit, a payroll deduction, a campaign gift (however paid). A refund or dispute is a
    negative line (pledges.models.Adjustment: zero once a dispute is won or a refund fails) in
    the period of its own date, on the route of the gift it takes back. Givers: distinct people
    with a gift received in the period; councillors giving: those whose account is a councillor's
    (User.kind). Gift Aid claimed on: received gifts in the period already on a claim to HMRC.
    """
    received = Donation.objects.filter(
        period.moments("paid_at"), status=SUCCEEDED, paid_at__lte=timezone.now()
    )
    totals = received.aggregate(
        **{r: Coalesce(Sum("amount_pence", filter=q), 0) for r, q in ROUTES.items()},
        givers=Count("donor", distinct=True),
        councillors=Count("donor", distinct=True, filter=Q(donor__kind=User.Kind.COUNCILLOR)),
        claimed=Coalesce(Sum("amount_pence", filter=Q(gift_aid_claim__isnull=False)), 0),
    )
    back = Adjustment.objects.filter(period.moments("created_at")).aggregate(
        **{r: Coalesce(Sum("amount_pence", filter=q), 0) for r, q in routes("donation__").items()},
        refunds=Coalesce(Sum("amount_pence", filter=Q(kind=Adjustment.Kind.REFUND)), 0),
        disputes=Coalesce(Sum("amount_pence", filter=Q(kind=Adjustment.Kind.DISPUTE)), 0),
    )
    return Money(
        gross_pence={r: totals[r] for r in ROUTES},
        taken_back_pence={r: back[r] for r in ROUTES},
        refunds_pence=back["refunds"],
        disputes_pence=back["disputes"],
        givers=totals["givers"],
        councillors_giving=totals["councillors"],
        gift_aid_claimed_on_pence=totals["claimed"],
    )


def gift_aid_to_claim_pence(period: Period) -> int:
    """Gift Aid still to claim on gifts received in the period: the tax (25p per £1) on exactly the
    gifts finance's next claim would hold (pledges.selectors.gift_aid_claimable: received, not
    payroll, not refunded or disputed, not yet claimed, covered by a declaration). 2 queries. The
    selector streams plain values of the unclaimed gifts only (each claim takes them off), so this
    reuses the claim's own rule rather than a second copy of the declaration dates in SQL."""
    return sum(g.amount_pence for g in gift_aid_claimable(period.start, period.end)) // 4


@dataclass(frozen=True)
class MonthlyGiving:
    givers: int
    pledges: int
    monthly_pence: int


def monthly_giving(period: Period) -> MonthlyGiving:
    """Monthly givers: people with a pledge (card, Direct Debit or payroll) that was active at the
    end of the period, read from the pledge's status log (status "active" only: not one waiting
    for its first payment, failing, paused or cancelled), and what those pledges give a month."""
    active = (
        Pledge.objects.filter(created_at__lt=period.ends_before)
        .annotate(then=status_at(PledgeStatusChange, "pledge", period.ends_before))
        .filter(then=Pledge.Status.ACTIVE)
    )
    row = active.aggregate(
        givers=Count("donor", distinct=True),
        pledges=Count("pk"),
        monthly=Coalesce(Sum("amount_pence"), 0),
    )
    return MonthlyGiving(row["givers"], row["pledges"], row["monthly"])
