"""Gift Aid: eligibility per gift, and the HMRC schedule command end to end."""

import csv
import datetime as dt

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from pledges.models import Donation, GiftAidDeclaration, Pledge
from pledges.selectors import is_gift_aid_eligible
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(dt.datetime(2026, 6, 15, 12))


def declaration(
    donor, *, declared_at=NOW - dt.timedelta(days=30), past=True, cancelled_at=None, **kw
):
    return GiftAidDeclaration.objects.create(
        donor=donor,
        wording="…",
        charity_name="Foundation",
        first_name=kw.get("first", "Dana"),
        last_name=kw.get("last", "Donor-Smith"),
        house_name_or_number="12",
        postcode="SL1 2AB",
        covers_past_four_years=past,
        declared_at=declared_at,
        cancelled_at=cancelled_at,
    )


def gift(donor, pence=2500, *, when=NOW, kind=Donation.Kind.CAMPAIGN, **kw):
    return Donation.objects.create(
        donor=donor,
        kind=kind,
        amount_pence=pence,
        status=kw.pop("status", "succeeded"),
        paid_at=when,
        **kw,
    )


@pytest.fixture
def donor():
    return UserFactory()


def test_a_received_gift_covered_by_a_declaration_is_eligible(donor):
    assert is_gift_aid_eligible(gift(donor), [declaration(donor)])


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"kind": Donation.Kind.PAYROLL}, "payroll gifts are never Gift Aided"),
        ({"status": "processing"}, "money not received yet"),
        ({"refunded_pence": 100}, "refunded"),
        ({"disputed": True}, "disputed"),
    ],
)
def test_gifts_that_are_not_eligible(donor, change, why):
    assert not is_gift_aid_eligible(gift(donor, **change), [declaration(donor)]), why


def test_declarations_cover_the_past_four_years_only_when_they_say_so(donor):
    old_gift = gift(donor, when=NOW - dt.timedelta(days=365 * 3))
    assert is_gift_aid_eligible(old_gift, [declaration(donor, declared_at=NOW)])
    assert not is_gift_aid_eligible(old_gift, [declaration(donor, declared_at=NOW, past=False)])
    too_old = gift(donor, when=NOW - dt.timedelta(days=365 * 5))
    assert not is_gift_aid_eligible(too_old, [declaration(donor, declared_at=NOW)])


def test_a_cancelled_declaration_covers_gifts_before_but_not_after_it_ended(donor):
    cancelled = declaration(donor, cancelled_at=NOW)
    assert is_gift_aid_eligible(gift(donor, when=NOW - dt.timedelta(days=1)), [cancelled])
    assert not is_gift_aid_eligible(gift(donor, when=NOW + dt.timedelta(days=1)), [cancelled])


def test_no_declaration_no_gift_aid(donor):
    assert not is_gift_aid_eligible(gift(donor), [])


def test_the_schedule_command_writes_hmrc_files_and_claims_each_gift_once(tmp_path, donor):
    declaration(donor)
    big = gift(donor, 2500)
    small = [gift(UserFactory(), 500) for _ in range(3)]
    for s in small:
        declaration(s.donor)
    gift(UserFactory(), 9900)  # no declaration: not claimed
    pledge = Pledge.objects.create(
        donor=donor,
        method="payroll",
        amount_pence=1000,
        employee_number="AB1234",
        payroll_start_month=dt.date(2026, 1, 1),
    )
    gift(donor, 1000, kind=Donation.Kind.PAYROLL, pledge=pledge, payroll_month=dt.date(2026, 6, 1))

    output = tmp_path / "claim.ods"
    call_command(
        "gift_aid_schedule", "--start", "2026-06-01", "--end", "2026-06-30", "--output", str(output)
    )
    assert output.exists() and (tmp_path / "claim.csv").exists()
    rows = list(csv.reader((tmp_path / "claim.csv").open()))
    assert rows[0][:3] == ["Item", "Title", "First name or initial"]
    assert rows[1][1:] == ["", "Dana", "Donor Smith", "12", "SL1 2AB", "", "", "15/06/26", "25.00"]
    assert rows[2][6:] == ["Gifts of £20 or less each", "", "15/06/26", "15.00"]
    assert len(rows) == 3

    big.refresh_from_db()
    assert big.gift_aid_claim is not None
    assert all(
        Donation.objects.get(pk=s.pk).gift_aid_claim_id == big.gift_aid_claim_id for s in small
    )

    again = tmp_path / "again.ods"
    call_command(
        "gift_aid_schedule", "--start", "2026-06-01", "--end", "2026-06-30", "--output", str(again)
    )
    assert not again.exists()  # nothing left to claim


def test_a_dry_run_marks_nothing(tmp_path, donor):
    declaration(donor)
    g = gift(donor)
    call_command(
        "gift_aid_schedule",
        "--start",
        "2026-06-01",
        "--end",
        "2026-06-30",
        "--output",
        str(tmp_path / "x.ods"),
        "--dry-run",
    )
    g.refresh_from_db()
    assert g.gift_aid_claim is None


def test_the_schedule_command_refuses_bad_dates(tmp_path):
    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "gift_aid_schedule",
            "--start",
            "01/06/2026",
            "--end",
            "2026-06-30",
            "--output",
            str(tmp_path / "x.ods"),
        )
    with pytest.raises(CommandError, match="on or after"):
        call_command(
            "gift_aid_schedule",
            "--start",
            "2026-06-30",
            "--end",
            "2026-06-01",
            "--output",
            str(tmp_path / "x.ods"),
        )
