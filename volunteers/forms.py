from django import forms

from nolimits.forms import DateTimeField, GovukForm, date_field
from nolimits.money import parse_pounds
from volunteers import extensions
from volunteers.models import Volunteer


class ApplicationForm(GovukForm):
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


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why are you stopping? (optional)",
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SessionForm(GovukForm):
    error_keywords = {"date": "date", "young person": "with_whom", "match": "with_whom"}

    with_whom = forms.TypedChoiceField(
        label="Who with", required=False, coerce=int, empty_value=None
    )
    date = date_field("Date", "Enter the date of the session", not_future=True)
    minutes = forms.IntegerField(
        label="How long, in minutes",
        min_value=5,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how long the session was, in minutes",
            "invalid": "Enter a whole number of minutes, like 90",
            "min_value": "Enter at least 5 minutes",
            "max_value": "Enter at most 1440 minutes (24 hours)",
        },
    )
    what_happened = forms.CharField(
        label="What did you do?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A sentence or two. Do not write anything private about the young person.",
        error_messages={"required": "Say what you did"},
    )

    def __init__(self, *args, volunteer=None, others=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Whom else the time could be with: the apps above offer them (volunteers/extensions.py),
        # or the caller has them already (`others`, from session_with_offered).
        if others is None:
            others = session_with_offered(volunteer) if volunteer else []
        if others:
            self.fields["with_whom"].choices = [
                ("", "Not with a young person (for example training)")
            ] + others
        else:
            del self.fields["with_whom"]


def session_with_offered(volunteer) -> list[tuple[object, str]]:
    """Whom else a volunteer's session could be with, as the apps above offer them."""
    return [choice for offer in extensions.session_with for choice in offer(volunteer)]


class ExpenseForm(GovukForm):
    def field_for_error(self, error) -> str | None:
        """A limit (per claim, per month) is about the miles or the amount typed."""
        words = " ".join(getattr(error, "messages", [str(error)])).lower()
        if "receipt" in words or "file" in words:
            return "receipt"
        return "miles" if self.data.get("kind") == "mileage" else "amount"

    kind = forms.ChoiceField(
        label="What are you claiming for?",
        choices=[("mileage", "Mileage"), ("other", "Other costs (with a receipt)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you are claiming for"},
    )
    description = forms.CharField(
        label="Describe the cost",
        max_length=200,
        help_text="For example: drive to the football ground and back.",
        error_messages={"required": "Describe the cost"},
    )
    miles = forms.DecimalField(
        label="Miles driven (for mileage)",
        required=False,
        max_digits=6,
        decimal_places=1,
        min_value=0.1,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the miles as a number, like 12.5",
            "min_value": "Enter at least 0.1 miles",
        },
    )
    amount = forms.CharField(
        label="Amount spent, in pounds (for other costs)",
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
    )
    receipt = forms.FileField(
        label="Receipt (for other costs)",
        required=False,
        help_text="A photo (JPG or PNG) or a PDF, smaller than 5 MB.",
    )

    def clean_amount(self):
        value = self.cleaned_data.get("amount", "")
        if self.data.get("kind") != "other":
            return None
        return parse_pounds(value)


class SupervisionForm(GovukForm):
    errors_belong_to = "held_on"

    held_on = date_field(
        "Date of the conversation", "Enter the date of the conversation", not_future=True
    )
    notes = forms.CharField(
        label="What you talked about",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write a short note of what you talked about"},
    )
    follow_up = forms.CharField(
        label="Anything to follow up (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class OpportunityForm(GovukForm):
    title = forms.CharField(
        label="What is it called?",
        max_length=120,
        help_text="For example: Saturday parkrun, or a visit to the fire station.",
        error_messages={"required": "Give the activity a name"},
    )
    description = forms.CharField(
        label="What happens?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what happens"},
    )
    location = forms.CharField(
        label="Where?", max_length=200, error_messages={"required": "Say where it is"}
    )
    starts_at = DateTimeField(
        label="When does it start?",
        name="The start",
        required_message="Enter the date and time it starts",
        future=True,
    )
    places = forms.IntegerField(
        label="How many young people can come?",
        min_value=1,
        max_value=50,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Say how many places there are",
            "invalid": "Enter the number of places as a whole number, like 8",
            "min_value": "There must be at least 1 place",
            "max_value": "There can be up to 50 places",
        },
    )
    min_age = forms.IntegerField(
        label="Youngest age",
        min_value=11,
        max_value=25,
        initial=11,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the youngest age",
            "invalid": "Enter the youngest age as a whole number, like 14",
            "min_value": "The youngest age must be 11 or over",
            "max_value": "The youngest age must be 25 or under",
        },
    )
    max_age = forms.IntegerField(
        label="Oldest age",
        min_value=11,
        max_value=25,
        initial=25,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "required": "Enter the oldest age",
            "invalid": "Enter the oldest age as a whole number, like 14",
            "min_value": "The oldest age must be 11 or over",
            "max_value": "The oldest age must be 25 or under",
        },
    )
    what_to_bring = forms.CharField(
        label="What to bring (optional)", required=False, max_length=300
    )
    lead_adult = forms.CharField(
        label="Lead adult (needed until you are cleared for one-to-one time)",
        required=False,
        max_length=150,
        help_text="The name of the person who runs the group and supervises it, for example the club coach.",
    )

    def clean(self):
        data = super().clean()
        if data.get("min_age") and data.get("max_age") and data["min_age"] > data["max_age"]:
            self.add_error("max_age", "The oldest age must be at least the youngest age")
        return data


class BookingForm(GovukForm):
    young_person_first_name = forms.CharField(
        label="Young person's first name",
        max_length=50,
        error_messages={"required": "Enter the young person's first name"},
    )
    young_person_age = forms.IntegerField(
        label="Their age",
        min_value=5,
        max_value=30,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": "Enter their age", "invalid": "Enter their age as a number"},
    )
    booker_name = forms.CharField(
        label="Your name",
        max_length=150,
        help_text="The young person, or their worker or carer.",
        error_messages={"required": "Enter your name"},
    )
    booker_email = forms.EmailField(
        label="Your email",
        help_text="We send a reminder the day before.",
        error_messages={
            "required": "Enter your email",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    notes = forms.CharField(
        label="Anything the organiser should know (optional)", required=False, max_length=500
    )


class ReferenceAnswerForm(forms.Form):
    """A referee's answer, through their signed, single-use link. No account is needed."""

    known_for = forms.CharField(
        label="How do you know them, and for how long?",
        max_length=300,
        help_text="For example: I have managed them for three years.",
        error_messages={"required": "Say how you know them and for how long"},
    )
    suitable = forms.TypedChoiceField(
        label="Would you trust them to spend time with a child or young person on their own?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )
    concerns = forms.CharField(
        label="Do you have any concerns about them working with children or young people?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Leave this empty if you have none. A coordinator will read anything you write.",
    )
    comments = forms.CharField(
        label="Anything else we should know (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
