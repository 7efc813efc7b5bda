"""Endorsement reminders (working days, once each): grants.services.reminders."""

import datetime as dt

from django.core import mail
from django.utils import timezone

import pytest

from grants import services
from grants.models import Application, Endorsement
from nolimits import roles
from nolimits.working_days import working_days_between
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_endorsement_reminder_after_five_working_days_then_the_chairs(db):
    chair = UserFactory(roles=[roles.GRANTS_PANEL_CHAIRS])
    young = UserFactory(kind="young_person", directorate="")
    application = Application.objects.create(
        applicant=young, status="awaiting_endorsement", what_for="Bed", amount_pence=100
    )
    monday = dt.date(2026, 11, 2)
    endorsement = Endorsement.objects.create(
        application=application,
        sent_to="pat@example.org",
        sent_at=timezone.make_aware(dt.datetime(2026, 11, 2, 10)),
    )
    assert working_days_between(monday, dt.date(2026, 11, 9)) == 5
    assert services.endorsement_reminders(today=dt.date(2026, 11, 6)) == 0  # 4 working days
    assert services.endorsement_reminders(today=dt.date(2026, 11, 9)) == 1  # 5: remind the worker
    assert services.endorsement_reminders(today=dt.date(2026, 11, 10)) == 0  # once
    assert (
        mail.outbox[-1].to == ["pat@example.org"]
        and "/grant-applications/endorse/" in mail.outbox[-1].body
    )
    assert services.endorsement_reminders(today=dt.date(2026, 11, 16)) == 1  # 10: tell the chairs
    assert mail.outbox[-1].to == [chair.email]
    assert services.endorsement_reminders(today=dt.date(2026, 11, 20)) == 0
    endorsement.refresh_from_db()
    assert endorsement.reminded_at and endorsement.escalated_at


def test_the_endorsement_reminder_skips_bank_holidays(db):
    young = UserFactory(kind="young_person", directorate="")
    application = Application.objects.create(
        applicant=young, status="awaiting_endorsement", what_for="Bed", amount_pence=100
    )
    Endorsement.objects.create(
        application=application,
        sent_to="pat@example.org",
        sent_at=timezone.make_aware(dt.datetime(2026, 12, 23, 10)),  # a Wednesday
    )
    # 24, 29, 30, 31 December are working days; 25, 28 December and 1 January are not.
    assert services.endorsement_reminders(today=dt.date(2026, 12, 31)) == 0
    assert services.endorsement_reminders(today=dt.date(2027, 1, 1)) == 0
    assert services.endorsement_reminders(today=dt.date(2027, 1, 4)) == 1
