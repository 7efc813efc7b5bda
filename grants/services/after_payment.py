"""What the young person sends once the grant is approved or paid: proof of spending, thanks."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from grants.models import Application, ThankYou
from nolimits import files


@transaction.atomic
def proof_of_spend_upload(*, application: Application, by, upload) -> None:
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in (
        Application.Status.PAID,
        Application.Status.APPROVED,
        Application.Status.PART_APPROVED,
    ):
        raise ValidationError("You can send proof of spending once your grant is approved.")
    application.proof_of_spend_content_type = files.upload_type(upload, noun="file")
    replaced = application.proof_of_spend
    if replaced:
        # A new proof replaces the old one: the old file goes too (nothing is left for the
        # retention job to miss).
        storage, name = replaced.storage, replaced.name
        transaction.on_commit(lambda: storage.delete(name))
    application.proof_of_spend = upload
    application.save()


@transaction.atomic
def thank_you_write(*, application: Application, by, message: str, consent_to_share: bool):
    if not application.can_edit(by):
        raise PermissionDenied("This is not your application.")
    if application.status not in (Application.Status.PAID, Application.Status.CLOSED):
        raise ValidationError("You can say thank you once your grant is paid.")
    thanks, _ = ThankYou.objects.update_or_create(
        application=application, defaults={"message": message, "consent_to_share": consent_to_share}
    )
    return thanks
