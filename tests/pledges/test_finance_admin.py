"""Finance's screens in the Wagtail admin, and who may see giving data."""

import datetime as dt
import re

from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from nolimits import roles
from pledges.models import Adjustment, Donation, GiftAidDeclaration, PayrollRun, Pledge
from tests.dates import month_boxes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def staff(client, role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def gifts(n, donor=None):
    donor = donor or UserFactory()
    now = timezone.now()
    return [
        Donation.objects.create(
            donor=donor, kind="campaign", amount_pence=1000 + i, status="succeeded", paid_at=now
        )
        for i in range(n)
    ]


LISTS = [
    "/admin/giving/pledges/",
    "/admin/giving/gifts/",
    "/admin/giving/gift-aid-declarations/",
    "/admin/giving/payroll-runs/",
    "/admin/giving/stripe-events/",
    "/admin/giving/gift-aid-claims/",
]


def test_finance_can_list_search_export_and_inspect_giving(client, home):
    staff(client, roles.FINANCE)
    gift = gifts(1)[0]
    for url in LISTS:
        assert client.get(url).status_code == 200, url
    response = client.get("/admin/giving/gifts/", {"q": gift.donor.email})
    assert gift.receipt_number in response.content.decode()
    export = client.get("/admin/giving/gifts/", {"export": "csv"})
    body = b"".join(export.streaming_content).decode()
    assert export.status_code == 200
    assert body.startswith("ID,Donor name,Donor email,Kind,Amount pence")
    assert gift.donor.email in body
    assert client.get(f"/admin/giving/gifts/inspect/{gift.pk}/").status_code == 200


def test_money_rows_cannot_be_added_or_edited_in_the_admin(client, home):
    admin_user = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)
    gift = gifts(1)[0]
    assert client.get("/admin/giving/gifts/new/").status_code in (302, 403)
    assert client.get(f"/admin/giving/gifts/edit/{gift.pk}/").status_code in (302, 403)


@pytest.mark.parametrize(
    "role", [roles.VOLUNTEER_COORDINATORS, roles.GRANTS_PANEL, roles.EDITORS, roles.PROGRAMME_LEADS]
)
def test_other_roles_cannot_see_giving_records(client, home, role):
    staff(client, role)
    for url in LISTS + ["/admin/giving/reconciliation/", "/admin/giving/payroll-run/"]:
        assert client.get(url).status_code in (302, 403), (role, url)


def test_gift_list_queries_do_not_grow_with_the_data(client, home):
    staff(client, roles.FINANCE)
    gifts(2)
    client.get("/admin/giving/gifts/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/giving/gifts/")
    for _ in range(5):
        gifts(5)
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/giving/gifts/")
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_monthly_reconciliation_shows_gross_fee_net_and_negative_lines(client, home):
    staff(client, roles.FINANCE)
    a, b = gifts(2)
    Donation.objects.filter(pk=a.pk).update(fee_pence=35, net_pence=965, payout_id="po_1")
    Adjustment.objects.create(donation=b, kind="refund", stripe_id="re_1", amount_pence=-500)
    month = timezone.localdate()
    html = client.get("/admin/giving/reconciliation/", month_boxes("month", month)).content.decode()
    assert "£20.01" in html  # gross: 1000 + 1001 pence
    assert "£0.35" in html  # fee
    assert "-£5" in html  # the refund, as a negative line
    assert "£14.66" in html  # net = 2001 - 35 - 500
    assert "po_1" in html


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
def test_finance_confirms_a_payroll_run_once(client, home):
    user = staff(client, roles.FINANCE)
    first = dt.date(2026, 11, 1)
    donor = UserFactory()
    Pledge.objects.create(
        donor=donor,
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=first,
    )
    Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=500,
        employee_number="AB999999",
        payroll_start_month=dt.date(2026, 12, 1),
    )
    preview = client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", "11", "2026"), "preview": "1"}
    ).content.decode()
    assert "AB123456" in preview and "AB999999" not in preview
    response = client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", "11", "2026"), "confirm": "1"}
    )
    assert response.status_code == 302
    run = PayrollRun.objects.get()
    assert (run.gift_count, run.total_pence, run.confirmed_by) == (1, 800, user)
    gift = Donation.objects.get()
    assert (gift.kind, gift.payroll_month, gift.status) == ("payroll", first, "succeeded")
    again = client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", "11", "2026"), "confirm": "1"}
    ).content.decode()
    assert "has already been confirmed" in again
    assert Donation.objects.count() == 1


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
def test_payroll_for_a_month_not_yet_paid_cannot_be_confirmed(client, home):
    staff(client, roles.FINANCE)
    Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 11, 1),
    )
    html = client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", "12", "2026"), "confirm": "1"}
    ).content.decode()
    assert "is paid on 31 December 2026" in html
    assert not PayrollRun.objects.exists() and not Donation.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
def test_a_payroll_gift_is_dated_on_its_pay_date_and_counts_from_then(client, home):
    from pledges.selectors import money_received_pence

    staff(client, roles.FINANCE)
    Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 11, 1),
    )
    client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", "11", "2026"), "confirm": "1"}
    )
    gift = Donation.objects.get()
    assert timezone.localdate(gift.paid_at) == dt.date(2026, 11, 30)
    assert money_received_pence() == 800
    Donation.objects.update(paid_at=timezone.now() + dt.timedelta(days=1))  # not yet paid
    assert money_received_pence() == 0


def test_payroll_export_command_writes_the_months_deductions(tmp_path):
    donor = UserFactory(full_name="Pat Payroll")
    Pledge.objects.create(
        donor=donor,
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 12, 1),
    )
    ended = Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=300,
        employee_number="CD1234",
        payroll_start_month=dt.date(2026, 1, 1),
    )
    Pledge.objects.filter(pk=ended.pk).update(
        cancelled_at=timezone.make_aware(dt.datetime(2026, 11, 15)), status="cancelled"
    )
    out = tmp_path / "payroll.csv"
    call_command("payroll_export", "--month", "2026-12", "--output", str(out))
    lines = out.read_text().splitlines()
    assert lines[0] == "employee_number,name,amount,month,pledge_reference"
    assert lines[1].startswith("AB123456,Pat Payroll,8.00,2026-12,")
    assert len(lines) == 2


def test_declarations_are_finance_only(db):
    finance = UserFactory(roles=[roles.FINANCE])
    coordinator = UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])
    assert finance.has_perm("pledges.view_giftaiddeclaration") and finance.has_perm(
        "pledges.view_payroll"
    )
    assert not coordinator.has_perm("pledges.view_giftaiddeclaration")
    assert not coordinator.has_perm("pledges.view_payroll")
    assert GiftAidDeclaration.objects.count() == 0


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
def test_the_payroll_month_is_two_boxes_this_month_to_start_with(client, home):
    staff(client, roles.FINANCE)
    html = client.get("/admin/giving/payroll-run/").content.decode()
    assert '<legend class="w-field__label">Month' in html and "For example, 11 2026" in html
    assert re.search(r'<label[^>]*for="id_month_month">Month</label>', html)
    assert re.search(r'id="id_month_month"[^>]*value="12"', html)
    assert re.search(r'id="id_month_year"[^>]*value="2026"', html)
    assert 'type="month"' not in html


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("month", "year", "message", "first_box"),
    [
        ("", "", "Enter the month payroll took the deductions", "month"),
        ("13", "2026", "The month must be a real date", "month"),
        ("nov", "", "The month must include a year", "year"),
        ("x", "2026", "The month must be a real date", "month"),
        ("11", "0002", "The month must be the same as or after 1 January 2000", "month"),
        ("11", "26", "Year must include 4 numbers", "year"),
        ("1", "2027", "The month must be today or in the past", "month"),
    ],
)
def test_a_wrong_payroll_month_says_what_is_wrong_and_keeps_it(
    client, home, month, year, message, first_box
):
    staff(client, roles.FINANCE)
    Pledge.objects.create(
        donor=UserFactory(),
        method="payroll",
        amount_pence=800,
        employee_number="AB123456",
        payroll_start_month=dt.date(2026, 11, 1),
    )
    response = client.post(
        "/admin/giving/payroll-run/", {**month_boxes("month", month, year), "confirm": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: Payroll run" in html
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index("error-summary"))
    ]
    assert f'<a href="#id_month_{first_box}">{message}</a>' in summary
    assert html.count(message) == 2  # in the summary and beside the boxes
    assert re.search(rf'name="month_month"[^>]*value="{month}"', html)
    assert re.search(rf'name="month_year"[^>]*value="{year}"', html)
    assert not PayrollRun.objects.exists() and not Donation.objects.exists()


@time_machine.travel(dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC), tick=False)
def test_reconciliation_month_is_typed_in_boxes(client, home):
    staff(client, roles.FINANCE)
    a, _ = gifts(2)
    Donation.objects.filter(pk=a.pk).update(paid_at=dt.datetime(2026, 10, 5, 12, tzinfo=dt.UTC))
    october = client.get(
        "/admin/giving/reconciliation/", month_boxes("month", "10", "2026")
    ).content.decode()
    assert "Money received in October 2026" in october and "£10.00" in october
    assert re.search(r'id="id_month_month"[^>]*value="10"', october)
    wrong = client.get("/admin/giving/reconciliation/", month_boxes("month", "13", "2026"))
    html = wrong.content.decode()
    assert wrong.status_code == 200 and "<title>Error: Monthly reconciliation" in html
    assert html.count("The month must be a real date") == 2
    assert re.search(r'id="id_month_month"[^>]*value="13"', html)  # kept
    assert "Showing December 2026 instead." in html
