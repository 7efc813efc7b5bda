import datetime as dt
import re

from django.core import mail
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from grants import services
from grants.models import Category
from nolimits import roles
from pledges.models import Donation
from tests.factories import UserFactory


@pytest.fixture
def money(db):
    """£1,000 in the fund."""
    Donation.objects.create(
        donor=UserFactory(),
        kind="campaign",
        amount_pence=100_000,
        status="succeeded",
        paid_at=timezone.now(),
    )


@pytest.fixture
def admin_user(db):
    """A staff member in the given roles, with two-factor set up (the admin requires it)."""

    def make(*groups, **fields):
        user = UserFactory(roles=list(groups), **fields)
        TOTP.activate(user, generate_totp_secret())
        return user

    return make


@pytest.fixture
def driving(db):
    return Category.objects.create(name="Driving lessons", slug="driving", max_amount_pence=50_000)


@pytest.fixture
def send(driving, django_capture_on_commit_callbacks):
    """Send an application the way the applicant does, then have the worker endorse it."""

    def make(applicant=None, *, endorse=True, worker=("Wren Worker", "wren@example.org")):
        applicant = applicant or UserFactory(
            kind="young_person", directorate="", full_name="Jo Care"
        )
        application = services.application_start(applicant=applicant)
        services.application_save_step(
            application=application,
            by=applicant,
            date_of_birth=dt.date(2006, 5, 1),
            care_experienced=True,
            category=driving,
            what_for="Ten driving lessons",
            amount_pence=30_000,
            how_it_helps="To get to my apprenticeship",
            worker_name=worker[0],
            worker_email=worker[1],
        )
        with django_capture_on_commit_callbacks(execute=True):
            services.application_submit(application=application, by=applicant)
        if endorse:
            link = re.search(
                r"/grant-applications/endorse/(\S+)/",
                [m for m in mail.outbox if m.to == [worker[1]]][-1].body,
            ).group(1)
            services.endorsement_record(
                token=link, endorsed=True, care_experienced_confirmed=True, comment="Needs it"
            )
        application.refresh_from_db()
        return application

    return make


@pytest.fixture
def panel(admin_user):
    return {
        "member": admin_user(roles.GRANTS_PANEL, full_name="Parker Panel"),
        "chair": admin_user(roles.GRANTS_PANEL, roles.GRANTS_PANEL_CHAIRS, full_name="Cass Chair"),
        "young": admin_user(
            roles.GRANTS_PANEL, kind="young_person", directorate="", full_name="Riley Young"
        ),
    }
