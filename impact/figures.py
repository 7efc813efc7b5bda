"""One set of figures: every number the impact page, the board report, the dashboards and the
exports show, each worked out here once, for any period (impact.periods.Period).

Each selector reads the apps' own models and selectors and aggregates in the database; what a
figure means (which statuses count, which date places a record in the period) is written in its
docstring. `figures(period)` gathers them all in a fixed number of queries, however much data
there is. Figures about a moment ("active", "cleared", "by stage") are taken at the end of the
period (or today, while it runs); figures about events ("received", "referred") count what
happened inside it.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from grants.fund import FundBalance, fund_balance
from grants.models import Application, ApplicationStatusChange, GrantPayment
from impact.periods import Period
from matching.models import Match, MatchStatusChange, YoungPerson
from nolimits.models import User
from pledges.models import Adjustment, Donation, Pledge, PledgeStatusChange
from pledges.selectors import gift_aid_claimable
from volunteers.clearance import Context
from volunteers.models import (
    Booking,
    DBSCheck,
    Opportunity,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteerSession,  # moving to matching.models: this is the one line to change
    VolunteerStatusChange,
)

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


def suppressed(n: int, threshold: int | None = None) -> str:
    """A count as the public may see it: a number from 1 to threshold - 1 could point to a young
    person, so it is "fewer than {threshold}"; 0 stays 0 (settings.IMPACT_SMALL_NUMBER_THRESHOLD)."""
    if threshold is None:
        threshold = settings.IMPACT_SMALL_NUMBER_THRESHOLD
    if 0 < n < threshold:
        return f"fewer than {threshold}"
    return f"{n:,}"


def status_at(change_model, to_record: str, moment: dt.datetime):
    """The status a record had at `moment`, from its status-change log (nolimits.states): the
    status of the last change before it, else the status the first change after it left, else
    (no change either side) the status it has now."""
    changes = change_model.objects.filter(**{to_record: OuterRef("pk")})
    before = changes.filter(at__lt=moment).order_by("-at", "-pk").values("to_status")[:1]
    after = changes.filter(at__gte=moment).order_by("at", "pk").values("from_status")[:1]
    return Coalesce(
        Subquery(before, output_field=CharField()),
        Subquery(after, output_field=CharField()),
        F("status"),
        output_field=CharField(),
    )


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


# --- Volunteers ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Volunteering:
    by_stage: dict[str, int]  # Volunteer.Status value -> count
    applied: int
    cleared: int
    active_with_current_dbs: int
    active_with_training_in_date: int

    @property
    def active(self) -> int:
        return self.by_stage[Volunteer.Status.ACTIVE]


def dbs_current_since(as_of: dt.date, recheck_years: int) -> dt.date:
    """The earliest issue date whose DBS check is still current on `as_of`: the check is due for
    renewal on DBSCheck.recheck_due (the clearance rule's date), and current on days before it."""
    try:
        day = as_of.replace(year=as_of.year - recheck_years)
    except ValueError:  # 29 February
        day = as_of.replace(year=as_of.year - recheck_years, day=28)
    day -= dt.timedelta(days=3)
    while DBSCheck(issue_date=day).recheck_due(recheck_years) <= as_of:
        day += dt.timedelta(days=1)
    return day


def volunteering(period: Period) -> Volunteering:
    """Volunteers (4 queries: the clearance rule's settings and courses, then one count).

    By stage: everyone who had applied by the end of the period, at the stage their status log
    says they were at then (applied, references, DBS, training, active, paused, left). Applied:
    applications made in the period. Cleared: volunteers whose stored clearance summary
    (volunteers.clearance, Volunteer.cleared_children_until / cleared_adults_until: cleared on
    days before those dates) holds on the period's last day, or today while it runs; the summary
    is today's, so for a past period it reads today's records. DBS compliance: volunteers active
    at the end with an accepted DBS check issued on or before that day and not yet due for
    renewal (VolunteeringSettings.dbs_recheck_years). Training compliance: volunteers active at
    the end with every required course done and in date on that day (expires_on after it, or
    never expiring)."""
    as_of = period.as_of()
    context = Context.load()
    current_dbs = DBSCheck.objects.filter(
        volunteer=OuterRef("pk"),
        decision=DBSCheck.Decision.ACCEPTED,
        issue_date__gte=dbs_current_since(as_of, context.recheck_years),
        issue_date__lte=as_of,
    )
    in_date = TrainingRecord.objects.filter(
        Q(expires_on__isnull=True) | Q(expires_on__gt=as_of),
        volunteer=OuterRef(OuterRef("pk")),
        course=OuterRef("pk"),
        completed_on__lte=as_of,
    )
    missing = TrainingCourse.objects.filter(pk__in=[c.pk for c in context.required_courses]).filter(
        ~Exists(in_date)
    )
    active = Q(then=Volunteer.Status.ACTIVE)
    row = (
        Volunteer.objects.filter(applied_at__lt=period.ends_before)
        .annotate(
            then=status_at(VolunteerStatusChange, "volunteer", period.ends_before),
            dbs_ok=Exists(current_dbs),
            training_ok=~Exists(missing),
        )
        .aggregate(
            **{f"stage_{s}": Count("pk", filter=Q(then=s.value)) for s in Volunteer.Status},
            applied=Count("pk", filter=Q(applied_at__gte=period.starts_at)),
            cleared=Count(
                "pk",
                filter=Q(cleared_children_until__gt=as_of) | Q(cleared_adults_until__gt=as_of),
            ),
            dbs=Count("pk", filter=active & Q(dbs_ok=True)),
            training=Count("pk", filter=active & Q(training_ok=True)),
        )
    )
    return Volunteering(
        by_stage={s.value: row[f"stage_{s}"] for s in Volunteer.Status},
        applied=row["applied"],
        cleared=row["cleared"],
        active_with_current_dbs=row["dbs"],
        active_with_training_in_date=row["training"],
    )


# --- Young people and matches ---------------------------------------------------------------------


@dataclass(frozen=True)
class Matching:
    referred: int
    matched: int
    matches_active: int
    matches_closed: int
    closed_reasons: dict[str, int] = field(default_factory=dict)
    sessions: int = 0
    session_minutes: int = 0


def matching(period: Period) -> Matching:
    """Young people and their matches (5 queries).

    Referred: young people referred in the period (`referred_at`). Matched: distinct young people
    introduced to a volunteer in the period (the match's "introduced" status change: every match
    that ever met passes through it once). Matches active: matches that were introduced or active
    at the end of the period (Match.WORKING, by their status log: not proposed, paused or closed).
    Matches closed: matches whose "closed" status change falls in the period, counted by the
    reason the coordinator gave (Match.closed_reason; "No reason recorded" when blank). Sessions:
    time volunteers logged with their young person or otherwise, by the session's date."""
    referred = YoungPerson.objects.filter(period.moments("referred_at")).count()
    changes = MatchStatusChange.objects.filter(period.moments("at")).aggregate(
        matched=Count(
            "match__young_person", distinct=True, filter=Q(to_status=Match.Status.INTRODUCED)
        ),
    )
    active = (
        Match.objects.filter(proposed_at__lt=period.ends_before)
        .annotate(then=status_at(MatchStatusChange, "match", period.ends_before))
        .filter(then__in=Match.WORKING)
        .count()
    )
    reasons = {
        (row["match__closed_reason"] or "No reason recorded"): row["n"]
        for row in MatchStatusChange.objects.filter(
            period.moments("at"), to_status=Match.Status.CLOSED
        )
        .values("match__closed_reason")
        .annotate(n=Count("match", distinct=True))
        .order_by("-n", "match__closed_reason")
    }
    sessions = VolunteerSession.objects.filter(period.days_of("date")).aggregate(
        n=Count("pk"), minutes=Coalesce(Sum("minutes"), 0)
    )
    return Matching(
        referred=referred,
        matched=changes["matched"],
        matches_active=active,
        matches_closed=sum(reasons.values()),
        closed_reasons=reasons,
        sessions=sessions["n"],
        session_minutes=sessions["minutes"],
    )


@dataclass(frozen=True)
class ComeAlong:
    activities: int
    places_offered: int
    places_booked: int


def come_along(period: Period) -> ComeAlong:
    """Come-along activities published by a coordinator (status "published") that take place in
    the period (`starts_at`), the places they offered, and the places booked on them (bookings
    not cancelled). 2 queries."""
    published = Opportunity.objects.filter(
        period.moments("starts_at"), status=Opportunity.Status.APPROVED
    )
    row = published.aggregate(n=Count("pk"), places=Coalesce(Sum("places"), 0))
    booked = Booking.objects.filter(opportunity__in=published, cancelled=False).count()
    return ComeAlong(row["n"], row["places"], booked)


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


# --- All of them -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    period: Period
    money: Money
    gift_aid_to_claim_pence: int
    monthly_giving: MonthlyGiving
    volunteering: Volunteering
    matching: Matching
    come_along: ComeAlong
    grants: Grants
    fund: FundBalance  # today's balance, whatever the period (grants.fund.fund_balance)


def figures(period: Period) -> Figures:
    """Every figure for `period`, in a fixed number of queries (26) whatever the data."""
    return Figures(
        period=period,
        money=money(period),
        gift_aid_to_claim_pence=gift_aid_to_claim_pence(period),
        monthly_giving=monthly_giving(period),
        volunteering=volunteering(period),
        matching=matching(period),
        come_along=come_along(period),
        grants=grants(period),
        fund=fund_balance(),
    )
