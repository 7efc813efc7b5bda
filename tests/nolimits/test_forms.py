"""The shared GOV.UK form parts: the date input, plain wording, error summary links, titles."""

import datetime as dt
import re

from django import forms
from django.template import Context, Template
from django.utils import timezone

import pytest
import time_machine

from nolimits.forms import DateField, DateTimeField, GovukForm, date_field
from nolimits.templatetags.nolimits_tags import error_target, form_errors

TODAY = dt.date(2026, 11, 22)


class BirthForm(GovukForm):
    born = date_field("Date of birth", "Enter your date of birth", past=True)
    kind = forms.ChoiceField(
        label="Which of these describes you?",
        choices=[("a", "A"), ("b", "B")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select which of these describes you"},
    )
    age = forms.IntegerField(label="Oldest age", min_value=11, max_value=25, required=False)
    note = forms.CharField(label="What do you enjoy?", max_length=5, required=False)
    errors_belong_to = "age"


def boxes(day="", month="", year="", **extra):
    return {"born_day": day, "born_month": month, "born_year": year, "kind": "a", **extra}


@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC))
@pytest.mark.parametrize(
    ("typed", "message", "first_box"),
    [
        (boxes(), "Enter your date of birth", "day"),
        (boxes("3", "", "2007"), "Your date of birth must include a month", "month"),
        (boxes("", "", "2007"), "Your date of birth must include a day and month", "day"),
        (boxes("31", "2", "2007"), "Your date of birth must be a real date", "day"),
        (boxes("3", "13", "2007"), "Your date of birth must be a real date", "month"),
        (boxes("3", "x", "2007"), "Your date of birth must be a real date", "month"),
        (boxes("3", "4", "07"), "Year must include 4 numbers", "year"),
        (boxes("9" * 30, "4", "2007"), "Your date of birth must be a real date", "day"),
        (boxes("3", "9" * 30, "2007"), "Your date of birth must be a real date", "month"),
        (boxes("²", "4", "2007"), "Your date of birth must be a real date", "day"),
        (
            boxes("3", "4", "0002"),
            "Your date of birth must be the same as or after 1 January 1900",
            "day",
        ),
        (boxes("23", "11", "2026"), "Your date of birth must be in the past", "day"),
    ],
)
def test_a_date_gets_a_specific_message_and_the_summary_links_to_the_box_in_error(
    typed, message, first_box
):
    form = BirthForm(typed)
    assert not form.is_valid()
    assert form.errors["born"] == [message]
    assert (message, f"#id_born_{first_box}") in form_errors(form)


@time_machine.travel(dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC))
def test_a_date_cleans_to_a_date_month_names_and_iso_too():
    assert BirthForm(boxes(" 3 ", "4", "2007")).is_valid()
    form = BirthForm(boxes("3", "April", "2007"))
    assert form.is_valid() and form.cleaned_data["born"] == dt.date(2007, 4, 3)
    form = BirthForm({"born": "2007-04-03", "kind": "a"})  # one ISO value, as a script posts
    assert form.is_valid() and form.cleaned_data["born"] == dt.date(2007, 4, 3)


def test_what_was_typed_is_kept_box_by_box():
    form = BirthForm(boxes("31", "feb", "2O07"))
    assert not form.is_valid()
    html = Template('{% include "components/field.html" with field=form.born %}').render(
        Context({"form": form})
    )
    for value in ('value="31"', 'value="feb"', 'value="2O07"'):
        assert value in html
    assert html.count("govuk-input--error") == 1  # only the year is wrong
    assert 'role="group"' in html and 'aria-describedby="id_born-hint id_born-error"' in html


def test_a_date_shows_the_saved_date_when_the_page_is_not_sent():
    form = BirthForm(initial={"born": dt.date(2007, 4, 3)})
    html = Template('{% include "components/field.html" with field=form.born %}').render(
        Context({"form": form})
    )
    assert 'value="3"' in html and 'value="4"' in html and 'value="2007"' in html


def test_a_date_and_time_cleans_to_an_aware_datetime():
    class When(GovukForm):
        at = DateTimeField(label="When?", name="The start", required_message="Enter the start")

    form = When(
        {"at_day": "3", "at_month": "4", "at_year": "2027", "at_hour": "14", "at_minute": "30"}
    )
    assert form.is_valid()
    assert timezone.localtime(form.cleaned_data["at"]).replace(tzinfo=None) == dt.datetime(
        2027, 4, 3, 14, 30
    )
    form = When(
        {"at_day": "3", "at_month": "4", "at_year": "2027", "at_hour": "25", "at_minute": "0"}
    )
    assert form.errors["at"] == ["The start must be a real time, like 14 30"]
    assert error_target(form["at"]) == "#id_at_hour"
    form = When({"at_day": "3", "at_month": "4", "at_year": "2027"})
    assert form.errors["at"] == ["The start must include an hour and a minute"]
    assert When({"at": "2027-04-03T14:30"}).is_valid()


def test_radios_link_to_their_first_input_and_django_wording_never_shows():
    form = BirthForm(boxes("3", "4", "2007", kind="", age="40", note="far too long"))
    assert not form.is_valid()
    errors = dict((m, t) for m, t in form_errors(form))
    assert errors["Select which of these describes you"] == "#id_kind_0"
    assert errors["Oldest age must be 25 or under"] == "#id_age"
    assert errors["Your answer to ‘What do you enjoy?’ must be 5 characters or fewer"] == "#id_note"
    assert not any(m.startswith(("Ensure", "This field")) for m in errors)


def test_an_error_that_is_not_about_one_field_is_shown_beside_the_field_it_concerns():
    form = BirthForm(boxes("3", "4", "2007"))
    assert form.is_valid()
    form.add_error(None, "The monthly limit is £50")
    assert form.non_field_errors() == []
    assert form.errors["age"] == ["The monthly limit is £50"]


def test_a_required_date_field_needs_a_required_message():
    with pytest.raises(TypeError):
        DateField(label="Date")  # every date says what to do when it is empty


@pytest.mark.django_db
def test_the_title_says_error_only_when_a_form_came_back_with_errors(client, home):
    html = client.get("/volunteer/refer/").content.decode()
    assert re.search(r"<title>Refer", html)
    html = client.post("/volunteer/refer/", {"first_name": "Jo"}).content.decode()
    assert re.search(r"<title>Error: Refer a young person", html)
    assert 'value="Jo"' in html


def test_a_message_the_form_sets_is_kept_even_when_it_starts_like_djangos():
    class Minutes(GovukForm):
        minutes = forms.IntegerField(
            label="How long, in minutes",
            error_messages={"invalid": "Enter a whole number of minutes, like 90"},
        )

    assert form_errors(Minutes({"minutes": "ninety"})) == [
        ("Enter a whole number of minutes, like 90", "#id_minutes")
    ]
    assert form_errors(Minutes({"minutes": ""})) == [("Enter how long, in minutes", "#id_minutes")]


def test_a_date_and_time_shows_a_saved_time_in_london():
    class When(GovukForm):
        at = DateTimeField(label="When?", name="The start", required_message="Enter the start")

    saved = dt.datetime(2027, 7, 3, 13, 5, tzinfo=dt.UTC)  # 14:05 in London (summer time)
    form = When(initial={"at": saved})
    assert [form["at"].value()[p] for p in DateTimeField.parts] == ["3", "7", "2027", "14", "05"]
