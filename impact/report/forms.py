"""The period a programme lead picks for the board report."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from impact.periods import ALL_TIME_START, Period, add_months
from nolimits.forms import ADMIN_DATE_HINT, DateField, GovukForm

# The scheme launched in July 2023 (seed 004, §36d): the first tax year it could report on.
FIRST_TAX_YEAR = 2023
LONGEST_YEARS = 5  # a longer period's month-by-month charts would not fit a page


class PeriodForm(GovukForm):
    period = forms.ChoiceField(
        label="Which period should the report cover?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the period the report covers"},
    )
    tax_year = forms.ChoiceField(
        label="Tax year (if you chose a tax year)",
        required=False,
        error_messages={"invalid_choice": "Select a tax year from the list"},
    )
    start = DateField(
        label="First day (if you chose other dates)",
        required=False,
        required_message="Enter the first day of the period",
        name="The first day",
        earliest=ALL_TIME_START,
        not_future=True,
        help_text=ADMIN_DATE_HINT,
    )
    end = DateField(
        label="Last day (if you chose other dates)",
        required=False,
        required_message="Enter the last day of the period",
        name="The last day",
        earliest=ALL_TIME_START,
        help_text=ADMIN_DATE_HINT,
    )

    def __init__(self, *args, today: dt.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.this = Period.reporting_period_containing(self.today)
        self.last = self.this.previous()
        self.fields["period"].choices = [
            ("this", f"This reporting period ({self.this}, so far)"),
            ("last", f"The last reporting period ({self.last})"),
            ("tax_year", "A tax year"),
            ("dates", "Other dates"),
        ]
        latest = Period.tax_year_containing(self.today).start.year
        self.fields["tax_year"].choices = [("", "Choose a tax year")] + [
            (str(year), str(Period.tax_year(year)))
            for year in range(latest, FIRST_TAX_YEAR - 1, -1)
        ]

    def clean(self):
        data = super().clean()
        chosen = data.get("period")
        # Boxes for a choice not taken are ignored, whatever they hold.
        unused = {
            "tax_year": chosen != "tax_year",
            "start": chosen != "dates",
            "end": chosen != "dates",
        }
        for name, ignored in unused.items():
            if ignored and chosen:
                self._errors.pop(name, None)
                data.pop(name, None)
        if chosen == "tax_year" and not data.get("tax_year") and "tax_year" not in self.errors:
            self.add_error("tax_year", "Select the tax year the report covers")
        if chosen == "dates":
            start, end = data.get("start"), data.get("end")
            for name in ("start", "end"):
                if not data.get(name) and name not in self.errors:
                    self.fields[name].error_parts = list(self.fields[name].parts)
                    self.add_error(name, self.fields[name].error_messages["required"])
            if start and end and end < start:
                self.add_error("end", "The last day must be the same as or after the first day")
            elif start and end and end >= add_months(start, 12 * LONGEST_YEARS):
                self.add_error("end", f"The period must be {LONGEST_YEARS} years or shorter")
        return data

    def chosen_period(self) -> Period:
        data = self.cleaned_data
        if data["period"] == "this":
            return Period.between(
                self.this.start, self.today, f"{self.this} (to {self.today:%-d %B %Y})"
            )
        if data["period"] == "last":
            return self.last
        if data["period"] == "tax_year":
            return Period.tax_year(int(data["tax_year"]))
        return Period.between(data["start"], data["end"])
