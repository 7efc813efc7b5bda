from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from nolimits.permissions import second_factor_missing

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
SET_UP_MESSAGE = "Set up two-factor authentication before you use the admin."


class AdminRequiresMFAMiddleware:
    """Nobody in an admin role reaches data that needs a permission until they have set up an
    authenticator app.

    allauth has no setting for this (allauth#3649). For each request, someone in an admin role
    with no TOTP authenticator (``nolimits.permissions.second_factor_missing``) has their
    permissions withheld (``User.withhold_permissions``), so every view that checks a permission
    refuses them, whatever its path. The admin's paths, and any page that refused them for want
    of a permission, send them to set one up. After that,
    allauth asks for a code at every sign-in. ``NOLIMITS_ADMIN_MFA_REQUIRED`` is forced on in
    production settings.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        missing = request.user.is_authenticated and second_factor_missing(request.user)
        if missing:
            request.user.withhold_permissions = True
            if request.path.startswith(ADMIN_PREFIXES):
                return self._set_up(request)
        response = self.get_response(request)
        if missing and response.status_code == 403 and request.method == "GET":
            return self._set_up(request)
        return response

    def _set_up(self, request):
        messages.warning(request, SET_UP_MESSAGE)
        setup = reverse("mfa_activate_totp")
        return redirect(f"{setup}?{urlencode({'next': request.get_full_path()})}")
