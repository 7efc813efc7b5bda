from django.apps import AppConfig


def _demo_sign_and_ingest(event: dict) -> None:
    """The demo gateway's events go through the same webhook path as Stripe's. pledges.demo is
    imported on the first demo payment, not at start-up: every process, a management command
    too, would otherwise pay for it."""
    from pledges import demo

    demo.sign_and_ingest(event)


class PledgesConfig(AppConfig):
    name = "pledges"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from pledges import gateway

        gateway.demo_events_go_to(_demo_sign_and_ingest)
