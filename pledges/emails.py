"""Emails to donors. Each takes an id (they run after the transaction commits)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from nolimits.mail import send_email
from pledges.models import Donation, Pledge


def _send(to: str, subject: str, template: str, context: dict) -> None:
    context = {
        **context,
        "base_url": settings.WAGTAILADMIN_BASE_URL,
        "my_giving": settings.WAGTAILADMIN_BASE_URL + reverse("pledges:my_giving"),
    }
    body = render_to_string(f"pledges/email/{template}.txt", context)
    send_email(to, subject, body)


def thank_you_receipt(donation_pk: int) -> None:
    donation = Donation.objects.select_related("donor", "campaign", "pledge").get(pk=donation_pk)
    _send(donation.donor.email, "Thank you for your gift", "receipt", {"donation": donation})


def payment_failed(pledge_pk: int) -> None:
    pledge = Pledge.objects.select_related("donor").get(pk=pledge_pk)
    _send(
        pledge.donor.email,
        "Your monthly gift could not be taken",
        "payment_failed",
        {"pledge": pledge},
    )


def pledge_cancelled(pledge_pk: int) -> None:
    pledge = Pledge.objects.select_related("donor").get(pk=pledge_pk)
    _send(pledge.donor.email, "Your monthly gift has stopped", "cancelled", {"pledge": pledge})


def action_required(pledge_pk: int, url: str) -> None:
    pledge = Pledge.objects.select_related("donor").get(pk=pledge_pk)
    _send(
        pledge.donor.email,
        "Please confirm your monthly gift",
        "action_required",
        {"pledge": pledge, "url": url},
    )


def mandate_ended(pledge_pk: int) -> None:
    pledge = Pledge.objects.select_related("donor").get(pk=pledge_pk)
    _send(pledge.donor.email, "Your Direct Debit has stopped", "mandate_ended", {"pledge": pledge})
