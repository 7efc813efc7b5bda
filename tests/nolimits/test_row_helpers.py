"""Helpers that long lists use once a row instead of Django's slower general ones (issue 17):
each checked against the Django feature it stands in for."""

import datetime as dt
import random
import uuid
import zoneinfo

from django.template import engines
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from nolimits.links import url_for_each


def test_url_for_each_writes_what_reverse_writes():
    receipt = url_for_each("pledges:receipt", uuid.UUID(int=0))
    claim = url_for_each("volunteers:claim", 987654321)
    for _ in range(200):
        gift = uuid.uuid4()
        assert receipt(gift) == reverse("pledges:receipt", args=[gift])
        session = random.randint(1, 10**9)
        assert claim(session) == reverse("volunteers:claim", args=[session])


def test_url_for_each_refuses_an_example_the_address_holds_twice(monkeypatch):
    # Were the example written twice (an address holding the same digits elsewhere), which one
    # is the argument could not be told: refused, not guessed.
    monkeypatch.setattr("nolimits.links.reverse", lambda name, args: "/year/1/gift/1/")
    with pytest.raises(ValueError):
        url_for_each("pledges:statement", 1)


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load nolimits_tags %}" + source).render(context)


def moments():
    london = zoneinfo.ZoneInfo("Europe/London")
    days = [
        dt.date(2026, 3, 29),
        dt.date(2026, 10, 25),
        dt.date(1999, 12, 31),
        dt.date(2028, 2, 29),
    ]
    for day in days:
        for hour in (0, 0.5, 1, 1.5, 2, 23, 23.99):
            naive = dt.datetime.combine(day, dt.time()) + dt.timedelta(hours=hour)
            yield naive.replace(tzinfo=dt.UTC)
            yield naive.replace(tzinfo=london)
    start = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    for _ in range(500):
        yield start + dt.timedelta(seconds=random.randint(0, 10 * 365 * 86400))


@pytest.mark.parametrize("language", ["en-gb", "en"])
def test_short_date_writes_what_the_date_filter_writes(language):
    with translation.override(language):
        for moment in moments():
            assert render("{{ d|short_date }}", d=moment) == render(
                '{{ d|date:"j M Y" }}', d=moment
            )
            day = timezone.localtime(moment).date()
            assert render("{{ d|short_date }}", d=day) == render('{{ d|date:"j M Y" }}', d=day)
    for nothing in (None, "", 0, "2026-01-01"):
        assert render("{{ d|short_date }}", d=nothing) == render('{{ d|date:"j M Y" }}', d=nothing)
