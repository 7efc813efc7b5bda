from django.apps import AppConfig


class PledgesConfig(AppConfig):
    name = "pledges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pledges import demo, gateway

        # The demo gateway's events go through the same webhook path as Stripe's.
        gateway.demo_events_go_to(demo.sign_and_ingest)
