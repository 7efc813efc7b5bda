"""A worker starts an application with a young person beside them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from allauth.account.models import EmailAddress

from grants import permissions
from grants.models import Application
from grants.services.answers import addresses_of
from grants.services.common import tell_applicant
from nolimits.models import User


@transaction.atomic
def application_start_for(
    *, worker, full_name: str, email: str, endorser_name: str, endorser_email: str
) -> Application:
    """A worker starts an application with a young person beside them.

    The answer is the same whatever email is typed: a new address gets a young person's account
    (they set their own password from an email), a known one has the application added to it and
    is told. The worker sees only the application and the name they typed. The worker who starts
    it never endorses it: the endorsement goes to the other worker they name.
    """
    allowed, why = permissions.can_start_for_young_person(worker)
    if not allowed:
        raise PermissionDenied(why)
    email, endorser_email = email.strip().lower(), endorser_email.strip().lower()
    full_name, endorser_name = " ".join(full_name.split()), " ".join(endorser_name.split())
    mine = addresses_of(worker)
    if email in mine:
        raise ValidationError({"email": "Enter the young person's email address, not yours"})
    if endorser_email in mine:
        raise ValidationError(
            {
                "endorser_email": "The worker who supports the application must be someone "
                "other than you. Name their personal adviser or social worker."
            }
        )
    if endorser_email == email:
        raise ValidationError(
            {"endorser_email": "The supporting worker's email must not be the young person's"}
        )
    young = User.objects.filter(email=email).first()
    new_account = young is None
    if new_account:
        young = User(email=email, full_name=full_name, kind=User.Kind.YOUNG_PERSON)
        young.set_unusable_password()
        young.full_clean(exclude=["password"])
        young.save()
        EmailAddress.objects.create(user=young, email=email, verified=False, primary=True)
    application = Application.objects.create(
        applicant=young,
        started_by=worker,
        started_for_name=full_name,
        worker_name=endorser_name,
        worker_email=endorser_email,
    )
    tell_applicant(
        application,
        "Your worker started a grant application with you",
        "started_for_you",
        {"worker": worker, "new_account": new_account},
    )
    return application
