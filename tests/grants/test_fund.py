"""The fund on the site: its page, categories, rounds and a budget per round."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone

import pytest

from grants import services
from grants.models import Application, Category, FundPage, Round
from nolimits import roles
from pledges.models import Donation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund_page(home):
    Category.objects.create(
        name="Hobbies", slug="hobbies", max_amount_pence=20_000, guidance="Club fees and kit."
    )
    page = FundPage(title="Grants for young people", slug="fund", intro="<p>Ask us for help.</p>")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_fund_page_lists_categories_and_says_when_it_is_open(client, fund_page):
    html = client.get("/fund/").content.decode()
    assert "Hobbies" in html and "Up to £200" in html and "Start your application" in html
    today = timezone.localdate()
    Round.objects.create(
        name="Spring round",
        opens_on=today + dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=40),
        budget_pence=100_000,
    )
    html = client.get("/fund/").content.decode()
    assert "Applications are closed at the moment." in html and "Start your application" not in html


def _ready(young, category):
    return Application.objects.create(
        applicant=young,
        status="draft",
        category=category,
        what_for="Kit",
        amount_pence=15_000,
        how_it_helps="x",
        worker_name="Pat",
        worker_email="pat@example.org",
        date_of_birth=dt.date(2005, 1, 1),
        care_experienced=True,
    )


def test_outside_a_round_an_application_waits_with_its_answers_kept(db):
    young = UserFactory(kind="young_person", directorate="")
    category = Category.objects.create(name="Hobbies", slug="hobbies", max_amount_pence=20_000)
    today = timezone.localdate()
    Round.objects.create(
        name="Past",
        opens_on=today - dt.timedelta(days=40),
        closes_on=today - dt.timedelta(days=10),
        budget_pence=1,
    )
    application = _ready(young, category)
    with pytest.raises(ValidationError, match="Applications are closed"):
        services.application_submit(application=application, by=young)
    application.refresh_from_db()
    assert application.status == "draft" and application.what_for == "Kit"


def test_a_round_budget_caps_decisions(db):
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=1_000_000,
        status="succeeded",
        paid_at=timezone.now(),
    )
    young = UserFactory(kind="young_person", directorate="")
    category = Category.objects.create(name="Hobbies", slug="hobbies", max_amount_pence=20_000)
    today = timezone.localdate()
    spring = Round.objects.create(
        name="Spring round",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=30),
        budget_pence=20_000,
    )
    chair = UserFactory(roles=[roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS])
    first, second = _ready(young, category), _ready(young, category)
    Application.objects.filter(pk__in=[first.pk, second.pk]).update(
        status="in_review", round=spring
    )
    services.application_decide(
        application=first, by=chair, outcome="approve", amount_pence=15_000, message="Yes"
    )
    with pytest.raises(ValidationError, match="Spring round has only £50 of its budget left"):
        services.application_decide(
            application=second, by=chair, outcome="approve", amount_pence=10_000, message="Yes"
        )
