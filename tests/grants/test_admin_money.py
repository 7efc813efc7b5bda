"""Finance's payment form explains itself (paid on defaults to today; every error at the top and
by its field, with what was typed kept); editors and chairs type and read pounds, stored as pence."""

import datetime as dt
import re

from django.utils import timezone

import pytest

from grants import services
from grants.models import Category, Round
from nolimits import roles
from tests.dates import date_boxes

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(send, panel, money):
    application = send()
    services.review_record(
        application=application,
        reviewer=panel["member"],
        conflict_of_interest=False,
        recommendation="yes",
    )
    services.application_decide(
        application=application,
        by=panel["chair"],
        outcome="approve",
        amount_pence=25_050,
        message="Yes",
    )
    return application


def test_paid_on_defaults_to_today_and_the_amount_to_the_award(client, home, approved, admin_user):
    client.force_login(admin_user(roles.FINANCE))
    html = client.get("/admin/grants/payments/").content.decode()
    today = timezone.localdate()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        box = re.search(rf'<input[^>]*id="pay-{approved.pk}-paid_on_{part}"[^>]*>', html).group(0)
        assert f'value="{value}"' in box
    assert f'id="pay-{approved.pk}-amount"' in html and 'value="250.50"' in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"amount": "lots"}, "amount", "Enter an amount in pounds, like 10 or 7.50"),
        (date_boxes("paid_on"), "paid_on_day", "Enter the date it was paid"),
        (date_boxes("paid_on", "1", "1", "2999"), "paid_on_day", "cannot be in the future"),
        (date_boxes("paid_on", "31", "2", "2026"), "paid_on_day", "must be a real date"),
        (date_boxes("paid_on", "3", "x", "2026"), "paid_on_month", "must be a real date"),
        (date_boxes("paid_on", "3", "4", "0002"), "paid_on_day", "after 1 January 1900"),
        (date_boxes("paid_on", "3", "4", "26"), "paid_on_year", "Year must include 4 numbers"),
        ({"reference": ""}, "reference", "Enter the payment reference"),
        ({"amount": "400"}, "amount", "The payment cannot be more than the panel approved."),
    ],
)
def test_every_error_shows_at_the_top_and_by_the_field(
    client, home, approved, admin_user, data, field, message
):
    client.force_login(admin_user(roles.FINANCE))
    posted = {
        "application": approved.pk,
        "amount": "250.50",
        **date_boxes("paid_on", timezone.localdate()),
        "method": "bank_transfer",
        "reference": "BACS-77",
        **data,
    }
    response = client.post("/admin/grants/payments/", posted)
    html = response.content.decode()
    assert response.status_code == 400 and "<title>Error: Grant payments" in html
    summary = html[
        html.index('id="error-summary"') : html.index("</ul>", html.index('id="error-summary"'))
    ]
    assert message in summary
    if field:
        assert f'href="#pay-{approved.pk}-{field}"' in summary
        by_field = html[html.index(f'id="pay-{approved.pk}-title"') :]
        assert by_field.count(message) >= 1
    for name, value in data.items():
        if value and field:
            assert re.search(rf'name="{name}"[^>]*value="{re.escape(value)}"', html)  # kept
    approved.refresh_from_db()
    assert approved.status == "part_approved" and not hasattr(approved, "payment")


def test_the_chair_types_the_award_in_pounds(client, home, send, panel, money):
    application = send()
    client.force_login(panel["chair"])
    url = f"/admin/grants/application/{application.pk}/"
    client.post(url, {"action": "review", "recommendation": "yes"})
    html = client.post(
        url, {"action": "decide", "outcome": "approve", "amount": "£12.345"}
    ).content.decode()
    assert "Enter pence as two digits at most" in html
    client.post(
        url, {"action": "decide", "outcome": "approve", "amount": "£249.99", "message": "Yes"}
    )
    application.refresh_from_db()
    assert application.decided_amount_pence == 24_999 and application.status == "part_approved"


def test_editors_type_and_read_category_maximums_and_round_budgets_in_pounds(
    client, home, admin_user
):
    editor = admin_user(roles.EDITORS)
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/grants/category/add/",
        {
            "name": "Cooking",
            "slug": "cooking",
            "max_amount_pence": "£1,250.50",
            "guidance": "",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    category = Category.objects.get(slug="cooking")
    assert category.max_amount_pence == 125_050
    edit = client.get(f"/admin/snippets/grants/category/edit/{category.pk}/").content.decode()
    assert 'value="1250.50"' in edit and "Largest grant (£)" in edit
    assert "£1,250.50" in client.get("/admin/snippets/grants/category/").content.decode()
    bad = client.post(
        f"/admin/snippets/grants/category/edit/{category.pk}/",
        {
            "name": "Cooking",
            "slug": "cooking",
            "max_amount_pence": "ten",
            "guidance": "",
            "active": "on",
        },
    ).content.decode()
    assert "Enter an amount in pounds" in bad and 'value="ten"' in bad
    response = client.post(
        "/admin/snippets/grants/round/add/",
        {
            "name": "Spring",
            **date_boxes("opens_on", "1", "3", "2027"),
            **date_boxes("closes_on", "30", "4", "2027"),
            "budget_pence": "3000",
        },
    )
    assert response.status_code == 302
    spring = Round.objects.get()
    assert spring.budget_pence == 300_000
    assert (spring.opens_on, spring.closes_on) == (dt.date(2027, 3, 1), dt.date(2027, 4, 30))
    edit = client.get(f"/admin/snippets/grants/round/edit/{spring.pk}/").content.decode()
    assert re.search(r'id="id_closes_on_day"[^>]*value="30"', edit)
    assert "£3,000" in client.get("/admin/snippets/grants/round/").content.decode()


def test_a_rounds_dates_are_three_boxes_and_a_wrong_one_is_explained(client, home, admin_user):
    client.force_login(admin_user(roles.EDITORS))
    add = client.get("/admin/snippets/grants/round/add/").content.decode()
    assert 'type="date"' not in add and "For example, 27 3 2026" in add
    assert '<legend class="w-field__label w-sr-only">Opens on' in add  # the heading is seen
    assert re.search(
        r'<label class="nl-admin-date__label" for="id_closes_on_year">Year</label>', add
    )
    response = client.post(
        "/admin/snippets/grants/round/add/",
        {
            "name": "Spring",
            **date_boxes("opens_on", "31", "2", "2027"),
            **date_boxes("closes_on", "30", "4", "27"),
            "budget_pence": "3000",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The date the round opens must be a real date" in html
    assert "Year must include 4 numbers" in html
    assert re.search(r'name="opens_on_day"[^>]*value="31"', html)  # kept
    assert re.search(r'name="closes_on_year"[^>]*value="27"', html)
    assert not Round.objects.exists()
