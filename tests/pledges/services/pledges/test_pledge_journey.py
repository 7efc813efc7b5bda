"""Monthly pledges through the real views, with the demo gateway (no Stripe keys)."""

from django.core import mail

import pytest

from pledges import demo
from pledges.models import Donation, GiftAidDeclaration, Pledge, StripeEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GIFT_AID = {
    "gift_aid": "on",
    "title": "Ms",
    "first_name": "Dana",
    "last_name": "Donor",
    "house_name_or_number": "12",
    "postcode": "sl1 2ab",
}


@pytest.fixture
def signed_in(client, donor, home):
    client.force_login(donor)
    return client


def _pledge(client, **data):
    return client.post("/pledges/give/", {"amount_choice": "1000", **data})


def test_pledge_ten_pounds_with_gift_aid_by_card(
    signed_in, donor, django_capture_on_commit_callbacks
):
    response = _pledge(signed_in, **GIFT_AID)
    pledge = Pledge.objects.get()
    assert pledge.status == Pledge.Status.AWAITING_CHECKOUT  # the row exists before the redirect
    assert response["Location"] == f"/pledges/demo/checkout/{pledge.stripe_checkout_session_id}/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Demo — no real money" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(response["Location"], {"action": "card"})
    assert response["Location"] == f"/pledges/give/thanks/{pledge.uuid}/"
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert (
        StripeEvent.objects.filter(status="processed").count() == 3
    )  # through the signed webhook path
    assert "is set up" in signed_in.get(response["Location"]).content.decode()
    declaration = GiftAidDeclaration.objects.get()
    assert (declaration.postcode, declaration.house_name_or_number, declaration.cancelled_at) == (
        "SL1 2AB",
        "12",
        None,
    )
    assert "Dana Donor" not in declaration.wording and "Gift Aid" in declaration.wording
    assert any("Thank you for your gift" in m.subject for m in mail.outbox)

    page = signed_in.get("/pledges/my-giving/").content.decode()
    assert "£10 a month" in page and "Active" in page and "Receipt NL-" in page
    assert "Gift Aid is added to your gifts" in page


def test_a_direct_debit_pledge_is_pending_until_the_bank_confirms(
    signed_in, django_capture_on_commit_callbacks
):
    response = _pledge(signed_in)
    pledge = Pledge.objects.get()
    signed_in.post(response["Location"], {"action": "bacs_debit"})
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PENDING
    assert (
        "waiting for your bank"
        in signed_in.get(f"/pledges/give/thanks/{pledge.uuid}/").content.decode().lower()
    )
    from django_q.models import Schedule

    later = Schedule.objects.filter(func="pledges.demo.deliver").order_by("pk")
    # Like Stripe: the session's async_payment_succeeded, then the first invoice.paid.
    assert [eval(s.args)[0].count("async_payment_succeeded") > 0 for s in later] == [True, False]  # noqa: S307
    for schedule in later:
        demo.deliver(*eval(schedule.args))  # noqa: S307 - the args django-q stores, as the worker would run them
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert pledge.payment_method_type == "bacs_debit"
    assert pledge.donations.get().payment_method_label == "Bacs Direct Debit"
    assert not StripeEvent.objects.exclude(status="processed").exists()


def test_leaving_the_checkout_leaves_nothing_active(signed_in):
    response = _pledge(signed_in)
    signed_in.post(response["Location"], {"action": "cancel"})
    assert Pledge.objects.get().status == Pledge.Status.ABANDONED
    assert not Donation.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount_choice": ""}, "Choose an amount, or choose another amount and type it in"),
        ({"amount_choice": "other", "other_amount": ""}, "Enter an amount"),
        (
            {"amount_choice": "other", "other_amount": "ten"},
            "Enter an amount in pounds, like 10 or 7.50",
        ),
        (
            {"amount_choice": "other", "other_amount": "1.234"},
            "Enter pence as two digits at most, like 7.50",
        ),
        ({"amount_choice": "other", "other_amount": "1"}, "Enter an amount between £2 and £500"),
        (
            {"amount_choice": "other", "other_amount": "£5,000"},
            "Enter an amount between £2 and £500",
        ),
        (
            {"amount_choice": "1000", "gift_aid": "on"},
            "Enter your house name or number, for Gift Aid",
        ),
        (
            {"amount_choice": "1000", **GIFT_AID, "postcode": "NOT A CODE"},
            "Enter a real UK postcode, like SL1 2AB",
        ),
    ],
)
def test_bad_input_gets_a_specific_message_and_keeps_what_was_typed(signed_in, data, message):
    response = signed_in.post("/pledges/give/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "There is a problem" in html
    if data.get("other_amount"):
        assert f'value="{data["other_amount"]}"' in html
    assert not Pledge.objects.exists()
    assert not GiftAidDeclaration.objects.exists()


def test_another_amount_within_limits_is_accepted(signed_in):
    signed_in.post("/pledges/give/", {"amount_choice": "other", "other_amount": "£7.50"})
    assert Pledge.objects.get().amount_pence == 750


def test_change_then_cancel(signed_in, donor, django_capture_on_commit_callbacks):
    response = _pledge(signed_in)
    signed_in.post(response["Location"], {"action": "card"})
    pledge = Pledge.objects.get()

    response = signed_in.post(f"/pledges/pledge/{pledge.uuid}/amount/", {"amount": "15"})
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.amount_pence == 1500
    assert pledge.status == Pledge.Status.ACTIVE

    response = signed_in.post(f"/pledges/pledge/{pledge.uuid}/amount/", {"amount": "0.50"})
    assert "Enter an amount between £2 and £500" in response.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(f"/pledges/pledge/{pledge.uuid}/cancel/")
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.CANCELLED
    assert any("has stopped" in m.subject for m in mail.outbox)
    assert "Cancelled" in signed_in.get("/pledges/my-giving/").content.decode()


def test_someone_else_cannot_see_or_change_my_pledge(client, signed_in, home):
    response = _pledge(signed_in)
    signed_in.post(response["Location"], {"action": "card"})
    pledge = Pledge.objects.get()
    gift = Donation.objects.get()
    other = UserFactory()
    client.force_login(other)
    for url in [
        f"/pledges/pledge/{pledge.uuid}/amount/",
        f"/pledges/pledge/{pledge.uuid}/cancel/",
        f"/pledges/give/thanks/{pledge.uuid}/",
        f"/pledges/receipt/{gift.uuid}/",
        f"/pledges/demo/checkout/{pledge.stripe_checkout_session_id}/",
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/pledges/pledge/{pledge.uuid}/cancel/").status_code == 404
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.ACTIVE
    assert "£10 a month" not in client.get("/pledges/my-giving/").content.decode()


def test_giving_needs_sign_in(client, home):
    assert client.get("/pledges/give/")["Location"].startswith("/accounts/login/")
    assert client.get("/pledges/my-giving/")["Location"].startswith("/accounts/login/")


def test_receipt_and_tax_year_statement(signed_in):
    response = _pledge(signed_in, **GIFT_AID)
    signed_in.post(response["Location"], {"action": "card"})
    gift = Donation.objects.get()
    receipt = signed_in.get(f"/pledges/receipt/{gift.uuid}/").content.decode()
    assert gift.receipt_number in receipt and "£10" in receipt
    from django.utils import timezone

    from pledges.selectors import tax_year_start

    year = tax_year_start(timezone.localdate())
    statement = signed_in.get(f"/pledges/statement/{year}/").content.decode()
    assert "Total given" in statement and "£10" in statement and "worth £2.50 more" in statement
    assert signed_in.get(f"/pledges/statement/{year - 5}/").status_code == 404


def test_gift_aid_declaration_can_be_changed_and_cancelled_but_is_never_deleted(signed_in):
    signed_in.post("/pledges/gift-aid/", GIFT_AID)
    signed_in.post("/pledges/gift-aid/", {**GIFT_AID, "house_name_or_number": "14"})
    signed_in.post("/pledges/gift-aid/cancel/")
    declarations = list(GiftAidDeclaration.objects.order_by("pk"))
    assert len(declarations) == 2
    assert declarations[0].cancellation_reason == "Replaced by a new declaration"
    assert declarations[1].house_name_or_number == "14" and declarations[1].cancelled_at is not None


def test_payroll_pledge_for_staff(signed_in, donor):
    from pledges.forms import _month_choices

    month = _month_choices()[0][0]
    response = signed_in.post(
        "/pledges/give/payroll/",
        {"amount": "8", "employee_number": "ab 123456", "start_month": month},
    )
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.method, pledge.status, pledge.employee_number) == (
        "payroll",
        "active",
        "AB123456",
    )
    response = signed_in.post(
        "/pledges/give/payroll/", {"amount": "8", "employee_number": "12", "start_month": month}
    )
    assert (
        "Enter your employee number as it is on your payslip, like AB123456"
        in response.content.decode()
    )


def test_payroll_giving_is_for_staff_only(client, home):
    client.force_login(UserFactory(kind="councillor", directorate=""))
    assert client.get("/pledges/give/payroll/")["Location"] == "/pledges/give/"


def test_the_demo_gateway_is_gone_when_stripe_keys_are_set(signed_in, settings):
    response = _pledge(signed_in)
    session = Pledge.objects.get().stripe_checkout_session_id
    settings.STRIPE_SECRET_KEY = "sk_test_real_looking"
    assert signed_in.get(f"/pledges/demo/checkout/{session}/").status_code == 404
    assert (
        signed_in.post(f"/pledges/demo/checkout/{session}/", {"action": "card"}).status_code == 404
    )
    assert signed_in.get("/pledges/demo/card-or-bank-details/").status_code == 404
    assert Pledge.objects.get().status == Pledge.Status.AWAITING_CHECKOUT
    assert response.status_code == 302
