"""Applying for a grant: eligibility, one question per page saved as it goes, the check page,
sending, the worker's single-use expiring link, and statuses."""

import datetime as dt
import re

from django.core import mail
from django.core.exceptions import ValidationError

import pytest

from grants import services
from grants.eligibility import eligibility
from grants.models import Application, Category
from nolimits import states
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("born", "care", "ok", "words"),
    [
        (dt.date(2008, 11, 22), True, True, ""),  # 18 today
        (dt.date(2010, 11, 22), True, True, ""),  # 16 today
        (
            dt.date(2010, 11, 23),
            True,
            False,
            "aged 16 to 25, so you cannot apply yet",
        ),  # 16 tomorrow
        (dt.date(2000, 11, 23), True, True, ""),  # 25 until tomorrow
        (dt.date(2000, 11, 22), True, False, "up to the age of 25"),  # 26 today
        (dt.date(2005, 1, 1), False, False, "are or have been in the council's care"),
        (dt.date(2030, 1, 1), True, False, "in the future"),
        (None, True, False, "We need your date of birth"),
    ],
)
def test_eligibility_is_checked_kindly(born, care, ok, words):
    result, why = eligibility(date_of_birth=born, care_experienced=care, today=TODAY)
    assert result is ok
    assert words in why


@pytest.fixture
def category(db):
    return Category.objects.create(name="Setting up home", slug="home", max_amount_pence=50_000)


@pytest.fixture
def young(db):
    return UserFactory(
        kind="young_person", directorate="", full_name="Jamie Young", email="jamie@example.org"
    )


ANSWERS = [
    ("date_of_birth", {"date_of_birth": "2006-05-01"}),
    ("in_care", {"care_experienced": "yes"}),
    ("category", None),
    ("what_for", {"what_for": "A bed for my first flat"}),
    ("amount", {"amount": "180"}),
    ("how_it_helps", {"how_it_helps": "I can sleep properly and get to college."}),
    ("quotes", {"quotes_and_links": "Argos, £180"}),
    ("worker", {"worker_name": "Pat Adviser", "worker_email": "pat@example.org"}),
]


def fill(client, application, category, up_to=None):
    for step, data in ANSWERS:
        data = data or {"category": category.pk}
        response = client.post(f"/grant-applications/application/{application.uuid}/{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:500])
        if step == up_to:
            return


def start(client):
    client.post("/grant-applications/apply/")
    return Application.objects.get()


def test_apply_one_question_per_page_check_and_send(
    client, home, young, category, django_capture_on_commit_callbacks
):
    client.force_login(young)
    application = start(client)
    fill(client, application, category)
    check = client.get(
        f"/grant-applications/application/{application.uuid}/check/"
    ).content.decode()
    assert "A bed for my first flat" in check and "£180" in check and "Send application" in check
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/grant-applications/application/{application.uuid}/check/")
    assert response["Location"] == f"/grant-applications/application/{application.uuid}/"
    application.refresh_from_db()
    assert application.status == "awaiting_endorsement"
    page = client.get(response["Location"]).content.decode()
    assert "Waiting for your worker" in page
    to_worker = next(m for m in mail.outbox if m.to == ["pat@example.org"])
    assert re.search(r"/grant-applications/endorse/\S+/", to_worker.body)


def test_answers_are_saved_as_they_go_and_can_be_finished_later(client, home, young, category):
    client.force_login(young)
    application = start(client)
    fill(client, application, category, up_to="what_for")
    response = client.post(
        f"/grant-applications/application/{application.uuid}/amount/",
        {"amount": "90", "later": "1"},
    )
    assert response["Location"] == "/grant-applications/"
    other_device = type(client)()
    other_device.force_login(young)
    page = other_device.get(
        f"/grant-applications/application/{application.uuid}/amount/"
    ).content.decode()
    assert 'value="90.00"' in page
    check = other_device.get(
        f"/grant-applications/application/{application.uuid}/check/"
    ).content.decode()
    assert "Tell us how it will help you" in check and "Send application" not in check
    assert client.post("/grant-applications/apply/")["Location"].endswith(
        f"{application.uuid}/date_of_birth/"
    )  # carries on the draft


@pytest.mark.parametrize(
    ("step", "data", "message"),
    [
        ("amount", {"amount": "lots"}, "Enter an amount in pounds, like 10 or 7.50"),
        ("amount", {"amount": "Infinity"}, "Enter an amount in pounds, like 10 or 7.50"),
        ("amount", {"amount": "1e3"}, "Enter an amount in pounds, like 10 or 7.50"),
        ("amount", {"amount": "1,00,0"}, "Put commas only between groups of three digits"),
        ("amount", {"amount": "£ 5"}, "Enter the amount without a space after the £ sign"),
        ("amount", {"amount": "\u0665\u0660"}, "Enter the amount using the digits 0 to 9"),
        ("amount", {"amount": "9" * 40}, "Enter an amount of no more than 12 characters"),
        (
            "amount",
            {"amount": "900"},
            "The most we can give for setting up home is £500. You can ask for less.",
        ),
        ("worker", {"worker_name": "Pat", "worker_email": ""}, "Enter your worker&#x27;s email"),
        (
            "date_of_birth",
            {"date_of_birth_day": "31", "date_of_birth_month": "2", "date_of_birth_year": "2006"},
            "Your date of birth must be a real date",
        ),
        ("in_care", {}, "Tell us whether you have been in care"),
    ],
)
def test_bad_answers_get_a_friendly_message_and_keep_what_was_typed(
    client, home, young, category, step, data, message
):
    client.force_login(young)
    application = start(client)
    fill(client, application, category, up_to="category")
    html = client.post(
        f"/grant-applications/application/{application.uuid}/{step}/", data
    ).content.decode()
    assert message in html
    for value in data.values():
        if value and value != "yes":
            assert f'value="{value}"' in html


def test_someone_not_eligible_is_told_why_on_the_first_question(client, home, young, category):
    client.force_login(young)
    application = start(client)
    html = client.post(
        f"/grant-applications/application/{application.uuid}/date_of_birth/",
        {"date_of_birth": "1990-01-01"},
    ).content.decode()
    assert "We're sorry." in html and "up to the age of 25" in html  # told on that page
    client.post(
        f"/grant-applications/application/{application.uuid}/date_of_birth/",
        {"date_of_birth": "2005-01-01"},
    )
    html = client.post(
        f"/grant-applications/application/{application.uuid}/in_care/",
        {"care_experienced": "no"},
    ).content.decode()
    assert "We're sorry." in html and "are or have been in the council&#x27;s care" in html
    with pytest.raises(ValidationError):
        services.application_submit(application=application, by=young)


def test_applicants_see_only_their_own(client, home, young, category):
    client.force_login(young)
    application = start(client)
    client.force_login(UserFactory(kind="young_person", directorate=""))
    for url in [
        f"/grant-applications/application/{application.uuid}/",
        f"/grant-applications/application/{application.uuid}/check/",
        f"/grant-applications/application/{application.uuid}/amount/",
    ]:
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("start_status", list(Application.Status))
@pytest.mark.parametrize("to", list(Application.Status))
def test_every_transition_allowed_or_refused_by_the_table(young, start_status, to):
    application = Application.objects.create(applicant=young, status=start_status)
    if to in Application.TRANSITIONS[start_status]:
        states.move(application, to, by=young, event="changed")
        assert application.status_changes.get().to_status == to
    else:
        with pytest.raises(ValidationError):
            states.move(application, to, by=young, event="changed")
        assert not application.status_changes.exists()


def test_every_status_has_plain_words_for_the_applicant():
    for status in Application.Status:
        heading, next_step = Application.PLAIN[status]
        assert heading and next_step


def test_every_question_page_has_a_back_link_and_asks_one_thing(client, home, young, category):
    client.force_login(young)
    application = start(client)
    base = f"/grant-applications/application/{application.uuid}/"
    steps = Application.STEPS
    for position, step in enumerate(steps):
        html = client.get(base + ("check/" if step == "check" else f"{step}/")).content.decode()
        back = re.search(r'<a href="([^"]+)" class="govuk-back-link">Back</a>', html)
        assert back, step
        expected = "/grant-applications/" if position == 0 else base + f"{steps[position - 1]}/"
        assert back.group(1) == expected, step
        if step != "check":
            # a date's Day, Month and Year boxes are one question
            questions = len(re.findall(r'class="govuk-form-group', html)) - html.count(
                "govuk-date-input__item"
            )
            assert questions == (2 if step == "worker" else 1), step  # name and email together
    changing = client.get(base + "amount/?from=check").content.decode()
    assert f'<a href="{base}check/" class="govuk-back-link">Back</a>' in changing
    date_page = client.get(base + "date_of_birth/").content.decode()
    assert "What is your date of birth?" in date_page and "care_experienced" not in date_page
    assert "Question 1 of 9" in date_page
