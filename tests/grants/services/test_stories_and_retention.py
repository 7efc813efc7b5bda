"""A consented thank-you becomes a draft story in one action; after the retention period every
personal field and file of a finished application is gone or anonymised."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from grants import services
from grants.models import (
    Application,
    ApplicationStatusChange,
    Endorsement,
    GrantPayment,
    Review,
    ThankYou,
)
from nolimits import roles
from nolimits.models import StoryIndexPage, StoryPage

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF"


@pytest.fixture
def stories(home):
    index = StoryIndexPage(title="Stories", slug="stories")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def paid(send, panel, money, admin_user):
    application = send()
    services.review_record(
        application=application,
        reviewer=panel["member"],
        conflict_of_interest=False,
        recommendation="yes",
        comment="Call Wren on 07700 900123",
    )
    services.application_decide(
        application=application,
        by=panel["chair"],
        outcome="approve",
        amount_pence=30_000,
        message="Yes, Jo",
    )
    services.payment_record(
        application=application,
        by=admin_user(roles.FINANCE),
        amount_pence=30_000,
        paid_on=timezone.localdate(),
        method="bank_transfer",
        reference="BACS-1",
    )
    application.refresh_from_db()
    return application


def test_a_consented_thank_you_becomes_a_draft_story_in_one_action(
    client, stories, paid, admin_user
):
    services.thank_you_write(
        application=paid,
        by=paid.applicant,
        message="I passed my test! <b>Thank you</b>",
        consent_to_share=True,
    )
    thank_you = paid.thank_you
    editor = admin_user(roles.EDITORS)
    client.force_login(editor)
    listing = client.get("/admin/grants/thank-yous/").content.decode()
    assert "Make a draft story" in listing
    confirm = client.get(f"/admin/grants/thank-you/{thank_you.pk}/story/").content.decode()
    assert "first name only" in confirm and "I passed my test!" in confirm
    response = client.post(f"/admin/grants/thank-you/{thank_you.pk}/story/")
    story = StoryPage.objects.get()
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert not story.live and story.get_latest_revision().user == editor
    assert story.get_parent().pk == stories.pk
    assert story.title == "Thank you from Jo" and "Care" not in story.title + story.summary
    assert story.about_young_person and story.consent_confirmed
    assert "&lt;b&gt;Thank you&lt;/b&gt;" in str(story.body[0].value)  # their words, not markup
    thank_you.refresh_from_db()
    assert thank_you.story_page_id == story.pk and thank_you.story_made_by == editor
    assert client.get("/stories/thank-you-" + paid.uuid.hex[:12] + "/").status_code == 404  # draft
    assert "Edit the draft story" in client.get("/admin/grants/thank-yous/").content.decode()
    again = client.post(f"/admin/grants/thank-you/{thank_you.pk}/story/")
    assert again.status_code == 400 and StoryPage.objects.count() == 1


def test_without_consent_no_story(client, stories, paid, admin_user):
    services.thank_you_write(
        application=paid, by=paid.applicant, message="Thanks", consent_to_share=False
    )
    client.force_login(admin_user(roles.EDITORS))
    response = client.post(f"/admin/grants/thank-you/{paid.thank_you.pk}/story/")
    assert response.status_code == 400 and "did not agree to share" in response.content.decode()
    assert not StoryPage.objects.exists()


def _age(application, days=800):
    Application.objects.filter(pk=application.pk).update(
        status="closed", updated_at=timezone.now() - dt.timedelta(days=days)
    )


# Every field of a finished application and its records, and what anonymisation does to it.
# A new field makes this test fail until someone decides which list it belongs in.
KEPT = {
    Application: {
        "id",
        "uuid",
        "applicant",
        "started_by",
        "status",
        "category",
        "round",
        "amount_pence",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_amount_pence",
        "decided_by",
        "decided_at",
        "returned_to_panel_at",
        "anonymised_at",
        "proof_of_spend_requested",
    },
    Endorsement: {
        "id",
        "application",
        "token",
        "sent_at",
        "reminded_at",
        "escalated_at",
        "used_at",
        "endorsed",
        "care_experienced_confirmed",
    },
    Review: {
        "id",
        "application",
        "reviewer",
        "conflict_of_interest",
        "recommendation",
        "reviewed_at",
    },
    ApplicationStatusChange: {
        "id",
        "application",
        "from_status",
        "to_status",
        "event",
        "by",
        "reason",  # always blank: a check constraint keeps free text out of the history
        "endorsement",
        "at",
    },
    ThankYou: {
        "id",
        "application",
        "consent_to_share",
        "written_at",
        "story_page",
        "story_made_by",
        "story_made_at",
    },
    # Finance keeps its payment records (the council's financial retention rules apply).
    GrantPayment: {
        "id",
        "application",
        "amount_pence",
        "paid_on",
        "method",
        "reference",
        "recorded_by",
        "recorded_at",
    },
}
CLEARED = {
    Application: {
        "date_of_birth": None,
        "care_experienced": None,
        "what_for": "",
        "how_it_helps": "",
        "quotes_and_links": "",
        "worker_name": "",
        "worker_email": "",
        "started_for_name": "",
        "decision_message": "",
        "proof_of_spend": "",
        "proof_of_spend_content_type": "",
    },
    Endorsement: {"sent_to": "removed@example.invalid", "worker_name": "", "comment": ""},
    Review: {"comment": ""},
    ApplicationStatusChange: {"data": "only amount_pence and method"},
    ThankYou: {"message": ""},
    GrantPayment: {},
}


def test_every_field_and_file_of_a_closed_application_is_gone_or_anonymised(
    paid, django_capture_on_commit_callbacks
):
    for model in KEPT:
        fields = {f.name for f in model._meta.concrete_fields}
        assert fields == KEPT[model] | set(CLEARED[model]), model
    services.proof_of_spend_upload(
        application=paid, by=paid.applicant, upload=ContentFile(PDF, name="receipt.pdf")
    )
    paid.refresh_from_db()
    storage, name = paid.proof_of_spend.storage, paid.proof_of_spend.name
    assert storage.exists(name)
    services.thank_you_write(
        application=paid, by=paid.applicant, message="Thanks!", consent_to_share=True
    )
    ApplicationStatusChange.objects.filter(application=paid, event="paid").update(
        data={"method": "bank_transfer", "question": "Email jo@example.org"}
    )
    _age(paid)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.anonymise_old_applications() == 1
    assert not storage.exists(name)
    for model, cleared in CLEARED.items():
        rows = model.objects.filter(
            **({"pk": paid.pk} if model is Application else {"application": paid})
        )
        assert rows.exists(), model
        for row in rows:
            for field, value in cleared.items():
                if model is ApplicationStatusChange:
                    assert set(row.data) <= {"amount_pence", "method"}, row.data
                elif field == "proof_of_spend":
                    assert not row.proof_of_spend
                else:
                    assert getattr(row, field) == value, (model, field)
    paid.refresh_from_db()
    assert (
        paid.anonymised_at and paid.amount_pence == 30_000 and paid.decided_amount_pence == 30_000
    )
    assert services.anonymise_old_applications() == 0


def test_words_published_as_a_story_with_consent_are_kept(stories, paid, admin_user):
    services.thank_you_write(
        application=paid, by=paid.applicant, message="It changed my life", consent_to_share=True
    )
    story = services.story_draft_from_thank_you(
        thank_you=paid.thank_you, by=admin_user(roles.EDITORS)
    )
    _age(paid)
    story.save_revision().publish()
    assert services.anonymise_old_applications() == 1
    paid.refresh_from_db()
    paid.thank_you.refresh_from_db()
    assert paid.thank_you.message == "It changed my life" and paid.what_for == "Ten driving lessons"
    assert paid.how_it_helps == "" and paid.worker_email == ""


def test_a_draft_story_does_not_keep_the_words(stories, paid, admin_user):
    services.thank_you_write(
        application=paid, by=paid.applicant, message="It changed my life", consent_to_share=True
    )
    services.story_draft_from_thank_you(thank_you=paid.thank_you, by=admin_user(roles.EDITORS))
    _age(paid)
    assert services.anonymise_old_applications() == 1
    paid.thank_you.refresh_from_db()
    paid.refresh_from_db()
    assert paid.thank_you.message == "" and paid.what_for == ""


def test_a_draft_story_made_from_it_goes_with_the_words(stories, paid, admin_user):
    """The words of a story never published with consent live in the page and its revisions
    too: anonymisation deletes that draft."""
    from wagtail.models import Revision

    services.thank_you_write(
        application=paid,
        by=paid.applicant,
        message="Jo Care passed first time",
        consent_to_share=True,
    )
    services.story_draft_from_thank_you(thank_you=paid.thank_you, by=admin_user(roles.EDITORS))
    assert StoryPage.objects.exists()
    _age(paid)
    assert services.anonymise_old_applications() == 1
    assert not StoryPage.objects.exists()
    assert not any("passed first time" in str(r.content) for r in Revision.objects.all())
    paid.thank_you.refresh_from_db()
    assert paid.thank_you.story_page_id is None and paid.thank_you.message == ""


def test_a_replaced_proof_of_spending_file_is_deleted(paid, django_capture_on_commit_callbacks):
    """The young person may send a new proof; the old file does not stay behind where the
    retention job can no longer find it."""
    with django_capture_on_commit_callbacks(execute=True):
        services.proof_of_spend_upload(
            application=paid, by=paid.applicant, upload=ContentFile(PDF, name="first.pdf")
        )
    paid.refresh_from_db()
    storage, first = paid.proof_of_spend.storage, paid.proof_of_spend.name
    with django_capture_on_commit_callbacks(execute=True):
        services.proof_of_spend_upload(
            application=paid, by=paid.applicant, upload=ContentFile(PDF, name="second.pdf")
        )
    paid.refresh_from_db()
    assert paid.proof_of_spend.name != first and storage.exists(paid.proof_of_spend.name)
    assert not storage.exists(first)
    _age(paid)
    second = paid.proof_of_spend.name
    with django_capture_on_commit_callbacks(execute=True):
        services.anonymise_old_applications()
    assert not storage.exists(second)
