from django import forms

from nolimits.models import User


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
