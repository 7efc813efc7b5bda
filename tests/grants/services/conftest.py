"""Fixtures the panel's and finance's service tests share: money in the fund, an application
with the panel, the chair."""

import datetime as dt

from django.utils import timezone

import pytest

from grants.models import Application, Category
from nolimits import roles
from pledges.models import Donation
from tests.factories import UserFactory


@pytest.fixture
def fund(db):
    """£1,000 in the fund."""
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=100_000,
        status="succeeded",
        paid_at=timezone.now(),
    )


@pytest.fixture
def application(db):
    young = UserFactory(
        kind="young_person", directorate="", full_name="Jamie Young", email="jamie@example.org"
    )
    category = Category.objects.create(
        name="Driving lessons", slug="driving", max_amount_pence=50_000
    )
    return Application.objects.create(
        applicant=young,
        status="in_review",
        category=category,
        what_for="Ten lessons",
        amount_pence=30_000,
        how_it_helps="To get to work",
        worker_name="Pat",
        worker_email="pat@example.org",
        date_of_birth=dt.date(2005, 1, 1),
        care_experienced=True,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def chair(db):
    return UserFactory(roles=[roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS])
