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

from dataclasses import dataclass

from grants.fund import FundBalance, fund_balance
from impact.figures.awards import Grants, grants
from impact.figures.common import status_at, suppressed
from impact.figures.giving import (
    ROUTE_LABELS,
    ROUTES,
    Money,
    MonthlyGiving,
    gift_aid_to_claim_pence,
    money,
    monthly_giving,
    routes,
)
from impact.figures.monthly import (
    Month,
    MonthlySeries,
    grants_out_by_month,
    money_in_by_month,
    months_of,
)
from impact.figures.time_given import (
    ComeAlong,
    Volunteering,
    come_along,
    dbs_current_since,
    volunteering,
)
from impact.figures.young_people import Matching, matching
from impact.periods import Period
from volunteers.models import VolunteerSession  # where sessions live (tests build them from here)

__all__ = [
    "ROUTES",
    "ROUTE_LABELS",
    "ComeAlong",
    "Figures",
    "Grants",
    "Matching",
    "Money",
    "Month",
    "MonthlySeries",
    "MonthlyGiving",
    "Volunteering",
    "VolunteerSession",
    "come_along",
    "dbs_current_since",
    "figures",
    "gift_aid_to_claim_pence",
    "grants",
    "grants_out_by_month",
    "matching",
    "money",
    "money_in_by_month",
    "months_of",
    "monthly_giving",
    "routes",
    "status_at",
    "suppressed",
    "volunteering",
]


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
