"""allauth's forms with plain labels and messages (ACCOUNT_FORMS).

Kept apart from nolimits.forms, which allauth itself imports (ACCOUNT_SIGNUP_FORM_CLASS).
"""

from allauth.account import forms as allauth_forms

from nolimits.forms import GovukFormMixin


class SignupForm(GovukFormMixin, allauth_forms.SignupForm):
    """allauth's sign-up form with messages that say what to do (ACCOUNT_FORMS["signup"])."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "We will send you a link to confirm it."
        self.fields["email"].error_messages.update(
            required="Enter your email address",
            invalid="Enter an email address in the correct format, like name@example.org",
        )
        if "password1" in self.fields:
            self.fields["password1"].label = "Create a password"
            self.fields["password1"].error_messages["required"] = "Create a password"
        if "password2" in self.fields:
            self.fields["password2"].label = "Type your password again"
            self.fields["password2"].error_messages["required"] = "Type your password again"


class LoginForm(GovukFormMixin, allauth_forms.LoginForm):
    """allauth's sign-in form, with plain labels and messages (ACCOUNT_FORMS["login"]).

    A wrong email or password is shown beside the password, as well as in the error summary."""

    errors_belong_to = "password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = "Email address"
        self.fields["login"].error_messages.update(
            required="Enter your email address",
            invalid="Enter an email address in the correct format, like name@example.org",
        )
        self.fields["password"].help_text = ""
        self.fields["password"].error_messages["required"] = "Enter your password"
        if "remember" in self.fields:
            self.fields["remember"].label = "Keep me signed in on this device"
