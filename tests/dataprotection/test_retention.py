"""The retention schedule runs: for each kind of record, one just before its due day is kept,
one on it is deleted or anonymised (files gone from storage), another person's later record is
untouched; the job is idempotent; the 30-day report says what the job then does; the table
covers every model of ours with personal-looking fields."""

import datetime as dt
import re

from django.apps import apps
from django.db import models
from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from dataprotection.models import RetentionRun
from dataprotection.retention import KINDS, NOT_PERSONAL, SCHEDULE
from dataprotection.services import apply_retention, due_within
from pledges.models import Donation, GiftAidClaim, GiftAidDeclaration, Pledge
from tests.dataprotection.conftest import EVENT, LATER
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_kind_in_the_table_has_a_builder_here(builders):
    assert set(builders) == set(KINDS)


@pytest.mark.parametrize("key", [k.key for k in SCHEDULE])
def test_kept_the_day_before_it_is_due_and_removed_on_the_day(
    key, builders, django_capture_on_commit_callbacks
):
    builder = builders[key]
    record = builder.make(EVENT)
    someone_else = builder.make(LATER)
    day = builder.due(EVENT)

    with django_capture_on_commit_callbacks(execute=True):
        before = apply_retention(today=day - dt.timedelta(days=1))
    assert not builder.removed(record), f"{key} removed a day early"
    assert before.failures == {}

    with django_capture_on_commit_callbacks(execute=True):
        run = apply_retention(today=day)
    assert run.failures == {}
    assert builder.removed(record), f"{key} kept on its due day {day}"
    assert run.counts[key] >= 1
    assert not builder.removed(someone_else), f"{key} also removed a record due later"


def test_the_job_is_idempotent(builders, django_capture_on_commit_callbacks):
    for builder in builders.values():
        builder.make(EVENT)
    far = dt.date(2034, 1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first = apply_retention(today=far)
    assert first.failures == {}
    assert first.total >= len(SCHEDULE) - 2  # the Gift Aid kinds fall due later
    second = apply_retention(today=far)
    assert second.failures == {}
    assert second.total == 0, {k: n for k, n in second.counts.items() if n}
    assert RetentionRun.objects.count() == 2


def test_the_daily_task_applies_the_schedule_for_today(builders):
    record = builders["outbox"].make(timezone.now() - dt.timedelta(days=91))
    from dataprotection import tasks

    assert tasks.apply_retention() == 1
    assert builders["outbox"].removed(record)
    run = RetentionRun.objects.get()
    assert run.day == timezone.localdate() and run.counts["outbox"] == 1


def test_a_failing_kind_rolls_back_alone_and_is_recorded(builders, monkeypatch):
    outbox = builders["outbox"].make(EVENT)
    stripe_event = builders["stripe_events"].make(EVENT)

    def broken(due, today):
        from nolimits.models import OutboxMessage

        OutboxMessage.objects.filter(pk__in=[d.pk for d in due]).delete()
        raise RuntimeError("disk full")

    import dataclasses

    from dataprotection import retention

    patched = [dataclasses.replace(k, apply=broken) if k.key == "outbox" else k for k in SCHEDULE]
    monkeypatch.setattr("dataprotection.services.SCHEDULE", patched)
    run = apply_retention(today=dt.date(2027, 1, 1))
    assert run.failures == {"outbox": "RuntimeError"}
    assert not builders["outbox"].removed(outbox)  # its deletion was rolled back
    assert builders["stripe_events"].removed(stripe_event)  # the others went on
    assert retention.KINDS["outbox"].apply is not broken


def test_gift_aid_is_kept_six_years_after_the_accounting_period_of_its_last_claim(
    builders,
):
    declaration = builders["gift_aid_declarations"].make(EVENT)
    claim = GiftAidClaim.objects.create(
        reference="CLAIM-1",
        period_start=dt.date(2026, 4, 6),
        period_end=dt.date(2027, 4, 5),
        created_at=timezone.make_aware(dt.datetime(2027, 5, 1, 10)),
    )
    Donation.objects.create(
        donor=declaration.donor,
        kind="campaign",
        amount_pence=1000,
        status="succeeded",
        paid_at=EVENT + dt.timedelta(days=5),
        gift_aid_claim=claim,
    )
    # Claimed in May 2027: the accounting year ends 31 March 2028; six years on is 31 March 2034.
    apply_retention(today=dt.date(2034, 3, 31))
    assert GiftAidDeclaration.objects.filter(pk=declaration.pk).exists()
    apply_retention(today=dt.date(2034, 4, 1))
    assert not GiftAidDeclaration.objects.filter(pk=declaration.pk).exists()


def test_a_monthly_donor_keeps_their_gift_aid_declaration(builders):
    declaration = builders["gift_aid_declarations"].make(EVENT)
    Pledge.objects.create(
        donor=declaration.donor, method="stripe", amount_pence=500, status=Pledge.Status.ACTIVE
    )
    apply_retention(today=dt.date(2040, 1, 1))
    assert GiftAidDeclaration.objects.filter(pk=declaration.pk).exists()


@override_settings(RETENTION_OUTBOX_DAYS=10)
def test_a_period_comes_from_its_setting(builders):
    message = builders["outbox"].make(EVENT)
    apply_retention(today=timezone.localdate(EVENT) + dt.timedelta(days=9))
    assert not builders["outbox"].removed(message)
    apply_retention(today=timezone.localdate(EVENT) + dt.timedelta(days=10))
    assert builders["outbox"].removed(message)


def test_the_30_day_report_says_what_the_job_then_does(
    builders, django_capture_on_commit_callbacks
):
    """One record of every kind falling due 10 days after "today", another person's falling due
    long after: the report's count for each kind is what the job removes when time has moved
    on 30 days, and the later records stay."""
    today = dt.date(2033, 3, 25)
    in_ten_days = today + dt.timedelta(days=10)
    soon, later = {}, {}
    for key, builder in builders.items():
        event = EVENT + (in_ten_days - builder.due(EVENT))
        soon[key] = builder.make(event)
        later[key] = builder.make(event + dt.timedelta(days=300))
        assert today <= builder.due(event) <= in_ten_days

    report = {found.kind.key: found for found in due_within(days=30, today=today)}
    for key in builders:
        assert report[key].count >= 1, key
        assert all(today <= d.day <= today + dt.timedelta(days=30) for d in report[key].due)

    with time_machine.travel(
        timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=30), dt.time(3))),
        tick=False,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            run = apply_retention()
    assert run.failures == {}
    assert run.counts == {key: found.count for key, found in report.items()}
    for key, builder in builders.items():
        assert builder.removed(soon[key]), key
        assert not builder.removed(later[key]), key


# --- The table covers every model with personal data ----------------------------------------

OUR_APPS = {"nolimits", "pledges", "volunteers", "matching", "grants", "impact", "dataprotection"}
PERSONAL_NAME = re.compile(
    r"name|email|phone|address|postcode|note|text|file|comment|message|reason|description"
    r"|concerns|interests|what_|must_know|experience|^to$|payload|receipt|proof"
)


def personal_looking_fields(model) -> list[str]:
    return [
        f.name
        for f in model._meta.local_fields
        if isinstance(f, models.CharField | models.TextField | models.FileField | models.JSONField)
        and PERSONAL_NAME.search(f.name)
    ]


def our_models():
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and not m._meta.proxy and not m._meta.abstract
    ]


def uncovered(schedule, not_personal) -> list[str]:
    covered = {label for kind in schedule for label in kind.models}
    return [
        f"{m._meta.label} ({', '.join(personal_looking_fields(m))})"
        for m in our_models()
        if personal_looking_fields(m)
        and m._meta.label not in covered
        and m._meta.label not in not_personal
    ]


def test_every_model_with_personal_looking_fields_is_in_the_table_or_said_not_personal():
    missing = uncovered(SCHEDULE, NOT_PERSONAL)
    assert missing == [], "Not in the retention table nor NOT_PERSONAL: " + "; ".join(missing)


def test_the_coverage_check_names_a_model_the_table_forgets():
    without_references = [k for k in SCHEDULE if k.key != "references"]
    assert uncovered(without_references, NOT_PERSONAL) == [
        "volunteers.Reference (name, email, concerns, comments)"
    ]


def test_the_table_and_the_not_personal_list_name_real_models():
    labels = {m._meta.label for m in our_models()}
    named = {label for kind in SCHEDULE for label in kind.models} | set(NOT_PERSONAL)
    assert named - labels == set()
    assert all(NOT_PERSONAL.values())


def test_unused_accounts_keep_anyone_in_a_role_or_with_records(builders):
    staff = UserFactory(roles=["Finance"], date_joined=EVENT)
    giver = builders["gifts"].make(EVENT).donor
    User = type(staff)
    User.objects.filter(pk=giver.pk).update(date_joined=EVENT, last_login=None)
    apply_retention(today=dt.date(2027, 6, 1))
    assert User.objects.filter(pk__in=[staff.pk, giver.pk]).count() == 2
