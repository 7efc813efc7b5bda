"""The admin dashboard's panels that show figures, all read from impact.figures (issue 15 item
1: the dashboards use the one set of figures and nothing else). The apps below cannot import the
top floor, so their panels that showed a figure moved here, and impact/wagtail_hooks.py
registers them. Work-queue counts ("3 references waiting") stay the apps' own selectors.

- FundPanel (finance): the fund balance (impact.figures' `fund`, grants.fund.fund_balance) and
  monthly givers now (impact.figures.monthly_giving), with the Stripe events to look at.
- VolunteeringPanel (coordinators): volunteers who have applied and who are paused now
  (impact.figures.volunteering's `by_stage`, counted at most once every
  IMPACT_PAGE_CACHE_SECONDS: it reads every volunteer's status log; the panel says when), with
  the coordinators' work queue (counted on every request: a few indexed counts).
- ProgrammeFiguresPanel (programme leads): this six-month reporting period against the last,
  from impact.figures.figures, counted at most once every IMPACT_PAGE_CACHE_SECONDS (the two
  periods' figures are kept in the cache together; the panel says when they were counted).

Both cached panels go through `counted()`: the figures and the moment they were counted are
kept together under one key, so a panel never shows a number with another count's time.

The grants panel's fund line already reads grants.fund.fund_balance, the selector
impact.figures uses, so it stays with grants; matching's panel shows work queues only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from wagtail.admin.ui.components import Component

from impact import figures as f
from impact.periods import Period
from nolimits.money import pounds
from pledges.models import StripeEvent
from pledges.selectors import pledges_with_failed_payments
from pledges.services import stripe_events_needing_attention
from volunteers.models import Volunteer
from volunteers.selectors import coordinator_today

T = TypeVar("T")


def counted(key: str, count: Callable[[], T]) -> tuple[T, dt.datetime]:
    """What `count()` returns and when it was counted: from the cache when counted in the last
    IMPACT_PAGE_CACHE_SECONDS, else counted now and kept (the dashboard panels' figures)."""
    found = cache.get(key)
    if found is None:
        found = (count(), timezone.now())
        cache.set(key, found, settings.IMPACT_PAGE_CACHE_SECONDS)
    return found


def now() -> Period:
    """The figures "as they stand today": all time, so a figure about a moment reads today."""
    return Period.all_time()


class FundPanel(Component):
    """The No Limits fund on finance's dashboard: the balance, and the giving that feeds it."""

    name = "fund_balance"
    order = 100
    template_name = "impact/dashboards/fund_panel.html"

    def get_context_data(self, parent_context):
        set_aside = StripeEvent.objects.filter(status=StripeEvent.Status.SET_ASIDE).count()
        return {
            "balance": f.fund_balance(),
            "monthly": f.monthly_giving(now()),
            "failing": pledges_with_failed_payments(),
            "failed_events": stripe_events_needing_attention() - set_aside,
            "set_aside_events": set_aside,
        }


class VolunteeringPanel(Component):
    name = "volunteering_today"
    order = 110
    template_name = "impact/dashboards/volunteering_panel.html"

    def get_context_data(self, parent_context):
        volunteering, counted_at = volunteering_now(timezone.localdate())
        stages = volunteering.by_stage
        return {
            **coordinator_today(),
            "applications": stages[Volunteer.Status.APPLIED],
            "paused": stages[Volunteer.Status.PAUSED],
            "counted_at": counted_at,
            "cache_minutes": settings.IMPACT_PAGE_CACHE_SECONDS // 60,
        }


def volunteering_now_key(today: dt.date) -> str:
    return f"impact:volunteering-now:v1:{today:%Y-%m-%d}"


def volunteering_now(today: dt.date) -> tuple[f.Volunteering, dt.datetime]:
    """impact.figures.volunteering as it stands today, and when it was counted (`counted`).
    Counted again as soon as any volunteer applies or changes stage (impact.signals), so a
    coordinator who has just approved someone never reads the count from before."""
    return counted(volunteering_now_key(today), lambda: f.volunteering(Period.all_time(today)))


@dataclass(frozen=True)
class Line:
    label: str
    this: str
    last: str


def comparison(this: f.Figures, last: f.Figures) -> list[Line]:
    """The headline figures of two periods, line by line, as the programme lead reads them."""

    def lines(x: f.Figures) -> list[tuple[str, str]]:
        days = x.grants.median_days_to_decision
        return [
            ("Money received (less refunds)", pounds(x.money.total_received_pence)),
            ("People who gave", f"{x.money.givers:,}"),
            ("Councillors who gave", f"{x.money.councillors_giving:,}"),
            ("Monthly givers at the end", f"{x.monthly_giving.givers:,}"),
            ("Volunteers active at the end", f"{x.volunteering.active:,}"),
            ("Volunteers cleared to meet young people", f"{x.volunteering.cleared:,}"),
            ("Young people referred for a mentor", f"{x.matching.referred:,}"),
            ("Young people matched", f"{x.matching.matched:,}"),
            ("Matches active at the end", f"{x.matching.matches_active:,}"),
            ("Grant applications sent", f"{x.grants.sent:,}"),
            ("Grants awarded", pounds(x.grants.awarded_pence)),
            ("Grants paid", pounds(x.grants.paid_pence)),
            ("Median days to a decision", "—" if days is None else f"{days:g}"),
        ]

    return [Line(label, a, b) for (label, a), (_, b) in zip(lines(this), lines(last), strict=True)]


class ProgrammeFiguresPanel(Component):
    """Programme leads: this reporting period against the last, and the fund today."""

    name = "programme_figures"
    order = 90
    template_name = "impact/dashboards/programme_panel.html"

    def get_context_data(self, parent_context):
        this, last, counted_at = programme_figures(timezone.localdate())
        return {
            "this": this,
            "last": last,
            "lines": comparison(this, last),
            "fund": this.fund,
            "counted_at": counted_at,
            "cache_minutes": settings.IMPACT_PAGE_CACHE_SECONDS // 60,
        }


def programme_figures(today) -> tuple[f.Figures, f.Figures, dt.datetime]:
    """This reporting period's figures and the last one's, and when they were counted: from the
    cache when counted in the last IMPACT_PAGE_CACHE_SECONDS, else counted now (52 queries)."""
    period = Period.reporting_period_containing(today)
    (this, last), counted_at = counted(
        f"impact:programme-figures:v2:{period.start:%Y-%m-%d}:{today:%Y-%m-%d}",
        lambda: (f.figures(period), f.figures(period.previous())),
    )
    return this, last, counted_at
