"""What a person types into a GOV.UK date input (nolimits.forms.DateField and MonthField)."""

import datetime as dt


def date_boxes(name: str, day="", month="", year="") -> dict[str, str]:
    """``date_boxes("paid_on", some_date)`` or ``date_boxes("paid_on", "31", "2", "2026")``: the
    Day, Month and Year boxes of the field ``name`` as a browser posts them."""
    if isinstance(day, dt.date):
        day, month, year = day.day, day.month, day.year
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}


def month_boxes(name: str, month="", year="") -> dict[str, str]:
    """The Month and Year boxes of a month field (``month_boxes("month", dt.date(2026, 11, 1))``)."""
    if isinstance(month, dt.date):
        month, year = month.month, month.year
    return {f"{name}_month": str(month), f"{name}_year": str(year)}


def fill_date(scope, legend: str, day: dt.date) -> None:
    """In a browser test: type ``day`` into the Day, Month and Year boxes of the date input whose
    legend is ``legend`` (``scope`` is a Playwright page or locator)."""
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
