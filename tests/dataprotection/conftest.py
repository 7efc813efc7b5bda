"""Builders for the retention tests: for each kind in the schedule, one record whose period
starts at a given moment, the day the schedule (with default settings) says it falls due, and
how to tell it was removed. The due days are worked out here by hand, not by the code tested."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from dataprotection.rules.common import REMOVED, REMOVED_EMAIL
from grants.models import Application, ApplicationLogEntry
from matching.models import Match, MatchStatusChange, YoungPerson, YoungPersonStatusChange
from nolimits import roles
from nolimits.models import OutboxMessage, User
from pledges.models import Donation, GiftAidDeclaration, Pledge, StripeEvent
from tests.dataprotection.people import lead, staff  # noqa: F401 (fixtures for the access tests)
from tests.factories import UserFactory
from tests.volunteers.conftest import applicant
from volunteers import services as volunteer_services
from volunteers.models import (
    Booking,
    DBSCheck,
    ExpenseClaim,
    Opportunity,
    SupervisionNote,
    Volunteer,
    VolunteerSession,
)

# Every period starts here in the tests (midday, UK summer time)...
EVENT = timezone.make_aware(dt.datetime(2026, 6, 15, 12, 0))
# ... and the other person's record, which must be left alone, 300 days later.
LATER = EVENT + dt.timedelta(days=300)


def plus(days):
    return lambda event: timezone.localdate(event) + dt.timedelta(days=days)


def six_years_after_accounting_year(event):
    """By hand: the accounting year ends 31 March; records are due the day after six years."""
    day = timezone.localdate(event)
    end_year = day.year if day.month <= 3 else day.year + 1
    return dt.date(end_year + 6, 4, 1)


@dataclass
class Builder:
    make: Callable  # (event moment, helpers) -> record
    due: Callable  # (event moment) -> the day it falls due
    removed: Callable  # (record) -> bool


def fresh(record):
    return type(record).objects.filter(pk=record.pk).first()


def donor():
    """A donor who signed in to give (so not an account "never used")."""
    return UserFactory(kind=User.Kind.STAFF, last_login=timezone.now())


def young_user():
    return UserFactory(kind=User.Kind.YOUNG_PERSON, directorate="", last_login=timezone.now())


@pytest.fixture
def coordinator_user(db):
    return UserFactory(roles=[roles.VOLUNTEER_COORDINATORS])


def left_volunteer(event, coordinator):
    volunteer = applicant()
    with time_machine.travel(event, tick=False):
        volunteer_services.volunteer_move(
            volunteer=volunteer, to=Volunteer.Status.LEFT, by=coordinator, reason="Moved away"
        )
    volunteer.refresh_from_db()
    return volunteer


def dbs_check(volunteer, coordinator, **fields):
    return DBSCheck.objects.create(
        volunteer=volunteer,
        level=DBSCheck.Level.ENHANCED,
        workforce=DBSCheck.Workforce.CHILD,
        certificate_number="001234567890",
        issue_date=dt.date(2026, 1, 5),
        recorded_by=coordinator,
        **fields,
    )


def session(volunteer, day):
    return VolunteerSession.objects.create(
        volunteer=volunteer, date=day, minutes=90, what_happened="Went bowling"
    )


def young_person(**fields):
    return YoungPerson.objects.create(
        first_name="Kai",
        date_of_birth=dt.date(2008, 9, 3),
        area="Thamesbrook",
        interests="art",
        availability="weekends",
        worker_name="Wendy Worker",
        worker_email="wendy@example.org",
        volunteer_preference="woman",  # what they said about themselves: it goes too
        **fields,
    )


@pytest.fixture
def builders(coordinator_user):
    coordinator = coordinator_user

    def unused_account(event):
        return UserFactory(date_joined=event, kind=User.Kind.OTHER, directorate="")

    def dormant_account(event):
        return UserFactory(
            date_joined=event, last_login=event, kind=User.Kind.OTHER, directorate=""
        )

    def ended_pledge(event):
        return Pledge.objects.create(
            donor=donor(), method="stripe", amount_pence=1000, status=Pledge.Status.CANCELLED,
            created_at=event - dt.timedelta(days=60), cancelled_at=event,
            stripe_customer_id="cus_TEST1", stripe_subscription_id=f"sub_{event:%s}",
            cancellation_reason="Money is tight",
        )  # fmt: skip

    def gift(event):
        return Donation.objects.create(
            donor=donor(), kind="campaign", amount_pence=2500, status="succeeded",
            created_at=event, paid_at=event, stripe_customer_id="cus_TEST2",
            stripe_payment_intent_id=f"pi_{event:%s}", stripe_charge_id="ch_1",
        )  # fmt: skip

    def declaration(event):
        return GiftAidDeclaration.objects.create(
            donor=donor(), wording="Yes", charity_name="Fund", first_name="Ada",
            last_name="Giver", house_name_or_number="12", postcode="TB1 2AB", declared_at=event,
        )  # fmt: skip

    def volunteer_profile(event):
        return left_volunteer(event, coordinator)

    def reference(event):
        return left_volunteer(event, coordinator).references.first()

    def dbs_record(event):
        return dbs_check(left_volunteer(event, coordinator), coordinator)

    def dbs_note(event):
        return dbs_check(
            applicant(), coordinator, decision="accepted", decided_by=coordinator,
            decided_at=event, decision_note="Discussed an old caution",
        )  # fmt: skip

    def supervision(event):
        volunteer = left_volunteer(event, coordinator)
        return SupervisionNote.objects.create(
            volunteer=volunteer, mentor=coordinator, held_on=dt.date(2026, 3, 1), notes="Fine"
        )

    def session_note(event):
        return session(applicant(), timezone.localdate(event))

    def expense(event):
        claim = ExpenseClaim(
            session=session(applicant(), dt.date(2026, 5, 1)), kind="other", description="Bus",
            amount_pence=450, status="approved", decided_by=coordinator, decided_at=event,
            decision_reason="Fine", receipt_content_type="application/pdf",
        )  # fmt: skip
        claim.receipt.save("receipt.pdf", ContentFile(b"%PDF-1.4 receipt"), save=False)
        claim.save()
        return claim

    def booking(event):
        opportunity = Opportunity.objects.create(
            volunteer=applicant(), title="Climbing", description="Indoor wall",
            location="Leisure centre", starts_at=event, places=4, lead_adult="Lee Lead",
        )  # fmt: skip
        return Booking.objects.create(
            opportunity=opportunity, young_person_first_name="Sam", young_person_age=16,
            booker_name="Pat Adviser", booker_email="pat@example.org",
        )  # fmt: skip

    def referral(event):
        person = young_person(
            status=YoungPerson.Status.CLOSED, referred_at=event - dt.timedelta(days=30)
        )
        YoungPersonStatusChange.objects.create(
            young_person=person, from_status="waiting", to_status="closed", at=event, reason="Moved"
        )
        return person

    def matched_person(event):
        person = young_person(
            status=YoungPerson.Status.CLOSED, referred_at=event - dt.timedelta(days=200)
        )
        match = Match.objects.create(
            young_person=person, volunteer=applicant(), status=Match.Status.CLOSED,
            proposed_by=coordinator, proposed_at=event - dt.timedelta(days=180),
            closed_reason="Young person moved to Leeds",
        )  # fmt: skip
        MatchStatusChange.objects.create(
            match=match, from_status="active", to_status="closed", at=event, reason="Moved"
        )
        return person

    def application(event):
        found = Application.objects.create(
            applicant=young_user(), status=Application.Status.CLOSED, what_for="A laptop",
            how_it_helps="College", worker_name="Wes Worker", worker_email="wes@example.org",
            date_of_birth=dt.date(2006, 1, 1),
        )  # fmt: skip
        Application.objects.filter(pk=found.pk).update(updated_at=event)
        return found

    def draft(event):
        found = Application.objects.create(
            applicant=young_user(), what_for="A bike", how_it_helps="To get to work"
        )
        Application.objects.filter(pk=found.pk).update(updated_at=event)
        return found

    def outbox(event):
        return OutboxMessage.objects.create(
            to="someone@example.org", subject="Hello", body="Your news", status="sent",
            created_at=event,
        )  # fmt: skip

    def stripe_event(event):
        return StripeEvent.objects.create(
            event_id=f"evt_{event:%s}", type="invoice.paid", created=1, status="processed",
            payload={"customer_email": "ada@example.org"}, received_at=event,
        )  # fmt: skip

    def audit_entry(event):
        check = dbs_check(applicant(), coordinator)
        with time_machine.travel(event, tick=False):
            log(instance=check, action="volunteers.dbs_viewed", user=coordinator)
        return ModelLogEntry.objects.filter(object_id=str(check.pk)).latest("pk")

    def application_entry(event):
        found = application(LATER + dt.timedelta(days=2000))
        with time_machine.travel(event, tick=False):
            log(instance=found, action="grants.application_viewed", user=coordinator)
        return ApplicationLogEntry.objects.filter(application=found).latest("pk")

    gone = lambda record: fresh(record) is None  # noqa: E731
    return {
        "unused_accounts": Builder(unused_account, plus(90), gone),
        "dormant_accounts": Builder(
            dormant_account, plus(1095), lambda u: fresh(u).email.endswith("@removed.invalid")
        ),
        "ended_pledges": Builder(
            ended_pledge,
            six_years_after_accounting_year,
            lambda p: fresh(p).stripe_customer_id == "" and fresh(p).cancellation_reason == "",
        ),  # fmt: skip
        "gifts": Builder(
            gift,
            six_years_after_accounting_year,
            lambda g: fresh(g).stripe_payment_intent_id is None and fresh(g).amount_pence == 2500,
        ),  # fmt: skip
        "gift_aid_declarations": Builder(declaration, six_years_after_accounting_year, gone),
        "volunteers_left": Builder(
            volunteer_profile,
            plus(365),
            lambda v: fresh(v).area == REMOVED and fresh(v).interests == "",
        ),  # fmt: skip
        "references": Builder(reference, plus(365), gone),
        "dbs_records": Builder(
            dbs_record, plus(365), lambda c: fresh(c).certificate_number == "000000000000"
        ),
        "dbs_decision_notes": Builder(dbs_note, plus(184), lambda c: fresh(c).decision_note == ""),
        "supervision_notes": Builder(supervision, plus(365), gone),
        "session_notes": Builder(
            session_note,
            plus(365),
            lambda s: fresh(s).what_happened == "" and fresh(s).minutes == 90,
        ),  # fmt: skip
        "expense_claims": Builder(
            expense,
            plus(730),
            lambda c: (
                fresh(c).description == REMOVED
                and not fresh(c).receipt
                and not c.receipt.storage.exists(c.receipt.name)
            ),
        ),  # fmt: skip
        "come_along_bookings": Builder(
            booking, plus(90), lambda b: fresh(b).booker_email == REMOVED_EMAIL
        ),
        "referrals_never_matched": Builder(
            referral,
            plus(365),
            lambda y: fresh(y).first_name == REMOVED and fresh(y).volunteer_preference == "",
        ),
        "young_people_after_matching": Builder(
            matched_person,
            plus(365),
            lambda y: (
                fresh(y).first_name == REMOVED
                and fresh(y).volunteer_preference == ""
                and fresh(y).matches.get().closed_reason == ""
            ),
        ),  # fmt: skip
        "grant_applications": Builder(
            application, plus(731), lambda a: fresh(a).anonymised_at is not None
        ),
        "draft_applications": Builder(draft, plus(180), gone),
        "outbox": Builder(outbox, plus(90), gone),
        "stripe_events": Builder(stripe_event, plus(90), lambda e: fresh(e).payload == {}),
        "audit_log": Builder(audit_entry, plus(730), gone),
        "application_log": Builder(application_entry, plus(730), gone),
    }


@pytest.fixture
def admin_user(db):
    """A staff member in the given roles, with two-factor set up (the admin requires it)."""

    def make(*groups, **fields):
        user = UserFactory(roles=list(groups), **fields)
        TOTP.activate(user, generate_totp_secret())
        return user

    return make
