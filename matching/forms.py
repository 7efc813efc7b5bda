"""Forms for referring a young person (workers, no account)."""

from django import forms
from django.utils import timezone

from nolimits.forms import GovukForm, date_field


class ReferralForm(GovukForm):
    """A worker refers a young person for a volunteer. No account is needed."""

    first_name = forms.CharField(
        label="Young person's first name",
        max_length=50,
        error_messages={"required": "Enter the young person's first name"},
    )
    date_of_birth = date_field(
        "Date of birth", "Enter the young person's date of birth", past=True, autocomplete="bday"
    )
    area = forms.CharField(
        label="Where do they live?",
        max_length=100,
        help_text="A town or area is enough.",
        error_messages={"required": "Enter the town or area they live in"},
    )
    interests = forms.CharField(
        label="What do they enjoy?",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Tell us what they enjoy"},
    )
    availability = forms.CharField(
        label="When are they free?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example Tuesday evenings or weekends.",
        error_messages={"required": "Tell us when they are free"},
    )
    volunteer_preference = forms.ChoiceField(
        label="Would they like a volunteer who is…",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "No preference"), ("woman", "A woman"), ("man", "A man")],
    )
    other_preferences = forms.CharField(
        label="Anything else they would like in a volunteer (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    must_know = forms.CharField(
        label="What must a volunteer know to keep them safe and comfortable? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only what a volunteer needs. A matched volunteer will see this and the first name, nothing else.",
    )
    worker_name = forms.CharField(
        label="Your name", max_length=150, error_messages={"required": "Enter your name"}
    )
    worker_email = forms.EmailField(
        label="Your work email",
        error_messages={
            "required": "Enter your work email",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    worker_phone = forms.CharField(label="Your phone (optional)", required=False, max_length=40)
    consent = forms.BooleanField(
        label="The young person agrees to this referral (and, if they are under 18, their carer or social worker agrees too)",
        error_messages={"required": "The young person must agree to the referral"},
    )
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # a trap for robots

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if born > today:
            raise forms.ValidationError("The date of birth must be in the past")
        if not 11 <= age <= 25:
            raise forms.ValidationError("No Limits volunteers support young people aged 11 to 25")
        return born
