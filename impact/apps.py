from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """The top floor: figures and exports that read across the apps below it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "impact"
    verbose_name = "Impact and reporting"

    def ready(self):
        from impact import signals  # noqa: F401 - the impact page's cache is forgotten on publish
