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
