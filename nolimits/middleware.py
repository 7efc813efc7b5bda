from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from nolimits.permissions import can_open_admin, is_admin_user

ADMIN_PREFIXES = ("/admin/", "/django-admin/")


class AdminRequiresMFAMiddleware:
    """Nobody in an admin role opens an admin page until they have set up an authenticator app.

    allauth has no setting for this (allauth#3649). Anyone with admin access who has no TOTP
    authenticator is sent to set one up; after that, allauth asks for a code at every sign-in.
    ``NOLIMITS_ADMIN_MFA_REQUIRED`` is forced on in production settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.NOLIMITS_ADMIN_MFA_REQUIRED
            and request.path.startswith(ADMIN_PREFIXES)
            and is_admin_user(request.user)
        ):
            allowed, reason = can_open_admin(request.user, mfa_required=True)
            if not allowed:
                messages.warning(request, reason)
                setup = reverse("mfa_activate_totp")
                return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
