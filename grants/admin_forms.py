"""Money in the Wagtail admin: editors and chairs type and read pounds; models store pence."""


from wagtail.admin.forms import WagtailAdminModelForm

from nolimits.forms import ADMIN_DATE_HINT, PoundsField, date_field


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
