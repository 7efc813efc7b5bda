from django.apps import AppConfig


class DataProtectionConfig(AppConfig):
    """The top floor, beside impact: what the site holds about each person, for how long, and
    how a person gets a copy of it or has it erased (UK GDPR)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "dataprotection"
    verbose_name = "Data protection"
