"""Working days skip weekends and UK bank holidays, for the nation the council is in."""

import datetime as dt

from django.test import override_settings

from nolimits.working_days import add_working_days, is_working_day, working_days_between


def test_weekends_and_english_bank_holidays_are_not_working_days():
    assert is_working_day(dt.date(2026, 12, 24))  # Christmas Eve, a Thursday
    for day in [
        dt.date(2026, 12, 25),  # Christmas Day
        dt.date(2026, 12, 26),  # Boxing Day, a Saturday
        dt.date(2026, 12, 28),  # Boxing Day (substitute), a Monday
        dt.date(2026, 4, 3),  # Good Friday
        dt.date(2026, 4, 6),  # Easter Monday
        dt.date(2026, 8, 31),  # Summer bank holiday
    ]:
        assert not is_working_day(day), day


def test_counting_across_christmas():
    # Wed 23 Dec 2026 -> Wed 30 Dec: 24th, 29th and 30th (25th, 28th holidays; 26-27 weekend).
    assert working_days_between(dt.date(2026, 12, 23), dt.date(2026, 12, 30)) == 3
    assert add_working_days(dt.date(2026, 12, 23), 3) == dt.date(2026, 12, 30)
    assert working_days_between(dt.date(2026, 12, 30), dt.date(2026, 12, 23)) == 0


def test_the_nation_is_a_setting():
    # 2 January is a bank holiday in Scotland, not in England; August's differs too.
    assert is_working_day(dt.date(2026, 1, 2))
    with override_settings(BANK_HOLIDAYS_SUBDIVISION="SCT"):
        assert not is_working_day(dt.date(2026, 1, 2))
        assert not is_working_day(dt.date(2026, 8, 3))
        assert is_working_day(dt.date(2026, 8, 31))
