"""The sections of the board report, in order. Each is a function of the report's `Context`
returning a `Section`; adding a section is one more entry in SECTIONS."""

from __future__ import annotations

from django.conf import settings

from impact.figures import ROUTE_LABELS, ROUTES
from impact.figures.directorates import by_directorate
from impact.report.content import (
    NOT_SHOWN,
    Cell,
    Context,
    Section,
    Table,
    change,
    comparison,
    count,
    days,
    few,
    hours,
    money,
    money_of,
    monthly_chart,
    text,
)
from volunteers.models import Volunteer

OTHER_REASONS = "Other reasons"


def headline(ctx: Context) -> list[tuple[str, Cell, Cell]]:
    """The figures the summary leads with (and says how each changed)."""
    n, b = ctx.now, ctx.before
    return [
        (
            "Money received",
            money(n.money.total_received_pence),
            money(b.money.total_received_pence),
        ),
        ("Monthly givers", count(n.monthly_giving.givers), count(b.monthly_giving.givers)),
        ("Volunteers active", count(n.volunteering.active), count(b.volunteering.active)),
        (
            "Young people matched with a volunteer",
            count(n.matching.matched, young_people=True),
            count(b.matching.matched, young_people=True),
        ),
        ("Grants awarded", money(n.grants.awarded_pence), money(b.grants.awarded_pence)),
        ("Grants paid", money(n.grants.paid_pence), money(b.grants.paid_pence)),
    ]


def sentence(label: str, now: Cell, before: Cell) -> str:
    moved = change(now, before)
    if moved.number is None or moved.text == "":
        return f"{label}: {now.text} (previous period: {before.text})."
    if moved.number == 0:
        return f"{label}: {now.text}, the same as the previous period."
    direction = "up" if moved.number > 0 else "down"
    by = moved.text.replace("+", "").replace("-", "")
    return f"{label}: {now.text}, {direction} {by} on the previous period ({before.text})."


def summary(ctx: Context) -> Section:
    rows = headline(ctx)
    return Section(
        "Summary",
        [
            f"This report sets out what No Limits achieved from {ctx.period.start:%-d %B %Y} to "
            f"{ctx.period.end:%-d %B %Y}, compared with the previous period ({ctx.previous}).",
            *[sentence(label, now, before) for label, now, before in rows],
            comparison(ctx, "Headline figures", "Headline figures", rows),
        ],
    )


def giving(ctx: Context) -> Section:
    n, b = ctx.now.money, ctx.before.money
    routes = [
        (ROUTE_LABELS[r], money(n.received_pence[r]), money(b.received_pence[r])) for r in ROUTES
    ]
    routes.append(("Total received", money(n.total_received_pence), money(b.total_received_pence)))
    other = [
        ("Refunds", money(n.refunds_pence), money(b.refunds_pence)),
        ("Disputes", money(n.disputes_pence), money(b.disputes_pence)),
        (
            "Gift Aid claimed from HMRC",
            money(n.gift_aid_claimed_pence),
            money(b.gift_aid_claimed_pence),
        ),
        (
            "Gift Aid still to claim",
            money(ctx.now.gift_aid_to_claim_pence),
            money(ctx.before.gift_aid_to_claim_pence),
        ),
        ("People who gave", count(n.givers), count(b.givers)),
        ("Councillors who gave", count(n.councillors_giving), count(b.councillors_giving)),
        (
            "Monthly givers at the end",
            count(ctx.now.monthly_giving.givers),
            count(ctx.before.monthly_giving.givers),
        ),
        (
            "Given each month by those pledges",
            money(ctx.now.monthly_giving.monthly_pence),
            money(ctx.before.monthly_giving.monthly_pence),
        ),
    ]
    return Section(
        "Giving money",
        [
            "Money received is every gift paid in the period, by the way it came in, less refunds "
            "and disputes.",
            comparison(ctx, "Money received by route", "Money by route", routes),
            comparison(ctx, "Givers and Gift Aid", "Givers and Gift Aid", other),
            monthly_chart(ctx.money_in, "Money in by month", "Money in by month"),
        ],
    )


def giving_time(ctx: Context) -> Section:
    n, b = ctx.now.volunteering, ctx.before.volunteering
    stages = [
        (label, count(n.by_stage[value]), count(b.by_stage[value]))
        for value, label in Volunteer.Status.choices
    ]
    checks = [
        ("Applied to volunteer in the period", count(n.applied), count(b.applied)),
        ("Cleared to meet young people", count(n.cleared), count(b.cleared)),
        (
            "Active with a DBS check in date",
            count(n.active_with_current_dbs),
            count(b.active_with_current_dbs),
        ),
        (
            "Active with required training in date",
            count(n.active_with_training_in_date),
            count(b.active_with_training_in_date),
        ),
        (
            "Sessions logged",
            count(ctx.now.matching.sessions, young_people=True),
            count(ctx.before.matching.sessions, young_people=True),
        ),
        (
            "Hours given in those sessions",
            hidden_if_few(hours(ctx.now.matching.session_minutes), ctx.now.matching.sessions),
            hidden_if_few(hours(ctx.before.matching.session_minutes), ctx.before.matching.sessions),
        ),
    ]
    ca, cb = ctx.now.come_along, ctx.before.come_along
    come_along = [
        ("Activities", count(ca.activities), count(cb.activities)),
        ("Places offered", count(ca.places_offered), count(cb.places_offered)),
        (
            "Places booked",
            count(ca.places_booked, young_people=True),
            count(cb.places_booked, young_people=True),
        ),
    ]
    return Section(
        "Giving time: volunteering and come-along",
        [
            "Volunteers by stage are counted as they stood at the end of each period.",
            comparison(ctx, "Volunteers by stage", "Volunteers by stage", stages),
            comparison(ctx, "Checks, training and time given", "Checks and time", checks),
            comparison(ctx, "Come-along activities", "Come-along", come_along),
        ],
    )


def closed_reasons(ctx: Context) -> Table:
    """Matches closed by reason. A reason given for fewer than the threshold is counted with the
    other such reasons: free text about one or two matches could point to a young person."""
    threshold = settings.IMPACT_SMALL_NUMBER_THRESHOLD
    rows: dict[str, int] = {}
    for reason, n in ctx.now.matching.closed_reasons.items():
        key = reason if n >= threshold else OTHER_REASONS
        rows[key] = rows.get(key, 0) + n
    return Table(
        "Matches closed, by reason",
        "Matches closed by reason",
        ["Reason", str(ctx.period)],
        [[text(reason), count(n, young_people=True)] for reason, n in rows.items()],
    )


def young_people(ctx: Context) -> Section:
    n, b = ctx.now.matching, ctx.before.matching

    def yp(attribute: str) -> tuple[Cell, Cell]:
        return (
            count(getattr(n, attribute), young_people=True),
            count(getattr(b, attribute), young_people=True),
        )

    rows = [
        ("Young people referred for a mentor", *yp("referred")),
        ("Young people matched with a volunteer", *yp("matched")),
        ("Matches active at the end", *yp("matches_active")),
        ("Matches closed", *yp("matches_closed")),
    ]
    return Section(
        "Young people and matching",
        [
            "Young people are referred by their workers; a coordinator matches each with a cleared "
            "volunteer.",
            comparison(ctx, "Referrals and matches", "Referrals and matches", rows),
            closed_reasons(ctx),
        ],
    )


def awarded(g) -> int:
    """Decisions that gave money: what an amount awarded is made of."""
    return g.by_outcome["approved"] + g.by_outcome["part_approved"]


def decided(g) -> int:
    return awarded(g) + g.by_outcome["declined"]


def hidden_if_few(cell: Cell, n: int) -> Cell:
    """A figure made of 1 to the threshold - 1 young people's records is "not shown"."""
    return Cell(NOT_SHOWN, None, hidden=True) if few(n) else cell


def grants_and_fund(ctx: Context) -> Section:
    n, b = ctx.now.grants, ctx.before.grants

    def apps(now: int, before: int) -> tuple[Cell, Cell]:
        return count(now, young_people=True), count(before, young_people=True)

    outcomes = [
        ("Applications sent to the panel", *apps(n.sent, b.sent)),
        ("Approved in full", *apps(n.by_outcome["approved"], b.by_outcome["approved"])),
        ("Part approved", *apps(n.by_outcome["part_approved"], b.by_outcome["part_approved"])),
        ("Declined", *apps(n.by_outcome["declined"], b.by_outcome["declined"])),
        ("Withdrawn", *apps(n.by_outcome["withdrawn"], b.by_outcome["withdrawn"])),
        (
            "Amount awarded",
            money_of(n.awarded_pence, awarded(n)),
            money_of(b.awarded_pence, awarded(b)),
        ),
        ("Grants paid", *apps(n.paid, b.paid)),
        ("Amount paid", money_of(n.paid_pence, n.paid), money_of(b.paid_pence, b.paid)),
        (
            "Median days from sending to decision",
            hidden_if_few(days(n.median_days_to_decision), decided(n)),
            hidden_if_few(days(b.median_days_to_decision), decided(b)),
        ),
    ]
    categories = Table(
        "Decisions by category",
        "Decisions by category",
        ["Category", "Decided", "Approved", "Awarded"],
        [
            [
                text(name),
                count(row["decided"], young_people=True),
                count(row["approved"], young_people=True),
                money_of(row["awarded_pence"], row["approved"]),
            ]
            for name, row in n.by_category.items()
        ],
    )
    fund = ctx.now.fund
    balance = Table(
        f"The fund on {ctx.made_on:%-d %B %Y}",
        "The fund",
        ["", "Amount"],
        [
            [text("Money received, all time"), money(fund.received_pence)],
            [text("Grants committed, not yet paid"), money(fund.committed_pence)],
            [text("Grants paid, all time"), money(fund.paid_pence)],
            [text("Available to award"), money(fund.available_pence)],
        ],
        note="The balance is the fund's today, whatever the period.",
    )
    return Section(
        "Grants and the fund",
        [
            "Young people apply for grants from the fund; the panel decides each application.",
            comparison(ctx, "Applications and awards", "Applications and awards", outcomes),
            categories,
            monthly_chart(ctx.grants_out, "Grants paid by month", "Grants paid by month"),
            balance,
        ],
    )


def directorates(ctx: Context) -> Section:
    """Participation by directorate (seed 004, §18e–f): every directorate side by side and
    councillors as their own group, this period beside the one before (impact.figures.directorates:
    who counts as giving money or time is defined there). Counts of 1 to 4 people are "fewer than
    5", as on the champions' screens: a directorate's handful of givers could be recognised."""
    now, before = by_directorate(ctx.period), by_directorate(ctx.previous)
    earlier = {g.key: g.counts for g in before.groups}

    def small(n: int) -> Cell:
        return count(n, young_people=True)  # the same small-number rule

    rows = []
    for group in now.groups:
        c, b = group.counts, earlier.get(group.key)
        rows.append(
            [
                text(group.label),
                small(c.giving),
                small(c.volunteering),
                small(c.both),
                small(b.giving if b else 0),
                small(b.volunteering if b else 0),
            ]
        )
    table = Table(
        f"Participation by directorate, {ctx.period}",
        "By directorate",
        [
            "Directorate",
            "Giving money",
            "Giving time",
            "Doing both",
            "Giving money, period before",
            "Giving time, period before",
        ],
        rows,
        note="People, never names. Giving money: a gift received in the period or a monthly "
        "pledge active at its end; giving time: a volunteer active at its end.",
    )
    return Section(
        "Participation by directorate",
        [
            "Each directorate has a champion who encourages colleagues to take part. Councillors "
            "are shown as their own group.",
            table,
        ],
    )


# The report's sections, in order. A new section is one more entry here.
SECTIONS = [summary, giving, giving_time, young_people, grants_and_fund, directorates]
