"""A person's export never holds another person's personal data: a volunteer and the young
person they were matched with; a young person and the worker who started their application."""

from django.utils import timezone

import pytest

from dataprotection import access
from dataprotection.registry import Subject
from grants.models import Application, Endorsement
from matching.models import YoungPerson
from nolimits.models import User
from tests.dataprotection.people import everything_about, stamp, unzip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# What each side of a match sees of the other, by design (dataprotection/registry.py): the
# other's first name, and why the match closed (the match is both people's).
SHARED = {"matching.Match.closed_reason", "matching.YoungPerson.first_name"}


def export_text(subject: Subject) -> str:
    files = unzip(access.build_zip(subject)[0])
    return "\n".join(body.decode(errors="replace") for body in files.values())


def test_a_volunteer_and_their_young_person_see_none_of_each_others_data(staff):
    volunteer_person = UserFactory(email="zzq-volunteer@example.org", phone_number="07700900111")
    everything_about(volunteer_person, staff=staff)
    referral = YoungPerson.objects.get(first_name="Pat")
    counter = [0]
    theirs_a = stamp(Subject(user=volunteer_person), counter)
    theirs_b = stamp(Subject(referral=referral), counter)
    assert theirs_a and theirs_b
    User.objects.filter(pk=volunteer_person.pk).update(full_name="Vera Zzqsurname")
    theirs_a = {v: w for v, w in theirs_a.items() if w != "nolimits.User.full_name"}

    a_export = export_text(Subject(user=volunteer_person))
    b_export = export_text(Subject(referral=referral))
    leaked_to_a = [w for v, w in theirs_b.items() if v in a_export and w not in SHARED]
    leaked_to_b = [w for v, w in theirs_a.items() if v in b_export and w not in SHARED]
    assert leaked_to_a == [], "the volunteer's copy shows the young person's data"
    assert leaked_to_b == [], "the young person's copy shows the volunteer's data"
    # the volunteer's contact details never reach the young person
    assert "zzq-volunteer@example.org" not in b_export and "07700900111" not in b_export
    # what is shared is only the first name: the volunteer's surname stays out
    assert "Vera" in b_export and "Zzqsurname" not in b_export
    assert "Zzqsurname" in a_export
    # the young person's worker's contact details are the worker's
    referral.refresh_from_db()
    assert referral.worker_email not in b_export


def test_a_young_person_and_the_worker_who_started_their_application(staff):
    worker = UserFactory(email="zzq-worker@example.org", phone_number="07700900222")
    young = UserFactory(email="zzq-young@example.org", kind=User.Kind.YOUNG_PERSON, directorate="")
    application = Application.objects.create(
        applicant=young,
        started_by=worker,
        started_for_name="ZZQ-started-for",
        status=Application.Status.DECLINED,
        what_for="ZZQ-what-for",
        how_it_helps="ZZQ-how-it-helps",
        worker_name=worker.full_name,
        worker_email=worker.email,
        submitted_at=timezone.now(),
    )
    Endorsement.objects.create(
        application=application, sent_to=worker.email, comment="ZZQ-endorsement-comment"
    )
    young_export = export_text(Subject(user=young))
    worker_export = export_text(Subject(user=worker))
    for value in ("ZZQ-started-for", "ZZQ-what-for", "ZZQ-how-it-helps", "ZZQ-endorsement-comment"):
        assert value in young_export
        assert value not in worker_export
    assert "zzq-young@example.org" not in worker_export
    assert "zzq-worker@example.org" not in young_export
    assert "07700900222" not in young_export


def test_an_address_inside_another_finds_only_its_own_emails_and_stripe_events(lead):
    """jo@… is inside bojo@…: Jo's copy and Jo's erasure find Jo's emails and Stripe events, and
    never Bo's (whole addresses and whole JSON strings, not substrings)."""
    from dataprotection import erasure
    from nolimits.models import OutboxMessage
    from pledges.models import StripeEvent

    jo = UserFactory(email="jo@council.example.org")
    bo = UserFactory(email="bojo@council.example.org")
    OutboxMessage.objects.create(to="jo@council.example.org", subject="For Jo", body="ZZQJOMAIL")
    OutboxMessage.objects.create(to="bojo@council.example.org", subject="For Bo", body="ZZQBOMAIL")
    OutboxMessage.objects.create(
        to="someone@example.org, jo@council.example.org", subject="Both", body="ZZQSHARED"
    )
    for who, mark in ((bo, "ZZQBOSTRIPE"), (jo, "ZZQJOSTRIPE")):
        StripeEvent.objects.create(
            event_id=f"evt_{mark}", type="checkout.session.completed", created=1,
            payload={"data": {"object": {"customer_email": who.email, "name": mark}}},
            status=StripeEvent.Status.PROCESSED,
        )  # fmt: skip
    jo_copy = export_text(Subject(user=jo))
    assert "ZZQJOMAIL" in jo_copy and "ZZQSHARED" in jo_copy and "ZZQJOSTRIPE" in jo_copy
    assert "ZZQBOMAIL" not in jo_copy and "ZZQBOSTRIPE" not in jo_copy

    erasure.erase(by=lead, subject=Subject(user=jo), reason="Asked to be forgotten")
    assert OutboxMessage.objects.filter(body="ZZQBOMAIL").exists()  # Bo's email is Bo's
    bo_event = StripeEvent.objects.get(event_id="evt_ZZQBOSTRIPE")
    assert bo_event.payload["data"]["object"]["name"] == "ZZQBOSTRIPE"  # Bo's evidence stays
