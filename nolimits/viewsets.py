"""Wagtail admin viewsets for the site as a whole."""

from django import forms

from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from nolimits.models import User

PROFILE_FIELDS = {"email", "full_name", "kind", "directorate", "is_superuser", "groups"}


class _ProfileFieldsMixin(forms.ModelForm):
    first_name = None
    last_name = None

    def clean(self):
        data = super().clean()
        if data.get("kind") != User.Kind.STAFF:
            data["directorate"] = ""
        elif not data.get("directorate"):
            self.add_error("directorate", "Select the directorate this member of staff works in.")
        return data


class NoLimitsUserCreationForm(_ProfileFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = PROFILE_FIELDS


class NoLimitsUserEditForm(_ProfileFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = PROFILE_FIELDS | {"is_active"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return NoLimitsUserEditForm if for_update else NoLimitsUserCreationForm
