"""History entries are structured events, worded for each reader: the applicant in plain words,
a young panellist with no contact detail or worker's name, staff with what they may see.
Existing free-text rows are migrated to events without carrying an email along."""

import re

from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from grants import services
from grants.history import Viewer, history_for
from grants.models import ApplicationStatusChange

pytestmark = pytest.mark.django_db
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def decided(send, panel, money):
    application = send()
    services.review_record(
        application=application,
        reviewer=panel["member"],
        conflict_of_interest=False,
        recommendation="yes",
    )
    services.application_decide(
        application=application,
        by=panel["chair"],
        outcome="more_info",
        message="Email me at cass.chair@example.org with the school's name",
    )
    return application


def test_every_entry_is_a_structured_event(decided):
    events = list(decided.status_changes.values_list("event", flat=True))
    assert events == ["sent", "endorsement_asked", "endorsed", "review_started", "more_info_asked"]
    asked = decided.status_changes.get(event="endorsement_asked")
    assert asked.endorsement.sent_to == "wren@example.org" and asked.by is None
    assert "by_description" not in {f.name for f in ApplicationStatusChange._meta.fields}
    # The one status-change shape has a reason; a grant's history never holds one (free text).
    assert set(decided.status_changes.values_list("reason", flat=True)) == {""}
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationStatusChange.objects.create(
            application=decided, from_status="in_review", to_status="in_review", reason="x"
        )


def test_the_applicant_reads_plain_words(client, home, decided):
    client.force_login(decided.applicant)
    page = client.get(f"/grant-applications/application/{decided.uuid}/").content.decode()
    assert "We asked Wren, your worker, to support your application." in page
    assert "You sent your application." in page
    assert "Wren, your worker, supported your application." in page
    assert "The panel asked for more information" in page
    assert "wren@example.org" not in page


def test_a_young_panellist_sees_no_contact_detail_or_name_in_the_history(
    client, home, decided, panel
):
    client.force_login(panel["young"])
    page = client.get(f"/admin/grants/application/{decided.pk}/").content.decode()
    history = page[page.index("<h2>History</h2>") :]
    assert "We asked their worker to support the application." in history
    assert "A panel member asked the applicant for more information." in history
    assert not EMAIL.search(history), EMAIL.findall(history)
    assert "Wren" not in page and "Cass Chair" not in history and "Parker Panel" not in page
    assert not EMAIL.search(
        page.split('id="main"')[-1] if 'id="main"' in page else page[page.index("<h2>Reviews") :]
    )
    lines = [line.text for line in history_for(decided, Viewer.YOUNG_PANELLIST)]
    assert lines and not any(EMAIL.search(text) or "Wren" in text for text in lines)


def test_staff_on_the_panel_see_who_and_the_workers_email(client, home, decided, panel):
    client.force_login(panel["member"])
    page = client.get(f"/admin/grants/application/{decided.pk}/").content.decode()
    history = page[page.index("<h2>History</h2>") :]
    assert (
        "We asked their worker, Wren Worker (wren@example.org) to support the application."
        in history
    )
    assert "Cass Chair asked the applicant for more information" in history


def test_free_text_shown_to_a_young_panellist_has_contact_details_removed(
    client, home, send, panel
):
    application = send()
    services.application_save_step  # noqa: B018 - answers were typed by the applicant earlier
    type(application).objects.filter(pk=application.pk).update(
        how_it_helps="Call me on 07700 900123 or jo.care@example.org if you need to"
    )
    client.force_login(panel["young"])
    page = client.get(f"/admin/grants/application/{application.pk}/").content.decode()
    assert "07700 900123" not in page and "jo.care@example.org" not in page
    assert "[phone number removed]" in page and "[email removed]" in page
    assert len(mail.outbox) >= 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_free_text_rows_are_migrated_to_events():
    executor = MigrationExecutor(connection)
    before = [("grants", "0008_structured_history")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    Application = old.get_model("grants", "Application")
    Endorsement = old.get_model("grants", "Endorsement")
    Change = old.get_model("grants", "ApplicationStatusChange")
    # The user table is today's (migrating grants back leaves the foundation's migrations applied)
    from nolimits.models import User

    young = User.objects.create(email="jo@example.org", full_name="Jo Care", kind="young_person")
    application = Application.objects.create(
        applicant_id=young.pk,
        status="paid",
        worker_name="Wren Worker",
        worker_email="wren@example.org",
        decided_amount_pence=30_000,
    )
    endorsement = Endorsement.objects.create(application=application, sent_to="wren@example.org")
    rows = [
        ("draft", "submitted", "Sent by the applicant", ""),
        ("submitted", "awaiting_endorsement", "Endorsement asked of wren@example.org", ""),
        (
            "awaiting_endorsement",
            "ready_for_panel",
            "The worker supported the application",
            "Worker wren@example.org",
        ),
        ("ready_for_panel", "in_review", "The panel started reviewing", ""),
        ("in_review", "approved", "The panel decided", ""),
        ("approved", "paid", "Paid by council purchase card", ""),
        ("paid", "closed", "Tidied up by ops@example.org", ""),
    ]
    for from_status, to_status, reason, by_description in rows:
        Change.objects.create(
            application=application,
            from_status=from_status,
            to_status=to_status,
            reason=reason,
            by_description=by_description,
        )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("grants"))

    migrated = list(ApplicationStatusChange.objects.filter(application_id=application.pk))
    assert [r.event for r in migrated] == [
        "sent",
        "endorsement_asked",
        "endorsed",
        "review_started",
        "decided",
        "paid",
        "closed",
    ]
    assert (
        migrated[1].endorsement_id == endorsement.pk
        and migrated[2].endorsement_id == endorsement.pk
    )
    assert migrated[4].data == {"amount_pence": 30_000}
    assert migrated[5].data == {"method": "purchase_card"}
    assert "ops@example.org" not in str([r.data for r in migrated])
    from grants.models import Application as Current

    lines = [
        line.text
        for line in history_for(Current.objects.get(pk=application.pk), Viewer.YOUNG_PANELLIST)
    ]
    assert "We asked their worker to support the application." in lines
    assert not any(EMAIL.search(text) for text in lines)


def test_a_young_panellists_list_and_export_carry_no_contact_detail(client, home, decided, panel):
    client.force_login(panel["young"])
    listing = client.get("/admin/grants/applications/").content.decode()
    assert decided.reference in listing
    rows = listing[listing.index("<tbody") : listing.index("</tbody>")]
    assert not EMAIL.search(rows) and "Jo Care" not in rows and "Wren" not in rows
    export = b"".join(
        client.get("/admin/grants/applications/", {"export": "csv"}).streaming_content
    ).decode()
    assert decided.reference in export
    assert not EMAIL.search(export) and "Jo Care" not in export and "Wren" not in export


def test_a_young_panellists_list_and_export_blank_contact_details_in_what_it_is_for(
    client, home, send, panel
):
    """What the money is for is the applicant's own words: on the list and in its export a young
    panellist sees them without an email or phone number, as on the application file."""
    application = send()
    type(application).objects.filter(pk=application.pk).update(
        what_for="A bike, text me on 07700 900123 or jo.care@example.org"
    )
    client.force_login(panel["young"])
    listing = client.get("/admin/grants/applications/").content.decode()
    export = b"".join(
        client.get("/admin/grants/applications/", {"export": "csv"}).streaming_content
    ).decode()
    for seen in (listing, export):
        assert "A bike" in seen and "[email removed]" in seen
        assert "07700 900123" not in seen and "jo.care@example.org" not in seen

    # Searching finds what they are shown, never what is hidden from them.
    def found(query):
        page = client.get("/admin/grants/applications/", {"q": query}).content.decode()
        return application.reference in page

    assert found("bike") and not found("07700") and not found("jo.care")
    client.force_login(panel["member"])
    assert "jo.care@example.org" in client.get("/admin/grants/applications/").content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_view_log_entries_move_to_the_grants_log_without_free_text():
    """A used database has "Viewed application" entries in Wagtail's shared log, labelled with
    what the money was for: the migration moves them to the grants log, labelled by reference."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import ModelLogEntry

    from nolimits.models import User

    executor = MigrationExecutor(connection)
    before = [("grants", "0012_status_changes_through_states")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    young = User.objects.create(email="jo@example.org", full_name="Jo Care", kind="young_person")
    viewer = User.objects.create(email="cass@example.org", full_name="Cass Chair", kind="staff")
    application = old.get_model("grants", "Application").objects.create(
        applicant_id=young.pk, status="in_review", what_for="A bike, ring 07700 900123"
    )
    content_type = ContentType.objects.get(app_label="grants", model="application")
    ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=str(application.pk),
        label="A bike, ring 07700 900123 (In review)",
        action="grants.application_viewed",
        timestamp=timezone.now(),
        user_id=viewer.pk,
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes("grants"))
    from grants.models import ApplicationLogEntry

    assert not ModelLogEntry.objects.filter(content_type=content_type).exists()
    moved = ApplicationLogEntry.objects.get()
    assert moved.application_id == application.pk and moved.user_id == viewer.pk
    assert moved.label == f"G-{application.pk:05d}" and moved.action == "grants.application_viewed"
    # Undoing the migration gives the entries back to Wagtail's log (reference-only label): who
    # opened the application is never lost.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    back = ModelLogEntry.objects.get(content_type=content_type)
    assert (back.object_id, back.user_id, back.label) == (
        str(application.pk),
        viewer.pk,
        f"G-{application.pk:05d}",
    )
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
