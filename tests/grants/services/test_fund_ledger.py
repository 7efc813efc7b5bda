"""The fund balance is kept by a ledger (grants.fund), moved in the same transaction as each money
movement: after every kind of movement the kept balance equals the full sum over every row, the
reconciliation finds a ledger that drifted, and reading the balance costs the same two queries
however many gifts there are. (Stripe's own refund and dispute events are checked the same way
in tests/pledges/services/reconcile/test_reconcile_and_payouts.py.)"""

import datetime as dt
import io

from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from grants import services
from grants.fund import full_sums, fund_balance, reconcile_ledger
from grants.models import FundLedger
from nolimits import roles
from pledges import services as giving
from pledges.models import Adjustment, Donation, Pledge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def assert_kept_equals_summed():
    assert fund_balance() == full_sums()
    assert reconcile_ledger().agrees


def test_after_every_kind_of_movement_the_kept_balance_is_the_full_sum(fund, application, chair):
    assert_kept_equals_summed()  # £1,000 received
    gift = Donation.objects.create(
        donor=UserFactory(), kind="campaign", amount_pence=2_500, status="processing"
    )
    assert fund_balance().received_pence == 100_000  # not received yet
    gift.status, gift.paid_at = "succeeded", timezone.now()
    gift.save()
    assert fund_balance().received_pence == 102_500
    assert_kept_equals_summed()

    refund = Adjustment.objects.create(
        donation=gift, kind="refund", stripe_id="re_1", amount_pence=-500, status="succeeded"
    )
    assert fund_balance().received_pence == 102_000
    assert_kept_equals_summed()
    refund.amount_pence, refund.status = 0, "failed"  # a refund that failed gives it back
    refund.save()
    assert_kept_equals_summed()

    dispute = Adjustment.objects.create(
        donation=gift, kind="dispute", stripe_id="dp_1", amount_pence=-2_500, status="lost"
    )
    assert fund_balance().received_pence == 100_000
    assert_kept_equals_summed()
    dispute.amount_pence, dispute.status = 0, "won"
    dispute.save(update_fields=["amount_pence", "status"])
    assert fund_balance().received_pence == 102_500
    assert_kept_equals_summed()

    services.application_decide(
        application=application, by=chair, outcome="approve", amount_pence=30_000, message="Yes"
    )
    assert fund_balance().committed_pence == 30_000
    assert_kept_equals_summed()
    services.payment_record(
        application=application,
        by=UserFactory(roles=[roles.FINANCE]),
        amount_pence=30_000,
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="BACS-1",
    )
    balance = fund_balance()
    assert (balance.committed_pence, balance.paid_pence, balance.available_pence) == (
        0,
        30_000,
        72_500,
    )
    assert_kept_equals_summed()


def test_a_payroll_run_written_in_bulk_moves_the_ledger_too(fund):
    Pledge.objects.create(
        donor=UserFactory(),
        method=Pledge.Method.PAYROLL,
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 9, 1),
        status=Pledge.Status.ACTIVE,
    )
    giving.payroll_run_confirm(month=dt.date(2026, 9, 1), by=UserFactory(roles=[roles.FINANCE]))
    assert fund_balance().received_pence == 100_800
    assert_kept_equals_summed()


def test_a_gift_dated_later_counts_from_its_date_and_a_deleted_row_leaves_the_ledger(fund):
    later = Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=700,
        status="succeeded",
        paid_at=timezone.now() + dt.timedelta(days=2),
    )
    assert fund_balance().received_pence == 100_000
    assert_kept_equals_summed()
    later.paid_at = timezone.now() - dt.timedelta(minutes=1)
    later.save()
    assert fund_balance().received_pence == 100_700
    later.delete()
    assert fund_balance().received_pence == 100_000
    assert_kept_equals_summed()


def test_a_movement_rolled_back_leaves_the_ledger_as_it_was(fund):
    with pytest.raises(RuntimeError), transaction.atomic():
        Donation.objects.create(
            donor=UserFactory(),
            kind="campaign",
            amount_pence=900,
            status="succeeded",
            paid_at=timezone.now(),
        )
        raise RuntimeError
    assert fund_balance().received_pence == 100_000
    assert_kept_equals_summed()


def test_reconcile_fund_finds_a_ledger_that_drifted_and_puts_it_right(fund):
    out = io.StringIO()
    call_command("reconcile_fund", stdout=out)
    assert "agrees" in out.getvalue()
    # a gift written behind the services' back (an UPDATE bypasses save())
    Donation.objects.update(amount_pence=120_000)
    with pytest.raises(CommandError, match="differs"):
        call_command("reconcile_fund", stdout=(out := io.StringIO()))
    assert "received: the ledger says £1,000.00, the sum is £1,200.00" in out.getvalue()
    call_command("reconcile_fund", "--repair", stdout=io.StringIO())
    assert fund_balance().received_pence == 120_000
    assert_kept_equals_summed()


def test_reading_the_balance_costs_the_same_however_many_gifts(fund):
    fund_balance()
    with CaptureQueriesContext(connection) as few:
        fund_balance()
    donor = UserFactory()
    for n in range(30):
        Donation.objects.create(
            donor=donor,
            kind="monthly",
            amount_pence=1_000 + n,
            status="succeeded",
            paid_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as many:
        balance = fund_balance()
    assert len(many) == len(few) == 2
    assert balance.received_pence == 100_000 + 30 * 1_000 + sum(range(30))
    assert FundLedger.objects.get().received_pence == balance.received_pence
