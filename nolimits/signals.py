"""Authentication events go to the log (ASVS 16.3.1). No passwords, no full emails."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("nolimits.auth")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log.info("login user=%s", user.pk)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    log.info("logout user=%s", getattr(user, "pk", None))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed")
