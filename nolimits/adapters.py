from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.full_name = data["full_name"]
        user.kind = data["kind"]
        user.directorate = data.get("directorate", "")
        user.email = user.email.lower()
        if commit:
            user.save()
        return user
