import datetime as dt
import re

from django import forms
from django.utils import timezone

from nolimits.forms import GovukForm
from nolimits.money import parse_pounds, pounds
from pledges.models import EMPLOYEE_NUMBER_RE, POSTCODE_RE, GiftAidDeclaration
from pledges.services import DeclarationDetails


class AmountMixin(GovukForm):
    """A choice of suggested amounts plus "another amount", checked against the limits."""

    def field_for_error(self, error) -> str | None:
        """A limit the service enforces is about the amount chosen or typed."""
        words = " ".join(getattr(error, "messages", [str(error)])).lower()
        if "amount" in words:
            return "other_amount" if self.data.get("amount_choice") == "other" else "amount_choice"
        return None

    amount_choice = forms.ChoiceField(
        label="How much would you like to give?", widget=forms.RadioSelect
    )
    other_amount = forms.CharField(
        label="Another amount, in pounds",
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "decimal", "class": "govuk-input--width-5", "spellcheck": "false"}
        ),
    )

    def setup_amounts(self, suggested: list[int], low: int, high: int, per: str = "") -> None:
        self.low, self.high = low, high
        self.fields["amount_choice"].choices = [
            (str(p), f"{pounds(p)}{per}") for p in suggested
        ] + [("other", "Another amount")]
        self.fields["amount_choice"].error_messages["required"] = (
            "Choose an amount, or choose another amount and type it in"
        )
        self.fields["other_amount"].help_text = f"Between {pounds(low)} and {pounds(high)}."

    def clean(self):
        data = super().clean()
        choice = data.get("amount_choice")
        if choice == "other":
            try:
                amount = parse_pounds(data.get("other_amount", ""))
            except forms.ValidationError as error:
                self.add_error("other_amount", error)
                return data
        elif choice:
            amount = int(choice)
        else:
            return data
        if not self.low <= amount <= self.high:
            field = "other_amount" if choice == "other" else "amount_choice"
            self.add_error(
                field, f"Enter an amount between {pounds(self.low)} and {pounds(self.high)}"
            )
        data["amount_pence"] = amount
        return data


GIFT_AID_FIELDS = (
    "gift_aid",
    "title",
    "first_name",
    "last_name",
    "house_name_or_number",
    "postcode",
)


class GiftAidFields(GovukForm):
    """An HMRC-model Gift Aid declaration, asked for only when the donor ticks the box."""

    in_force: GiftAidDeclaration | None = None

    gift_aid = forms.BooleanField(
        label="Yes, add Gift Aid to my gifts",
        required=False,
        help_text="I am a UK taxpayer. Gift Aid adds 25p to every £1 at no cost to me.",
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=4,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-4", "autocomplete": "honorific-prefix"}
        ),
    )
    first_name = forms.CharField(
        label="First name",
        required=False,
        max_length=35,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label="Last name",
        required=False,
        max_length=35,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    house_name_or_number = forms.CharField(
        label="House name or number",
        required=False,
        max_length=40,
        help_text="Of your home address, not where you work.",
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-10", "autocomplete": "postal-code"}
        ),
    )

    def setup_gift_aid(self, in_force: GiftAidDeclaration | None) -> None:
        """A donor whose declaration is in force is not asked again: it covers this gift."""
        self.in_force = in_force
        if in_force is not None:
            for name in GIFT_AID_FIELDS:
                self.fields.pop(name, None)

    def clean(self):
        data = super().clean()
        if not data.get("gift_aid"):
            return data
        for field, message in [
            ("first_name", "Enter your first name, for Gift Aid"),
            ("last_name", "Enter your last name, for Gift Aid"),
            ("house_name_or_number", "Enter your house name or number, for Gift Aid"),
            ("postcode", "Enter your postcode, for Gift Aid"),
        ]:
            if not (data.get(field) or "").strip():
                self.add_error(field, message)
        postcode = " ".join((data.get("postcode") or "").upper().split())
        if postcode:
            if not re.match(POSTCODE_RE, postcode):
                self.add_error("postcode", "Enter a real UK postcode, like SL1 2AB")
            elif " " not in postcode:
                postcode = f"{postcode[:-3]} {postcode[-3:]}"
            data["postcode"] = postcode
        return data

    def declaration(self) -> DeclarationDetails | None:
        data = self.cleaned_data
        if not data.get("gift_aid"):
            return None
        return DeclarationDetails(
            title=data.get("title", ""),
            first_name=data["first_name"],
            last_name=data["last_name"],
            house_name_or_number=data["house_name_or_number"],
            postcode=data["postcode"],
        )


class PledgeForm(AmountMixin, GiftAidFields):
    def __init__(self, *args, limits, charity_name: str, in_force=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_amounts(
            limits.suggested_pence(),
            limits.minimum_monthly_pence,
            limits.maximum_monthly_pence,
            " a month",
        )
        self.fields["gift_aid"].help_text = GiftAidDeclaration.WORDING.format(charity=charity_name)
        self.setup_gift_aid(in_force)


class GiftForm(AmountMixin, GiftAidFields):
    def __init__(
        self,
        *args,
        campaign,
        limits,
        charity_name: str = "the fund holder",
        in_force=None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.setup_amounts(
            campaign.suggested_pence(), limits.minimum_gift_pence, limits.maximum_gift_pence
        )
        self.fields["amount_choice"].label = "How much would you like to give?"
        self.fields["gift_aid"].help_text = GiftAidDeclaration.WORDING.format(charity=charity_name)
        self.setup_gift_aid(in_force)


class DeclarationForm(GiftAidFields):
    def __init__(self, *args, charity_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gift_aid"].required = True
        self.fields["gift_aid"].error_messages["required"] = (
            "Tick the box to confirm you want to add Gift Aid"
        )
        self.fields["gift_aid"].label = "Yes, I want to Gift Aid my donations"
        self.fields["gift_aid"].help_text = GiftAidDeclaration.WORDING.format(charity=charity_name)


def _month_choices() -> list[tuple[str, str]]:
    today = timezone.localdate().replace(day=1)
    months = []
    for i in range(1, 7):
        first = (today + dt.timedelta(days=32 * i)).replace(day=1)
        months.append((first.isoformat(), f"{first:%B %Y}"))
    return months


class PayrollPledgeForm(GovukForm):
    error_keywords = {"amount": "amount", "employee number": "employee_number", "month": "start_month"}

    amount = forms.CharField(
        label="How much each month, in pounds?",
        error_messages={"required": "Enter an amount"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )
    employee_number = forms.CharField(
        label="Employee number",
        max_length=13,
        help_text="It is on your payslip, for example AB123456.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
        error_messages={"required": "Enter your employee number"},
    )
    start_month = forms.ChoiceField(label="First month to take it from your pay", choices=())

    def __init__(self, *args, limits, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.fields["start_month"].choices = _month_choices()
        self.fields["amount"].help_text = (
            f"Between {pounds(limits.minimum_monthly_pence)} and {pounds(limits.maximum_monthly_pence)}. "
            "Gifts from your pay cannot have Gift Aid added."
        )

    def clean_amount(self):
        amount = parse_pounds(self.cleaned_data["amount"])
        low, high = self.limits.minimum_monthly_pence, self.limits.maximum_monthly_pence
        if not low <= amount <= high:
            raise forms.ValidationError(f"Enter an amount between {pounds(low)} and {pounds(high)}")
        return amount

    def clean_employee_number(self):
        value = self.cleaned_data["employee_number"].strip().upper().replace(" ", "")
        if not re.match(EMPLOYEE_NUMBER_RE, value):
            raise forms.ValidationError(
                "Enter your employee number as it is on your payslip, like AB123456"
            )
        return value

    def clean_start_month(self):
        return dt.date.fromisoformat(self.cleaned_data["start_month"])


class ChangeAmountForm(GovukForm):
    error_keywords = {"amount": "amount"}

    amount = forms.CharField(
        label="New monthly amount, in pounds",
        error_messages={"required": "Enter an amount"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
    )

    def __init__(self, *args, limits, **kwargs):
        super().__init__(*args, **kwargs)
        self.limits = limits
        self.fields[
            "amount"
        ].help_text = f"Between {pounds(limits.minimum_monthly_pence)} and {pounds(limits.maximum_monthly_pence)}."

    def clean_amount(self):
        amount = parse_pounds(self.cleaned_data["amount"])
        low, high = self.limits.minimum_monthly_pence, self.limits.maximum_monthly_pence
        if not low <= amount <= high:
            raise forms.ValidationError(f"Enter an amount between {pounds(low)} and {pounds(high)}")
        return amount
