from django import forms


class FindPersonForm(forms.Form):
    q = forms.CharField(
        label="Email address or name",
        max_length=150,
        min_length=2,
        error_messages={
            "required": "Enter an email address or a name to search for",
            "min_length": "Enter at least 2 letters of the email address or name",
            "max_length": "Enter no more than 150 characters",
        },
    )


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label="Why this person is being erased",
        help_text="For example: their request of 1 December 2026, checked by phone.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": "Say why this person is being erased",
            "max_length": "Keep the reason under 2,000 characters",
        },
    )
