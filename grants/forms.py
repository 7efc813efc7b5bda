from django import forms

from grants.models import Category
from nolimits.forms import GovukForm, date_field
from nolimits.money import parse_pounds


class DateOfBirthForm(forms.Form):
    date_of_birth = date_field(
        "What is your date of birth?", "Enter your date of birth", past=True, autocomplete="bday"
    )


class InCareForm(forms.Form):
    care_experienced = forms.TypedChoiceField(
        label="Are you, or have you been, in the council's care?",
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        help_text="This includes foster care, children's homes and living with family under a care order.",
        error_messages={"required": "Tell us whether you have been in care"},
    )


class CategoryForm(forms.Form):
    category = forms.ModelChoiceField(
        label="What kind of thing is it for?",
        queryset=Category.objects.filter(active=True),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose what kind of thing it is for"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].label_from_instance = lambda c: f"{c.name} (up to {c.max_amount})"


class WhatForForm(forms.Form):
    what_for = forms.CharField(
        label="What do you need the money for?",
        max_length=200,
        help_text="For example: a bed and bedding for my first flat.",
        error_messages={"required": "Tell us what the money is for"},
    )


class AmountForm(forms.Form):
    amount = forms.CharField(
        label="How much do you need, in pounds?",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={"required": "Tell us how much you need"},
    )

    def __init__(self, *args, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category = category
        if category:
            self.fields[
                "amount"
            ].help_text = (
                f"The most we can give for {category.name.lower()} is {category.max_amount}."
            )

    def clean_amount(self):
        pence = parse_pounds(self.cleaned_data["amount"])  # its messages say what to type
        if self.category and pence > self.category.max_amount_pence:
            raise forms.ValidationError(
                f"The most we can give for {self.category.name.lower()} is {self.category.max_amount}. You can ask for less."
            )
        return pence


class HowItHelpsForm(forms.Form):
    how_it_helps = forms.CharField(
        label="How will it help you?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few sentences is fine. There are no wrong answers.",
        error_messages={"required": "Tell us how it will help you"},
    )


class QuotesForm(forms.Form):
    quotes_and_links = forms.CharField(
        label="Prices or links (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where you found it and what it costs, if you know. Leave it blank if not.",
    )


class WorkerForm(forms.Form):
    worker_name = forms.CharField(
        label="Your worker's name",
        max_length=150,
        help_text="Your personal adviser, social worker or keyworker.",
        error_messages={"required": "Enter your worker's name"},
    )
    worker_email = forms.EmailField(
        label="Your worker's email",
        error_messages={
            "required": "Enter your worker's email",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )


# One question per page, in order: (form, the page's title).
STEP_FORMS = {
    "date_of_birth": (DateOfBirthForm, "Your date of birth"),
    "in_care": (InCareForm, "Being in care"),
    "category": (CategoryForm, "What it is for"),
    "what_for": (WhatForForm, "What you need"),
    "amount": (AmountForm, "How much"),
    "how_it_helps": (HowItHelpsForm, "How it will help"),
    "quotes": (QuotesForm, "Prices or links"),
    "worker": (WorkerForm, "Your worker"),
}


class EndorsementForm(GovukForm):
    errors_belong_to = "endorsed"

    endorsed = forms.TypedChoiceField(
        label="Do you support this application?",
        widget=forms.RadioSelect,
        coerce=lambda v: v == "yes",
        choices=[("yes", "Yes, I support it"), ("no", "No, I do not support it")],
        error_messages={"required": "Say whether you support the application"},
    )
    care_experienced_confirmed = forms.BooleanField(
        label="I confirm this young person is care experienced", required=False
    )
    comment = forms.CharField(
        label="Comment for the panel (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("endorsed") and not data.get("care_experienced_confirmed"):
            self.add_error(
                "care_experienced_confirmed",
                "To support the application, confirm the young person is care experienced",
            )
        return data
