from django import forms

from volunteers.models import Volunteer


class ApplicationForm(forms.Form):
    route = forms.ChoiceField(
        label="How would you like to give time?",
        choices=Volunteer.Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you would like to give time"},
    )
    interests = forms.CharField(
        label="What do you enjoy doing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="For example football, cooking, music, coding. It helps us find a good match.",
        error_messages={"required": "Tell us a little about what you enjoy"},
    )
    availability = forms.CharField(
        label="When could you give time?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        help_text="For example Tuesday evenings, or one Saturday a month.",
        error_messages={"required": "Tell us when you could give time"},
    )
    area = forms.CharField(
        label="Where do you live or work?",
        max_length=100,
        help_text="A town or area is enough.",
        error_messages={"required": "Tell us the town or area"},
    )
    experience = forms.CharField(
        label="Any experience with young people (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    volunteering_in_paid_time = forms.BooleanField(
        label="I will volunteer in my paid working time (volunteering leave)",
        required=False,
        help_text="HR needs to know for your DBS application.",
    )
    referee_1_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your first referee's name"},
    )
    referee_1_email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your first referee's email address",
            "invalid": "Enter your first referee's email address in the correct format, like name@example.org",
        },
    )
    referee_1_relationship = forms.CharField(
        label="How do they know you?",
        max_length=150,
        help_text="For example line manager.",
        error_messages={"required": "Say how your first referee knows you"},
    )
    referee_2_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your second referee's name"},
    )
    referee_2_email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter your second referee's email address",
            "invalid": "Enter your second referee's email address in the correct format, like name@example.org",
        },
    )
    referee_2_relationship = forms.CharField(
        label="How do they know you?",
        max_length=150,
        error_messages={"required": "Say how your second referee knows you"},
    )
    consent_to_checks = forms.BooleanField(
        label="I agree to an enhanced DBS check, references and an interview",
        error_messages={
            "required": "You need to agree to the checks to volunteer with young people"
        },
    )
    consent_to_data = forms.BooleanField(
        label="I agree that No Limits keeps these details to run the scheme, as the privacy notice says",
        error_messages={"required": "You need to agree to us keeping your details"},
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("referee_1_email")
            and data.get("referee_1_email", "").lower()
            == (data.get("referee_2_email") or "").lower()
        ):
            self.add_error("referee_2_email", "Give two different referees")
        return data

    def referees(self) -> list[dict]:
        d = self.cleaned_data
        return [
            {
                "name": d[f"referee_{i}_name"],
                "email": d[f"referee_{i}_email"],
                "relationship": d[f"referee_{i}_relationship"],
            }
            for i in (1, 2)
        ]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why are you stopping? (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
