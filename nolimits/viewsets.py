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


# --- The outbox: every email and text message, what was sent and what failed (read-only) ------
from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only  # noqa: E402
from nolimits.models import OutboxMessage  # noqa: E402

register_read_only(OutboxMessage)


class OutboxViewSet(ReadOnlyViewSet):
    """Only those granted nolimits.view_outboxmessage see it (superusers by default): the bodies
    carry people's news. Messages change only through nolimits.mail."""

    model = OutboxMessage
    icon = "mail"
    menu_label = "Outbox"
    menu_order = 900
    add_to_admin_menu = True
    url_prefix = "outbox"
    url_namespace = "outbox"
    list_display = ["subject", "to", "channel", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "channel"]
    search_fields = ["to", "subject"]
    list_export = ["created_at", "channel", "to", "subject", "status", "attempts", "last_error", "sent_at"]
    ordering = ["-created_at"]
