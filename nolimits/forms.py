import datetime as dt

from django import forms
from django.utils import timezone

from nolimits.models import User
from nolimits.money import parse_pounds, pounds


class SignupProfileForm(forms.Form):
    """Extra questions on allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    field_order = ["full_name", "kind", "directorate", "email", "password1", "password2"]

    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={"required": "Enter your full name"},
    )
    kind = forms.ChoiceField(
        label="Which of these describes you?",
        choices=User.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which of these describes you"},
    )
    directorate = forms.ChoiceField(
        label="Directorate (council staff only)",
        choices=[("", "Choose your directorate")] + list(User.Directorate.choices),
        required=False,
    )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Enter your full name")
        return name

    def clean(self):
        data = super().clean()
        if data.get("kind") == User.Kind.STAFF:
            if not data.get("directorate"):
                self.add_error("directorate", "Select your directorate")
        else:
            data["directorate"] = ""
        return data

    def signup(self, request, user):
        """The profile fields are set by AccountAdapter.save_user before the first save."""


# --- GOV.UK form building blocks, shared by every public form ------------------------------------
# How a form uses them is in templates/components/README.md.

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}


class GovukFormMixin:
    """Put every error beside a field, as GOV.UK asks.

    An error that is not about one field (a service's ValidationError added with
    ``add_error(None, ...)``, a wrong password) goes to ``errors_belong_to``, or to the field
    ``field_for_error`` picks. A form whose error really is about nothing on the page (a payment
    provider that cannot be reached) leaves both unset; the error summary then shows it alone.
    """

    errors_belong_to: str | None = None
    error_keywords: dict[str, str] = {}  # a word in the message -> the field it is about

    def field_for_error(self, error) -> str | None:
        words = " ".join(getattr(error, "messages", [str(error)])).lower()
        for keyword, field in self.error_keywords.items():
            if keyword in words:
                return field
        return self.errors_belong_to

    def add_error(self, field, error):
        if field is None and not isinstance(error, dict) and not hasattr(error, "error_dict"):
            target = self.field_for_error(error)
            if target in self.fields:
                field = target
        return super().add_error(field, error)


class GovukForm(GovukFormMixin, forms.Form):
    pass


ADMIN_DATE_HINT = "For example, 27 3 2026"  # a date staff type in the Wagtail admin


def date_field(label: str, required_message: str, **kwargs) -> "DateField":
    """A GOV.UK date input question: ``date_field("Date of birth", "Enter your date of birth",
    past=True, autocomplete="bday")``. Cleans to a ``datetime.date``."""
    return DateField(label=label, required_message=required_message, **kwargs)


def _thing(required_message: str) -> str:
    """What a date is called in its messages: "Enter your date of birth" -> "Your date of birth"."""
    thing = required_message.removeprefix("Enter ").rstrip(".")
    return thing[:1].upper() + thing[1:]


class DateInput(forms.MultiWidget):
    """GOV.UK date input: Day, Month and Year boxes (components/field.html draws them).

    The value that comes back is what was typed, box by box, so a page re-shown with an error
    keeps it exactly."""

    parts = ("day", "month", "year")

    def __init__(self, attrs=None):
        boxes = {part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in self.parts}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None] * len(self.parts)

    def value_from_datadict(self, data, files, name):
        """The three boxes; a single ISO value under the field's own name (2007-03-27, what a
        script or an older page posts) is split into them."""
        single = data.get(name)
        if single and not any(data.get(f"{name}_{part}") for part in self.parts):
            return self.split_iso(str(single))
        return super().value_from_datadict(data, files, name)

    def split_iso(self, text: str) -> list[str]:
        date, _, time = text.strip().partition("T")
        boxes = date.split("-")
        if len(boxes) != 3:
            return [text, "", ""] + [""] * (len(self.parts) - 3)
        year, month, day = boxes
        hour, _, minute = time.partition(":")
        return [day, month, year, hour, minute[:2]][: len(self.parts)]


class DateField(forms.Field):
    """A date typed in three boxes; cleans to a ``datetime.date``.

    Messages follow the GOV.UK date input pattern, naming the date ("Your date of birth must
    include a month", "... must be a real date", "... must be in the past"). ``error_parts``
    names the boxes in error, so the error summary links to the first of them.
    """

    widget = DateInput
    kind = "date"
    parts = DateInput.parts

    def __init__(
        self,
        *,
        required_message: str,
        name: str = "",
        past: bool = False,
        not_future: bool = False,
        earliest: dt.date = dt.date(1900, 1, 1),
        autocomplete: str = "",
        **kwargs,
    ):
        self.autocomplete = autocomplete  # "bday" for a date of birth: bday-day, bday-month, ...
        self.thing = name or _thing(required_message)
        self.past, self.not_future, self.earliest = past, not_future, earliest
        self.error_parts: list[str] = []
        kwargs.setdefault("help_text", "For example, 27 3 2007")
        super().__init__(error_messages={"required": required_message}, **kwargs)

    def prepare_value(self, value):
        """The boxes' values: the date shown, or exactly what was typed."""
        if isinstance(value, dt.date):
            value = [value.day, value.month, value.year]
        if not isinstance(value, (list, tuple)):
            value = [None] * len(self.parts)
        return dict(zip(self.parts, ("" if v is None else str(v) for v in value), strict=False))

    def _fail(self, message: str, parts=()) -> forms.ValidationError:
        self.error_parts = list(parts)
        return forms.ValidationError(message, code="invalid")

    def to_python(self, value):
        self.error_parts = []
        if isinstance(value, dt.date):
            return value
        typed = self.prepare_value(value)
        return self._date(typed["day"], typed["month"], typed["year"])

    def _date(self, day: str, month: str, year: str) -> dt.date | None:
        day, month, year = day.strip(), month.strip(), year.strip()
        boxes = dict(zip(DateInput.parts, (day, month, year), strict=True))
        missing = [p for p, v in boxes.items() if not v]
        if len(missing) == len(boxes):
            return None
        if missing:
            raise self._fail(f"{self.thing} must include a {' and '.join(missing)}", missing)
        boxes["month"] = month = str(MONTHS.get(month.lower(), month))
        wrong = [p for p, v in boxes.items() if not v.isdecimal()]
        if wrong:
            raise self._fail(f"{self.thing} must be a real date", wrong)
        if len(year) != 4:
            raise self._fail("Year must include 4 numbers", ["year"])
        if not 1 <= int(month) <= 12:
            raise self._fail(f"{self.thing} must be a real date", ["month"])
        try:
            return dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise self._fail(f"{self.thing} must be a real date", ["day"]) from None

    def validate(self, value):
        if value in self.empty_values:
            if self.required:
                self.error_parts = list(self.parts)
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return
        today = timezone.localdate()
        if value < self.earliest:
            raise self._fail(f"{self.thing} must be the same as or after {self.earliest:%-d %B %Y}")
        if self.past and value >= today:
            raise self._fail(f"{self.thing} must be in the past")
        if self.not_future and value > today:
            raise self._fail(f"{self.thing} must be today or in the past")


class DateTimeInput(DateInput):
    """A GOV.UK date input followed by Hour and Minute boxes (24-hour clock)."""

    parts = ("day", "month", "year", "hour", "minute")

    def decompress(self, value):
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            return [value.day, value.month, value.year, value.hour, f"{value.minute:02d}"]
        return [None] * len(self.parts)


class DateTimeField(DateField):
    """A date and a time of day in five boxes; cleans to an aware ``datetime``."""

    widget = DateTimeInput
    kind = "datetime"
    parts = DateTimeInput.parts

    def __init__(self, *, future: bool = False, **kwargs):
        self.future = future
        kwargs.setdefault("help_text", "For example, 27 3 2027 at 14 30 for half past two")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.datetime):
            value = self.widget.decompress(value)
        if not isinstance(value, (list, tuple)):
            value = [None] * len(self.parts)
        return dict(zip(self.parts, ("" if v is None else str(v) for v in value), strict=False))

    def to_python(self, value):
        self.error_parts = []
        if isinstance(value, dt.datetime):
            return value
        typed = self.prepare_value(value)
        if not any(typed[p].strip() for p in self.parts):
            return None
        day = self._date(typed["day"], typed["month"], typed["year"])
        if day is None:
            raise self._fail(f"{self.thing} must include a day, month and year", DateInput.parts)
        hour, minute = typed["hour"].strip(), typed["minute"].strip()
        missing = [p for p, v in (("hour", hour), ("minute", minute)) if not v]
        if missing:
            words = {"hour": "an hour", "minute": "a minute"}
            raise self._fail(
                f"{self.thing} must include {' and '.join(words[p] for p in missing)}", missing
            )
        if not (hour.isdecimal() and minute.isdecimal()) or int(hour) > 23 or int(minute) > 59:
            raise self._fail(f"{self.thing} must be a real time, like 14 30", ["hour", "minute"])
        naive = dt.datetime.combine(day, dt.time(int(hour), int(minute)))
        return timezone.make_aware(naive)

    def validate(self, value):
        if value in self.empty_values:
            super().validate(value)
            return
        if self.future and value <= timezone.now():
            raise self._fail(f"{self.thing} must be in the future")


class MonthInput(DateInput):
    """A month and a year in two boxes (a payroll month), the date input's pattern without the
    day."""

    parts = ("month", "year")

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.month, value.year]
        return [None] * len(self.parts)

    def split_iso(self, text: str) -> list[str]:
        """``2026-11`` (what a month input, a link or a script sends) -> month, year."""
        year, _, month = text.strip().partition("-")
        return [month, year] if month else [text, ""]


class MonthField(DateField):
    """A month typed in two boxes; cleans to the first day of that month (a ``datetime.date``)."""

    widget = MonthInput
    kind = "month"
    parts = MonthInput.parts

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example, 11 2026")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, dt.date):
            value = [value.month, value.year]
        if not isinstance(value, (list, tuple)):
            value = [None] * len(self.parts)
        return dict(zip(self.parts, ("" if v is None else str(v) for v in value), strict=False))

    def to_python(self, value):
        self.error_parts = []
        if isinstance(value, dt.date):
            return value.replace(day=1)
        typed = self.prepare_value(value)
        if not any(typed[p].strip() for p in self.parts):
            return None
        return self._date("1", typed["month"], typed["year"])


class ContactPreferenceForm(forms.ModelForm):
    """How someone wants news about their own things (a young person's grant)."""

    class Meta:
        model = User
        fields = ["contact_by", "phone_number"]
        widgets = {
            "contact_by": forms.RadioSelect,
            "phone_number": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        labels = {"contact_by": "How should we send you updates?"}
        help_texts = {"contact_by": "For example, when your grant application moves on."}


def pounds_text(pence: int) -> str:
    """The value a pounds box shows: 50000 -> '500', 24999 -> '249.99' (no £, no commas)."""
    return pounds(pence).removeprefix("£").replace(",", "")


class PoundsField(forms.CharField):
    """An amount people type in pounds ("300", "£89.99") and we store in pence: shown as pounds,
    read with `nolimits.money.parse_pounds` (its plain messages for anything else)."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
        )
        kwargs["error_messages"] = {"required": "Enter an amount in pounds, like 10"} | kwargs.get(
            "error_messages", {}
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return pounds_text(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_pounds(value)
