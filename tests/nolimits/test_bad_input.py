"""Bad input never 500s: the site search with control characters, and the public forms fuzzed.

The test client raises any exception a view lets out, so a 500 fails the test at once.
"""

from django.test import override_settings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matching.test_matching_screens import REFERRAL
from tests.volunteers.conftest import coordinator  # noqa: F401 (fixture)
from tests.volunteers.services.test_come_along import published  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Any text, with control characters, NUL bytes and surrogate-free unicode, and very long runs.
nasty = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(
        [
            '"',
            'a"b(',
            "\x00",
            "a\x00b",
            "%00",
            "' OR 1=1 --",
            "<script>",
            "&&&",
            "\u202e",
            "x" * 5000,
        ]
    ),
)


@pytest.mark.parametrize("q", ["\x00", "gift\x00", "\x01\x02\x1f", "\u200b", "\x7f"])
def test_search_with_control_characters_answers_a_clear_message(client, home, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    if q.strip("\x00\x01\x02\x1f\u200b\x7f"):
        assert "\x00" not in html and "gift" in html
    else:
        assert "Enter words to search for, using letters and numbers." in html


# Full-text query syntax (SQLite FTS5, PostgreSQL tsquery) typed as words: never an error.
@pytest.mark.parametrize(
    "q",
    ['gift"', '"gift', "gift*", "(gift", "gift NEAR(", "-gift", "gift:*", "gift & |", "^gift"],
)
def test_search_with_query_syntax_finds_the_words(client, home, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "gift" in response.content.decode()


def test_search_with_only_punctuation_asks_for_words(client, home):
    response = client.get("/search/", {"q": '" ( * )'})
    assert "Enter words to search for, using letters and numbers." in response.content.decode()


@FUZZ
@given(q=nasty, page=st.one_of(st.text(max_size=10), st.integers().map(str)))
def test_search_never_fails(client, home, q, page):
    assert client.get("/search/", {"q": q, "page": page}).status_code == 200


@override_settings(RATE_LIMITS={})
@FUZZ
@given(field=st.sampled_from(sorted(REFERRAL) + ["date_of_birth"]), value=nasty)
def test_the_referral_form_never_fails(client, home, field, value):
    response = client.post(
        "/volunteer/refer/", {**REFERRAL, "date_of_birth": "2011-01-01", field: value}
    )
    assert response.status_code == 200


@override_settings(RATE_LIMITS={})
@FUZZ
@given(
    field=st.sampled_from(
        ["young_person_first_name", "young_person_age", "booker_name", "booker_email"]
    ),
    value=nasty,
)
def test_the_booking_form_never_fails(client, home, published, field, value):  # noqa: F811
    data = {
        "young_person_first_name": "Jo",
        "young_person_age": "14",
        "booker_name": "Wren",
        "booker_email": "wren@example.org",
        field: value,
    }
    response = client.post(f"/volunteer/come-along/{published.pk}/book/", data)
    assert response.status_code == 200


@FUZZ
@given(contact_by=st.one_of(st.sampled_from(["email", "text"]), nasty), phone=nasty)
def test_the_contact_preference_form_never_fails(client, home, user, contact_by, phone):
    client.force_login(user)
    response = client.post("/accounts/updates/", {"contact_by": contact_by, "phone_number": phone})
    assert response.status_code in (200, 302)


@override_settings(RATE_LIMITS={})
@FUZZ
@given(
    field=st.sampled_from(["full_name", "kind", "directorate", "email", "password1"]), value=nasty
)
def test_the_sign_up_form_never_fails(client, home, field, value):
    data = {
        "full_name": "New Person",
        "kind": "councillor",
        "directorate": "",
        "email": "new.person@example.org",
        "password1": "a-long-enough-secret",
        "password2": "a-long-enough-secret",
        field: value,
    }
    # 429 is allauth's own rate limit on sign-ups, a clear page of its own.
    assert client.post("/accounts/signup/", data).status_code in (200, 302, 429)
