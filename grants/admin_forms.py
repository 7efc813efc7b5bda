"""Money in the Wagtail admin: editors and chairs type and read pounds; models store pence."""

from django import forms

from wagtail.admin.forms import WagtailAdminModelForm

from nolimits.forms import ADMIN_DATE_HINT, date_field
from nolimits.money import parse_pounds, pounds


def pounds_text(pence: int) -> str:
    """The value a pounds box shows: 50000 -> '500', 24999 -> '249.99' (no £, no commas)."""
    return pounds(pence).removeprefix("£").replace(",", "")


class PoundsField(forms.CharField):
    """Shows an amount stored in pence as pounds, and turns what is typed back into pence."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return pounds_text(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_pounds(value)


class CategoryForm(WagtailAdminModelForm):
    max_amount_pence = PoundsField(
        label="Largest grant (£)", help_text="In pounds, like 500 or 249.99."
    )


class RoundForm(WagtailAdminModelForm):
    budget_pence = PoundsField(label="Budget for the round (£)", help_text="In pounds, like 3000.")
    opens_on = date_field("Opens on", "Enter the date the round opens", help_text=ADMIN_DATE_HINT)
    closes_on = date_field(
        "Closes on", "Enter the date the round closes", help_text=ADMIN_DATE_HINT
    )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "The round must close on or after the day it opens")
        return data
