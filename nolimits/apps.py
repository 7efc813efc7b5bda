from django.apps import AppConfig
from django.db.models.signals import post_migrate

from wagtail.users.apps import WagtailUsersAppConfig


class NoLimitsConfig(AppConfig):
    name = "nolimits"
    verbose_name = "No Limits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registration only)
        from .tasks import ensure_schedules

        post_migrate.connect(ensure_schedules, sender=self)


class NoLimitsUsersConfig(WagtailUsersAppConfig):
    """Wagtail's users app, with forms that know our user model (email login, full name)."""

    user_viewset = "nolimits.viewsets.UserViewSet"
