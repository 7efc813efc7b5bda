"""Turn each existing history row's free-text reason into a structured event.

The old reasons were written by grants.services, so each has a known shape. The worker's email in
"Endorsement asked of <email>" and "Worker <email>" becomes a reference to the endorsement; any
reason of unknown shape becomes a plain "status changed" event (its text is not kept, so no contact
detail survives in the history).
"""

import re

from django.db import migrations

DECIDED = {"approved", "part_approved", "declined"}


def _event(row) -> str:
    reason = row.reason or ""
    if reason == "Sent by the applicant":
        return "sent"
    if reason.startswith("Endorsement asked of"):
        return "endorsement_asked"
    if reason == "The worker supported the application":
        return "endorsed"
    if reason == "The worker did not support the application":
        return "not_endorsed"
    if reason == "The panel started reviewing":
        return "review_started"
    if reason == "The panel decided":
        return "more_info_asked" if row.to_status == "more_info" else "decided"
    if reason.startswith("Paid by"):
        return "paid"
    if row.to_status == "withdrawn":
        return "withdrawn"
    if row.to_status == "closed":
        return "closed"
    return "changed"


METHODS = {
    "bank transfer": "bank_transfer",
    "council purchase card": "purchase_card",
    "voucher": "voucher",
    "paid to a supplier": "supplier",
}


def forwards(apps, schema_editor):
    Change = apps.get_model("grants", "ApplicationStatusChange")
    Endorsement = apps.get_model("grants", "Endorsement")
    for endorsement in Endorsement.objects.select_related("application").filter(worker_name=""):
        endorsement.worker_name = endorsement.application.worker_name
        endorsement.save(update_fields=["worker_name"])
    for row in Change.objects.select_related("application").iterator():
        row.event = _event(row)
        data = {}
        if row.event in ("endorsement_asked", "endorsed", "not_endorsed"):
            email = re.sub(r"^(Endorsement asked of|Worker)\s+", "", row.reason or row.by_description)
            endorsements = Endorsement.objects.filter(application_id=row.application_id)
            row.endorsement = endorsements.filter(sent_to__iexact=email.strip()).first() or (
                endorsements.order_by("sent_at").first()
            )
        if row.event == "paid":
            method = METHODS.get(row.reason.removeprefix("Paid by ").strip().lower())
            if method:
                data["method"] = method
        if row.event == "decided" and row.application.decided_amount_pence:
            data["amount_pence"] = row.application.decided_amount_pence
        if row.event == "more_info_asked" and row.application.status == "more_info":
            data["question"] = row.application.decision_message
        row.data = data
        row.save(update_fields=["event", "endorsement", "data"])


class Migration(migrations.Migration):
    dependencies = [("grants", "0008_structured_history")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
