from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "grants"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from grants import fund  # noqa: F401  (the ledger listens for money movements)
