"""The one parser for pounds typed by people, and the one formatter."""

from django import forms

import pytest

from nolimits.money import parse_pounds, pounds

ACCEPTED = [
    ("10", 1000),
    ("£10", 1000),
    ("  7.50 ", 750),
    ("7.5", 750),
    ("0.01", 1),
    ("1,000", 100_000),
    ("£1,234.56", 123_456),
    ("1,234,567", 123_456_700),
    ("10000000", 1_000_000_000),
]


@pytest.mark.parametrize(("text", "pence"), ACCEPTED)
def test_amounts_people_type_are_read_as_pence(text, pence):
    assert parse_pounds(text) == pence


REFUSED = [
    ("", "Enter an amount"),
    ("   ", "Enter an amount"),
    (None, "Enter an amount"),
    ("Infinity", "Enter an amount in pounds, like 10 or 7.50"),
    ("-Infinity", "Enter an amount more than £0"),
    ("inf", "Enter an amount in pounds, like 10 or 7.50"),
    ("NaN", "Enter an amount in pounds, like 10 or 7.50"),
    ("sNaN", "Enter an amount in pounds, like 10 or 7.50"),
    ("1e3", "Enter an amount in pounds, like 10 or 7.50"),
    ("1E3", "Enter an amount in pounds, like 10 or 7.50"),
    ("0x10", "Enter an amount in pounds, like 10 or 7.50"),
    ("1_000", "Enter an amount in pounds, like 10 or 7.50"),
    ("1,00,0", "Put commas only between groups of three digits, like 1,000"),
    ("1,0000", "Put commas only between groups of three digits, like 1,000"),
    (",100", "Put commas only between groups of three digits, like 1,000"),
    ("£ 5", "Enter the amount without a space after the £ sign, like £10"),
    ("5 £", "Enter the amount in pounds using numbers only"),
    ("10 pounds", "Enter an amount in pounds, like 10 or 7.50"),
    ("7.505", "Enter pence as two digits at most, like 7.50"),
    (".50", "Enter an amount in pounds, like 10 or 7.50"),
    ("10.", "Enter an amount in pounds, like 10 or 7.50"),
    ("1.2.3", "Enter an amount in pounds, like 10 or 7.50"),
    ("0", "Enter an amount more than £0"),
    ("0.00", "Enter an amount more than £0"),
    ("-5", "Enter an amount more than £0"),
    ("+5", "Enter an amount in pounds, like 10 or 7.50"),
    ("\u0661\u0660", "Enter the amount using the digits 0 to 9"),  # Arabic-Indic 10
    ("\uff11\uff10", "Enter the amount using the digits 0 to 9"),  # full-width 10
    ("\u0967\u0966.\u0965\u0966", "Enter the amount using the digits 0 to 9"),  # Devanagari
    ("\uffe110", "Enter the amount in pounds using numbers only"),  # full-width pound sign
    ("1\u00a0000", "Enter the amount in pounds using numbers only"),  # no-break space
    ("9" * 13, "Enter an amount of no more than 12 characters"),
    ("9" * 5000, "Enter an amount of no more than 12 characters"),
    ("99999999999", "Enter an amount of £10,000,000 or less"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_anything_else_gets_a_plain_message_never_an_exception(text, message):
    with pytest.raises(forms.ValidationError) as caught:
        parse_pounds(text)
    assert caught.value.messages[0].startswith(message)


def test_the_formatter():
    assert [pounds(p) for p in (1000, 750, 123_456, 1)] == ["£10", "£7.50", "£1,234.56", "£0.01"]


def test_one_formatter_for_people_and_for_finance_and_one_filter_that_uses_it():
    from django.template import Context, Template

    assert [pounds(p, exact=True) for p in (1000, 750, -500, 123_456)] == [
        "£10.00",
        "£7.50",
        "-£5.00",
        "£1,234.56",
    ]
    assert pounds(-500) == "-£5"
    rendered = Template(
        '{% load nolimits_tags %}{{ a|money }} {{ b|money }} {{ a|money:"exact" }} [{{ c|money }}]'
    ).render(Context({"a": 1000, "b": -750, "c": None}))
    assert rendered == "£10 -£7.50 £10.00 []"
