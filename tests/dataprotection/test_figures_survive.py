"""On a used demo, applying the retention schedule removes people's details but not the
figures: impact.figures.figures(period) gives the same totals before and after."""

import dataclasses
import datetime as dt

from django.core.management import call_command
from django.utils import timezone

import pytest

from dataprotection.retention import KINDS
from dataprotection.services import apply_retention
from impact.figures import figures
from impact.periods import Period
from tests.dataprotection.conftest import EVENT

pytestmark = pytest.mark.django_db


def without_reasons(found, **also):
    return dataclasses.replace(
        found, matching=dataclasses.replace(found.matching, closed_reasons={}), **also
    )


def test_the_figures_are_the_same_after_the_job_on_a_used_demo(
    builders, django_capture_on_commit_callbacks
):
    from tests.test_safety_net import seed_private_records

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    seed_private_records()
    # Used since: one record of every kind, from June (a volunteer left, a match closed, ...).
    for builder in builders.values():
        builder.make(EVENT)
    today = timezone.localdate()
    periods = [Period.all_time(today), Period.tax_year_containing(today)]
    before = [figures(p) for p in periods]

    # Three years on: every kind counted in days has come due (the longest is three years).
    with django_capture_on_commit_callbacks(execute=True):
        run = apply_retention(today=today + dt.timedelta(days=3 * 366))
    assert run.failures == {}
    removed = {k: n for k, n in run.counts.items() if n}
    day_kinds = set(KINDS) - {"ended_pledges", "gifts", "gift_aid_declarations"}
    assert {k for k in day_kinds if not removed.get(k)} == set(), removed
    after = [figures(p) for p in periods]
    for was, now in zip(before, after, strict=True):
        assert without_reasons(now) == without_reasons(was)
        # Closing reasons are free text a coordinator typed (defined over people's details):
        # they go with the young person's profile, and the matches count as closed with
        # "No reason recorded"; the number closed stays.
        assert sum(now.matching.closed_reasons.values()) == now.matching.matches_closed
        assert now.matching.matches_closed == was.matching.matches_closed > 0

    # Seven years on, Gift Aid declarations and payment details have gone too. Only the Gift Aid
    # still to claim changes, as it is defined over the declarations (and HMRC takes claims only
    # four years back, so none of it could be claimed by then anyway).
    with django_capture_on_commit_callbacks(execute=True):
        run = apply_retention(today=today + dt.timedelta(days=7 * 366))
    assert run.failures == {}
    assert run.counts["gifts"] > 0
    for was, now in zip(before, [figures(p) for p in periods], strict=True):
        assert without_reasons(now, gift_aid_to_claim_pence=0) == without_reasons(
            was, gift_aid_to_claim_pence=0
        )
