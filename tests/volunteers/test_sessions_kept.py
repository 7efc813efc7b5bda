"""A volunteer's first page of logged sessions is kept drawn in the cache until one of their
sessions or expense claims changes (issue 17, nolimits.kept_lists): the database's triggers move
the version, so every way of changing the rows shows at once. Through the real views."""

import datetime as dt
import json

from django.core.cache import cache
from django.db import connection
from django.utils import timezone

import pytest

from nolimits import kept_lists, pagecache
from nolimits.models import KeptList
from tests.volunteers.conftest import applicant
from volunteers import services
from volunteers.models import ExpenseClaim, VolunteerSession

pytestmark = pytest.mark.django_db
SESSIONS = "/volunteer/sessions/"


@pytest.fixture
def volunteer(client, home):
    volunteer = applicant()
    VolunteerSession.objects.create(
        volunteer=volunteer, date=timezone.localdate() - dt.timedelta(days=2), minutes=45
    )
    client.force_login(volunteer.user)
    return volunteer


def page(client) -> str:
    response = client.get(SESSIONS)
    assert response.status_code == 200
    return response.content.decode()


def entry(user):
    return kept_lists.entry(user.pk, "sessions")


def test_the_list_is_kept_and_the_form_is_not(client, volunteer):
    page(client)
    html = page(client)
    kept = entry(volunteer.user)
    assert kept is not None and "45 minutes" in kept["value"]["sessions"]
    assert "csrfmiddlewaretoken" not in repr(kept) and "csrfmiddlewaretoken" in html
    assert "{#" not in html and "#}" not in html  # no template comment shown as text


def test_every_change_to_a_session_or_claim_shows_at_once(client, volunteer, coordinator):
    session = volunteer.sessions.get()
    page(client)
    # Logged through the page: the redirect's page shows it.
    response = client.post(
        SESSIONS,
        {"date": timezone.localdate().isoformat(), "minutes": "70", "what_happened": "Cooking"},
        follow=True,
    )
    assert "70 minutes" in response.content.decode()
    # update() and raw SQL
    VolunteerSession.objects.filter(pk=session.pk).update(minutes=50)
    assert "50 minutes" in page(client)
    table = connection.ops.quote_name(VolunteerSession._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET minutes = 55 WHERE id = %s", [session.pk])  # noqa: S608
    assert "55 minutes" in page(client)
    # A claim, then a coordinator's decision on it
    claim = ExpenseClaim.objects.create(
        session=session, kind="other", description="Bus", amount_pence=340
    )
    assert "Waiting for approval" in page(client)
    services.expense_decide(claim=claim, by=coordinator, approve=False, reason="No receipt")
    html = page(client)
    assert "Refused" in html and "No receipt" in html
    # A session deleted
    VolunteerSession.objects.filter(minutes=70).delete()
    assert "70 minutes" not in page(client)


def test_two_volunteers_never_see_each_others(client, volunteer):
    other = applicant()
    VolunteerSession.objects.create(volunteer=other, date=timezone.localdate(), minutes=95)
    page(client)
    from django.test import Client

    theirs = Client()
    theirs.force_login(other.user)
    assert "95 minutes" in page(theirs) and "45 minutes" not in page(theirs)
    mine = page(client)
    assert "45 minutes" in mine and "95 minutes" not in mine


def test_a_volunteer_who_left_and_came_back_sees_their_new_record(client, volunteer):
    """The kept list says which volunteer record it lists: a new record (applying again after
    leaving) is not shown the old one's sessions, though no session changed."""
    assert "45 minutes" in page(client)
    services.volunteer_withdraw(volunteer=volunteer, by=volunteer.user)
    again = applicant(user=volunteer.user)
    assert again.pk != volunteer.pk
    assert "45 minutes" not in page(client)


def test_a_list_kept_for_another_of_their_records_is_drawn_again(client, volunteer):
    request = client.get(SESSIONS).wsgi_request

    def kept(drawn_for, shown):
        request.nolimits_cache_found = None  # each call a new request's cache read
        return kept_lists.kept(request, "sessions", lambda: {"sessions": shown}, drawn_for)

    assert kept(1, "first record's")["sessions"] == "first record's"
    assert kept(1, "not drawn")["sessions"] == "first record's"
    assert kept(2, "second record's")["sessions"] == "second record's"


@pytest.mark.parametrize(
    "left_there", ["not JSON", '"a string"', "[1, 2]", "{}", '{"sessions": 5, "with_whom": []}']
)
def test_whatever_is_kept_under_the_stamp_the_list_is_drawn_not_a_500(
    client, volunteer, left_there
):
    """A kept list of another shape (kept by older code before a deploy, or broken by hand) is
    drawn again, never a 500."""
    page(client)
    page(client)
    assert KeptList.objects.filter(person_id=volunteer.user.pk, part="sessions").update(
        value=left_there
    )
    assert "45 minutes" in page(client)


def test_an_expired_list_is_drawn_again(client, volunteer):
    page(client)
    page(client)
    row = KeptList.objects.get(person_id=volunteer.user.pk, part="sessions")
    row.value = json.dumps({**json.loads(row.value), "sessions": "OLD"})
    row.save()
    assert "OLD" in page(client)
    KeptList.objects.filter(person_id=volunteer.user.pk).update(expires=0)
    assert "OLD" not in page(client)


def test_a_list_kept_by_other_code_is_drawn_again(client, volunteer, monkeypatch):
    """After a deploy (another fingerprint of the code) nothing kept before it is shown."""
    page(client)  # the site's first page ever makes its settings rows: a new generation
    page(client)
    row = KeptList.objects.get(person_id=volunteer.user.pk, part="sessions")
    value = json.loads(row.value)
    row.value = json.dumps({**value, "sessions": "KEPT BY THIS CODE"})
    row.save()
    assert "KEPT BY THIS CODE" in page(
        client
    )  # shown from what was kept while the code is the same
    monkeypatch.setattr(kept_lists, "release", lambda: "the next release")
    html = page(client)
    assert "KEPT BY THIS CODE" not in html and "45 minutes" in html


def test_the_codes_fingerprint_moves_with_any_template_or_module(settings, tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>Hello</p>")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_it.py").write_text("")
    settings.BASE_DIR = tmp_path

    def fingerprint():
        kept_lists.release.cache_clear()
        return kept_lists.release()

    try:
        first = fingerprint()
        (tmp_path / "tests" / "test_it.py").write_text("y = 2\n")
        assert fingerprint() == first  # tests draw nothing
        (tmp_path / "templates" / "page.html").write_text("<p>Hello again</p>")
        second = fingerprint()
        assert second != first
        (tmp_path / "app" / "views.py").write_text("x = 2\n")
        assert fingerprint() not in (first, second)
    finally:
        kept_lists.release.cache_clear()


def test_the_kept_blank_form_is_the_form_drawn_afresh(client, volunteer):
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    page(client)
    kept = token.sub("", page(client))
    kept_lists.forget(volunteer.user.pk)
    assert token.sub("", page(client)) == kept
    for question in ("Who with", "Date", "How long, in minutes", "What did you do?"):
        if question != "Who with":
            assert question in kept, question


def test_a_cache_entry_that_cannot_be_read_is_dropped_not_a_500(client, volunteer):
    """An entry pickled by other code (a class since renamed, say) in the shared cache, read with
    the header and footer, is deleted and made again."""
    import base64
    import pickle

    from django.db import connection

    page(client)
    key = cache.make_key(pagecache.GENERATION_KEY, version=pagecache.VERSION)
    broken = base64.b64encode(pickle.dumps({"x": 1})[:-3] + b"\x80\x05c").decode()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE nolimits_cache SET value = %s WHERE cache_key = %s", [broken, key])
        assert cursor.rowcount == 1
    assert "45 minutes" in page(client)
    assert cache.get(pagecache.GENERATION_KEY, version=pagecache.VERSION)


@pytest.mark.parametrize(
    "left_there",
    [
        '{"sessions": "S", "blank_form": "B"}',
        '{"sessions": "S", "blank_form": "B", "with_whom": [[1]]}',
    ],
)
def test_a_kept_row_missing_what_the_view_reads_is_drawn_again(client, volunteer, left_there):
    page(client)
    page(client)
    assert KeptList.objects.filter(person_id=volunteer.user.pk, part="sessions").update(
        value=left_there
    )
    assert "45 minutes" in page(client)


def test_nothing_is_kept_when_the_version_moved_while_drawing(client, volunteer, monkeypatch):
    """A change (or an erasure) that commits while a list is drawn: the drawing is shown once
    but not kept, so nothing older than the rows outlives the request."""
    page(client)
    kept_lists.forget(volunteer.user.pk)
    real = kept_lists._write

    def after_a_change(*args):
        VolunteerSession.objects.filter(volunteer=volunteer).update(minutes=46)
        return real(*args)

    monkeypatch.setattr(kept_lists, "_write", after_a_change)
    assert "45 minutes" in page(client)
    assert kept_lists.entry(volunteer.user.pk, "sessions") is None
    monkeypatch.setattr(kept_lists, "_write", real)
    assert "46 minutes" in page(client)
