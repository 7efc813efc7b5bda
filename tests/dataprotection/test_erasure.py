"""Erasure: a programme lead erases a person across every app, with a reason, in one go; what
the law needs is kept with the minimum, the person is told which; the rest is deleted or
anonymised; they cannot sign in; their files are gone; the action is logged."""

import json

from django.core import mail
from django.test import Client

import pytest

from dataprotection import access, erasure
from dataprotection.models import AccessExport, Erasure
from dataprotection.registry import Subject
from grants.models import Application, Endorsement, ThankYou
from matching.models import Match, YoungPerson
from nolimits import kept_lists
from nolimits.models import User
from pledges.models import Donation, GiftAidDeclaration, Pledge
from tests.dataprotection.people import everything_about, stamp, unzip
from tests.factories import PASSWORD, UserFactory
from volunteers.models import (
    DBSCheck,
    ExpenseClaim,
    Reference,
    SupervisionNote,
    TrainingRecord,
    Volunteer,
    VolunteerSession,
)

pytestmark = pytest.mark.django_db

# What an export may still show after erasure: the records the law makes us keep, with only
# what they need (dataprotection/erasure.py WHY), and the young person's side of a match.
KEPT = {
    "pledges.Pledge": "all but cancellation_reason",
    "pledges.Donation": "all",
    "pledges.Adjustment": "all",
    "pledges.GiftAidDeclaration": "all but cancellation_reason",
    "grants.GrantPayment": "all",
    "impact.OpenGrantReference": "all",
    "grants.ApplicationLogEntry": "label and action (the reference, not a name)",
    "wagtailcore.ModelLogEntry": "action",
    "matching.Match": "closed_reason: the young person's record",
}


def kept(where: str) -> bool:
    model, field = where.rsplit(".", 1)
    rule = KEPT.get(model)
    return rule is not None and not (rule.startswith("all but") and field in rule)


@pytest.fixture
def person(staff):
    person = UserFactory(email="zzq-person@example.org", full_name="Petra Person")
    everything_about(person, staff=staff)
    return person


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def erase_url(person) -> str:
    return f"/admin/data-protection/user/{person.pk}/erase/"


def stored_files(person) -> list:
    claims = ExpenseClaim.objects.filter(session__volunteer__user=person)
    files = [c.receipt for c in claims] + [
        a.proof_of_spend for a in person.grant_applications.all()
    ]
    assert files and all(f.storage.exists(f.name) for f in files)
    return [(f.storage, f.name) for f in files]


def test_the_confirm_page_says_what_will_be_deleted_anonymised_and_kept(lead, person):
    html = signed_in(lead).get(erase_url(person)).content.decode()
    for words in (
        "What will be deleted", "DBS checks: 1", "Supervision notes about you: 1",
        "What will be anonymised", "Volunteer record", "Grant applications (details removed): 1",
        "What the law makes us keep", "Gift Aid declarations: 1", "Gifts: 1", "Grant payments: 1",
        "Approved expense claims: 1", "HMRC may check a Gift Aid claim",
    ):  # fmt: skip
        assert words in html, words
    person.refresh_from_db()
    assert person.is_active  # looking changes nothing


def test_erasure_across_every_app(lead, person, django_capture_on_commit_callbacks):
    counter = [0]
    before = stamp(Subject(user=person), counter)
    files = stored_files(person)
    # Their My giving was looked at, so its lists are kept drawn in the cache (kept_lists).
    assert signed_in(person).get("/pledges/my-giving/").status_code == 200
    assert kept_lists.entry(person.pk, "my_giving") is not None
    client = signed_in(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(erase_url(person), {"reason": "Their email of 1 December"})
    assert kept_lists.entry(person.pk, "my_giving") is None
    record = Erasure.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/erased/{record.pk}/")

    # the log: who, a reference to whom (not the name), when, why, counts
    assert record.erased_by == lead and record.subject_reference == f"user {person.pk}"
    assert record.reason == "Their email of 1 December"
    assert record.counts["DBS checks"] == {"deleted": 1}
    assert "Petra" not in json.dumps([record.counts, record.kept, record.subject_reference])
    page = client.get(response["Location"]).content.decode()
    assert "Gift Aid declarations: 1" in page and "HMRC may check" in page

    # the account: anonymised, disabled, cannot sign in
    person.refresh_from_db()
    assert person.full_name == "Erased person" and "zzq" not in person.email
    assert not person.is_active and not person.has_usable_password()
    assert not person.groups.exists()
    assert Client().login(email="zzq-person@example.org", password=PASSWORD) is False
    sign_in = Client().post(
        "/accounts/login/", {"login": "zzq-person@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in sign_in.wsgi_request.session

    # deleted
    volunteer = Volunteer.objects.get(user=person)
    for model in (Reference, DBSCheck, TrainingRecord, SupervisionNote):
        assert not model.objects.filter(volunteer=volunteer).exists(), model
    # anonymised
    assert volunteer.status == Volunteer.Status.LEFT and volunteer.interests == ""
    assert VolunteerSession.objects.filter(volunteer=volunteer).first().what_happened == ""
    application = Application.objects.get(applicant=person)
    assert application.how_it_helps == "" and application.what_for == ""
    assert Endorsement.objects.get(application=application).comment == ""
    assert ThankYou.objects.get(application=application).message == ""
    # kept, with the minimum
    declaration = GiftAidDeclaration.objects.get(donor=person)
    assert declaration.first_name.startswith("ZZQ") and declaration.postcode.startswith("ZZQ")
    assert declaration.cancellation_reason == ""
    assert Pledge.objects.filter(donor=person).count() == 1
    assert Donation.objects.filter(donor=person).count() == 1
    claim = ExpenseClaim.objects.get(session__volunteer=volunteer)
    assert claim.amount_pence == 800 and claim.description == "" and not claim.receipt
    # files gone from storage
    for storage, name in files:
        assert not storage.exists(name), name
    # earlier copies: the log kept, the name gone
    assert "Petra" not in AccessExport.objects.get(subject_user=person).subject_label

    # told what was kept and why, at the address they had
    message = mail.outbox[-1]
    assert message.to == ["zzq-person@example.org"]
    assert message.subject == "[No Limits] Your information has been erased"
    assert "Gift Aid declarations (1)" in message.body and "HMRC" in message.body
    assert "can no longer sign in" in message.body

    # a subject access export now finds nothing personal except the kept minimum
    data = unzip(access.build_zip(Subject(user=person))[0])["data.json"].decode()
    left = sorted(where for value, where in before.items() if value in data and not kept(where))
    assert left == []
    assert "zzq-person@example.org" not in data
    assert any(value in data for value, where in before.items() if "GiftAid" in where)


def test_a_reason_is_required_and_nothing_changes_without_one(lead, person):
    response = signed_in(lead).post(erase_url(person), {"reason": "  "})
    assert "Say why this person is being erased" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and not Erasure.objects.exists()


def test_a_pledge_still_taking_money_must_be_cancelled_first(lead, person):
    Pledge.objects.filter(donor=person).update(status=Pledge.Status.ACTIVE)
    client = signed_in(lead)
    html = client.get(erase_url(person)).content.decode()
    assert "monthly pledge still taking money" in html
    response = client.post(erase_url(person), {"reason": "asked"})
    assert "The erasure was not done" in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and not Erasure.objects.exists()


def test_nothing_is_half_done_when_a_step_fails(lead, person, monkeypatch):
    files = stored_files(person)

    def broken(plan, user, apply):
        if apply:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(erasure, "_grants", broken)  # after giving and volunteering ran
    with pytest.raises(RuntimeError):
        erasure.erase(by=lead, subject=Subject(user=person), reason="asked")
    person.refresh_from_db()
    assert person.is_active and person.full_name == "Petra Person"
    volunteer = Volunteer.objects.get(user=person)
    assert volunteer.interests == "football" and volunteer.status == Volunteer.Status.ACTIVE
    assert DBSCheck.objects.filter(volunteer=volunteer).exists()
    assert all(storage.exists(name) for storage, name in files)
    assert not Erasure.objects.exists()


def test_a_young_person_referred_without_an_account(
    lead, person, django_capture_on_commit_callbacks
):
    pat = YoungPerson.objects.get(first_name="Pat")
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(lead).post(
            f"/admin/data-protection/young-person/{pat.pk}/erase/", {"reason": "Asked by worker"}
        )
    assert response.status_code == 302, response.context["problems"]
    pat.refresh_from_db()
    assert (
        pat.first_name == "Erased"
        and pat.interests == ""
        and pat.worker_email != "wren@example.org"
    )
    assert pat.status == YoungPerson.Status.CLOSED
    match = Match.objects.get(young_person=pat)
    assert match.reviews.get().notes == ""
    # what the volunteer wrote about their sessions with Pat goes; the session's time stays
    session = match.session_links.get().session
    assert session.what_happened == "" and session.minutes == 90
    assert mail.outbox[-1].to == ["wren@example.org"]  # told through the worker who referred them
    assert Erasure.objects.get().subject_reference == f"referral {pat.pk}"


def test_an_open_match_must_be_closed_first(lead, person):
    Match.objects.filter(volunteer__user=person).update(status=Match.Status.ACTIVE)
    with pytest.raises(Exception, match="open match"):
        erasure.erase(by=lead, subject=Subject(user=person), reason="asked")


def test_a_lead_cannot_erase_themselves(lead):
    with pytest.raises(Exception, match="cannot erase yourself"):
        erasure.erase(by=lead, subject=Subject(user=lead), reason="asked")
    assert User.objects.get(pk=lead.pk).is_active
