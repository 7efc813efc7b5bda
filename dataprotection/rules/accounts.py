"""Accounts: ones never used, and ones not signed in to for years with nothing open."""

from django.conf import settings
from django.db.models import ProtectedError, Q

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from dataprotection.rules.common import REMOVED, Due, days_after, due_by, latest_possible
from grants.models import Application
from nolimits.models import User
from pledges.models import Pledge
from volunteers.models import Volunteer

LIVE_PLEDGE = [
    Pledge.Status.AWAITING_CHECKOUT,
    Pledge.Status.PENDING,
    Pledge.Status.ACTIVE,
    Pledge.Status.PAYMENT_FAILED,
    Pledge.Status.PAUSED,
]
# A draft never sent does not hold an account open: it is deleted long before an account is
# dormant (and the same night, so the 30-day report foresees the account).
NOT_OPEN_APPLICATION = [
    Application.Status.DRAFT,
    Application.Status.CLOSED,
    Application.Status.DECLINED,
    Application.Status.WITHDRAWN,
    Application.Status.PAID,
]


def ordinary_people():
    """Accounts of the public (donors, volunteers, young people): never staff in a role."""
    return User.objects.filter(is_staff=False, is_superuser=False, groups__isnull=True)


def reference(user) -> str:
    return f"Account #{user.pk}"


def unused_accounts_due(until) -> list[Due]:
    days = settings.RETENTION_UNUSED_ACCOUNT_DAYS
    records = ordinary_people().filter(
        last_login__isnull=True,
        date_joined__lt=latest_possible(until, days),
        pledges__isnull=True,
        donations__isnull=True,
        gift_aid_declarations__isnull=True,
        volunteer__isnull=True,
        grant_applications__isnull=True,
        grant_applications_started__isnull=True,
        mentees__isnull=True,
    )
    return due_by(records, lambda u: days_after(u.date_joined, days), reference, until)


def unused_accounts_delete(due: list[Due], today) -> int:
    deleted = 0
    for user in User.objects.filter(pk__in=[d.pk for d in due]):
        try:
            user.delete()
        except ProtectedError:  # something made since holds on to it: not unused after all
            continue
        deleted += 1
    return deleted


def dormant_accounts_due(until) -> list[Due]:
    days = settings.RETENTION_DORMANT_ACCOUNT_DAYS
    cutoff = latest_possible(until, days)
    records = (
        ordinary_people()
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(email__endswith="@removed.invalid")
        .exclude(pledges__status__in=LIVE_PLEDGE)
        .exclude(Q(volunteer__isnull=False) & ~Q(volunteer__status=Volunteer.Status.LEFT))
        .exclude(
            grant_applications__in=Application.objects.exclude(status__in=NOT_OPEN_APPLICATION)
        )
        .distinct()
    )
    return due_by(
        records, lambda u: days_after(u.last_login or u.date_joined, days), reference, until
    )


def dormant_accounts_anonymise(due: list[Due], today) -> int:
    pks = [d.pk for d in due]
    for user in User.objects.filter(pk__in=pks):
        user.set_unusable_password()
        User.objects.filter(pk=user.pk).update(
            full_name=REMOVED,
            email=f"removed-{user.pk}@removed.invalid",
            phone_number="",
            contact_by=User.ContactBy.EMAIL,
            is_active=False,
            password=user.password,
        )
    EmailAddress.objects.filter(user_id__in=pks).delete()
    Authenticator.objects.filter(user_id__in=pks).delete()
    return len(pks)
