"""People with a record of every kind, for the access and erasure tests (the fixtures `lead`
and `staff` are made available to the tests by conftest.py).

`everything_about` gives one person (an account) a row in every place the registry looks, and
`a_referral` a young person referred without an account, with a match. `stamp` then writes a
distinctive value ("ZZQ" and a number) into every field the registry shows for that person, so
a test can look for each one in the export."""

import datetime as dt
import io
import zipfile

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from dataprotection.models import AccessExport
from dataprotection.registry import Subject, sources_for
from grants import services as grants_services
from grants.models import (
    Application,
    ApplicationStatusChange,
    Category,
    Endorsement,
    GrantPayment,
    Review,
    ThankYou,
)
from impact.models import OpenGrantReference
from matching.models import Match, MatchReview, MatchSession, MatchStatusChange, YoungPerson
from nolimits import roles
from nolimits.models import OutboxMessage
from pledges.models import (
    Adjustment,
    Donation,
    DonationStatusChange,
    GiftAidDeclaration,
    Pledge,
    PledgeStatusChange,
    StripeEvent,
)
from tests.factories import UserFactory
from volunteers import services as volunteer_services
from volunteers.models import (
    Booking,
    DBSCheck,
    DBSStatusCheck,
    ExpenseClaim,
    ExpenseClaimStatusChange,
    Handbook,
    HandbookAcceptance,
    Opportunity,
    OpportunityStatusChange,
    Reference,
    SupervisionNote,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteerSession,
    VolunteerStatusChange,
)

PDF = b"%PDF-1.4\n% a receipt\n"


@pytest.fixture
def lead(db):
    """A programme lead with two-factor set up (the admin needs it)."""
    user = UserFactory(roles=[roles.PROGRAMME_LEADS], full_name="Lena Lead")
    TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff(db):
    """Someone who acts on others' records: a coordinator, a mentor, a panel member."""
    return UserFactory(full_name="Sam Staff")


def a_referral(*, first_name: str, volunteer: Volunteer, by, status=Match.Status.CLOSED):
    young_person = YoungPerson.objects.create(
        first_name=first_name,
        date_of_birth=dt.date(2008, 5, 17),
        area="Thamesbrook",
        interests="drawing",
        availability="weekends",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
        consent=True,
        status=YoungPerson.Status.WAITING if status == Match.Status.CLOSED else "matched",
    )
    young_person.status_changes.create(from_status="waiting", to_status="waiting", reason="r")
    match = Match.objects.create(
        young_person=young_person, volunteer=volunteer, status=status, proposed_by=by
    )
    MatchStatusChange.objects.create(
        match=match, from_status="proposed", to_status=status, reason="why"
    )
    MatchReview.objects.create(
        match=match, kind="first_meeting", due_on=dt.date(2026, 1, 1), notes="went well"
    )
    session = VolunteerSession.objects.create(
        volunteer=volunteer, date=dt.date(2026, 2, 3), minutes=90, what_happened="we met"
    )
    MatchSession.objects.create(session=session, match=match)
    return young_person


def everything_about(user, *, staff) -> None:
    """A row in every place the registry looks for a person with an account."""
    TOTP.activate(user, generate_totp_secret())
    OutboxMessage.objects.create(to=user.email, subject="Hello", body="A message")
    AccessExport.objects.create(
        kind=AccessExport.Kind.SUBJECT_ACCESS,
        requested_by=staff,
        subject_user=user,
        subject_label=user.full_name,
        item_count=3,
    )
    # giving
    pledge = Pledge.objects.create(
        donor=user,
        method="stripe",
        amount_pence=1000,
        status=Pledge.Status.CANCELLED,
        stripe_customer_id="cus_zzq_person",
    )
    PledgeStatusChange.objects.create(pledge=pledge, from_status="active", to_status="cancelled")
    donation = Donation.objects.create(
        donor=user,
        kind="monthly",
        pledge=pledge,
        amount_pence=1000,
        status="succeeded",
        paid_at=timezone.now(),
        stripe_customer_id="cus_zzq_person",
    )
    DonationStatusChange.objects.create(
        donation=donation, from_status="awaiting_payment", to_status="succeeded"
    )
    Adjustment.objects.create(
        donation=donation, kind="refund", stripe_id="re_dp_test", amount_pence=-100
    )
    GiftAidDeclaration.objects.create(
        donor=user,
        wording="I want to Gift Aid my donations.",
        charity_name="Thamesbrook Community Foundation",
        first_name="A",
        last_name="B",
        house_name_or_number="1",
        postcode="SL1 2AB",
    )
    StripeEvent.objects.create(
        event_id="evt_dp_test",
        type="invoice.paid",
        created=1,
        payload={"data": {"object": {"customer": "cus_zzq_person"}}},
        status=StripeEvent.Status.PROCESSED,
    )
    # volunteering
    volunteer = Volunteer.objects.create(
        user=user,
        route="one_to_one",
        interests="football",
        availability="evenings",
        area="Thamesbrook",
        status=Volunteer.Status.ACTIVE,
        mentor=staff,
    )
    VolunteerStatusChange.objects.create(
        volunteer=volunteer, from_status="training", to_status="active"
    )
    Reference.objects.create(
        volunteer=volunteer, name="Rita", email="rita@example.org", relationship="manager"
    )
    check = DBSCheck.objects.create(
        volunteer=volunteer,
        level="enhanced",
        workforce="child",
        certificate_number="001234567890",
        issue_date=dt.date(2025, 6, 1),
        recorded_by=staff,
    )
    DBSStatusCheck.objects.create(dbs_check=check, result="BLANK_NO_NEW_INFO", checked_by=staff)
    volunteer_services.dbs_records_viewed(checks=[check], by=staff)
    course, _ = TrainingCourse.objects.get_or_create(name="Data protection test course")
    TrainingRecord.objects.create(
        volunteer=volunteer, course=course, completed_on=dt.date(2025, 7, 1), recorded_by=staff
    )
    handbook, _ = Handbook.objects.get_or_create(version="dp-test", defaults={"summary": "First"})
    HandbookAcceptance.objects.create(volunteer=volunteer, handbook=handbook)
    SupervisionNote.objects.create(
        volunteer=volunteer, mentor=staff, held_on=dt.date(2026, 3, 1), notes="Fine"
    )
    session = VolunteerSession.objects.create(
        volunteer=volunteer, date=dt.date(2026, 3, 2), minutes=60, what_happened="Bowling"
    )
    claim = ExpenseClaim.objects.create(
        session=session,
        kind="other",
        description="Tickets",
        amount_pence=800,
        status=ExpenseClaim.Status.APPROVED,
        receipt_content_type="application/pdf",
    )
    claim.receipt.save("receipt.pdf", ContentFile(PDF), save=True)
    ExpenseClaimStatusChange.objects.create(
        claim=claim, from_status="waiting", to_status="approved"
    )
    opportunity = Opportunity.objects.create(
        volunteer=volunteer,
        title="Park run",
        description="Running",
        location="The park",
        starts_at=timezone.now() - dt.timedelta(days=10),
        places=3,
        status=Opportunity.Status.APPROVED,
    )
    OpportunityStatusChange.objects.create(
        opportunity=opportunity, from_status="submitted", to_status="approved"
    )
    Booking.objects.create(
        opportunity=opportunity,
        young_person_first_name="Kim",
        young_person_age=17,
        booker_name=user.full_name,
        booker_email=user.email,
    )
    a_referral(first_name="Pat", volunteer=volunteer, by=staff)
    # grants
    category, _ = Category.objects.get_or_create(
        slug="dp-test", defaults={"name": "Data protection test", "max_amount_pence": 50_000}
    )
    application = Application.objects.create(
        applicant=user,
        status=Application.Status.PAID,
        category=category,
        what_for="Lessons",
        amount_pence=20000,
        submitted_at=timezone.now(),
        proof_of_spend_content_type="application/pdf",
    )
    application.proof_of_spend.save("proof.pdf", ContentFile(PDF), save=True)
    ApplicationStatusChange.objects.create(
        application=application, from_status="approved", to_status="paid", data={"q": "x"}
    )
    Endorsement.objects.create(application=application, sent_to="wren@example.org")
    Review.objects.create(application=application, reviewer=staff, recommendation="yes")
    GrantPayment.objects.create(
        application=application,
        amount_pence=20000,
        paid_on=dt.date(2026, 4, 1),
        method="bank_transfer",
        reference="PAY-1",
        recorded_by=staff,
    )
    ThankYou.objects.create(application=application, message="Thanks")
    OpenGrantReference.objects.create(
        application=application, grant_reference="G-DP-TEST", recipient_reference="R-DP-TEST"
    )
    grants_services.application_viewed(application=application, by=staff)


TEXT = (models.CharField, models.TextField, models.JSONField)


def stamp(subject: Subject, counter: list[int]) -> dict[str, str]:
    """A distinctive value in every field the registry shows for the subject -> {value: where}.
    Values already distinctive (the person's email, which other rows hold) are left alone."""
    values = {}
    for source, rows in sources_for(subject):
        shown = source.shown_fields()
        for row in rows:
            changes = {}
            for field in shown:
                where = f"{source.model._meta.label}.{field.name}"
                if isinstance(field, models.FileField):
                    counter[0] += 1
                    value = f"ZZQ{counter[0]:03d}"
                    stored = getattr(row, field.attname)
                    stored.save("file.pdf", ContentFile(PDF + value.encode()), save=False)
                    changes[field.attname] = stored.name
                    values[value] = where
                    continue
                if not isinstance(field, TEXT) or field.choices:
                    continue
                current = getattr(row, field.attname)
                if "zzq" in str(current).lower():
                    continue
                if field.max_length and field.max_length < 4:
                    continue  # a currency code
                counter[0] += 1
                value = f"ZZQ{counter[0]:03d}"
                if isinstance(field, models.EmailField):
                    value = f"zzq{counter[0]:03d}@example.org"
                elif isinstance(field, models.JSONField):
                    changes[field.attname] = {**(current or {}), "zzq": value}
                    values[value] = where
                    continue
                elif field.max_length and field.max_length < 6:
                    value = f"Z{counter[0]:03d}"[: field.max_length]
                changes[field.attname] = value
                values[value] = where
            if changes:
                type(row)._default_manager.filter(pk=row.pk).update(**changes)
    return values


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
