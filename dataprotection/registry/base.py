"""What the registry is made of: the person a copy is about, a source of rows about them, and
the finders the sources share."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast

from wagtail.models import ModelLogEntry

from matching.models import (
    YoungPerson,
)
from nolimits.models import OutboxMessage, User
from pledges.models import (
    StripeEvent,
)


@dataclass(frozen=True)
class Subject:
    """The person a copy is about: an account, or a referral without one."""

    user: User | None = None
    referral: YoungPerson | None = None

    @property
    def reference(self) -> str:
        """How logs name them: never the name."""
        return f"user {self.user.pk}" if self.user else f"referral {self.referral.pk}"

    @property
    def label(self) -> str:
        if self.user:
            return f"{self.user.full_name} <{self.user.email}>"
        return f"{self.referral.first_name}, referred by {self.referral.worker_name}"


Finder = Callable[[Subject], models.QuerySet]


@dataclass(frozen=True)
class Source:
    """One kind of row about a person. `fields` None means every concrete field except the
    relations and `withheld`; `extra` adds labelled values (a related name, worded)."""

    model: type[models.Model]
    heading: str
    find: Finder
    fields: tuple[str, ...] | None = None
    withheld: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Callable[[models.Model], object]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower + ":" + self.heading

    def shown_fields(self) -> list[models.Field]:
        out = []
        for f in self.model._meta.concrete_fields:
            if self.fields is not None:
                if f.name in self.fields:
                    out.append(f)
                continue
            if f.is_relation or f.primary_key or f.name in self.withheld:
                continue
            out.append(f)
        return out

    def file_fields(self) -> list[models.FileField]:
        return [f for f in self.shown_fields() if isinstance(f, models.FileField)]


def of_user(finder: Callable[[User], models.QuerySet]) -> Finder:
    """A finder for people with an account (nothing for a referral)."""

    def find(subject: Subject):
        return finder(subject.user) if subject.user else None

    return find


def of_referral(finder: Callable[[YoungPerson], models.QuerySet]) -> Finder:
    def find(subject: Subject):
        return finder(subject.referral) if subject.referral else None

    return find


def first_name_of(user: User | None) -> str:
    return user.get_short_name() if user else ""


def messages_to(email: str):
    """Emails we sent to `email`: the whole address, alone or in a comma-separated list, so
    jo@council.gov.uk never finds bojo@council.gov.uk's messages."""
    pattern = r"(^|[,\s])" + re.escape(email) + r"($|[,\s])"
    return OutboxMessage.objects.filter(to__iregex=pattern)


def stripe_events_about(user: User):
    """Events Stripe sent about their payments: found by their Stripe customer ids or email."""
    ids = set(
        user.pledges.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    ids |= set(
        user.donations.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    # A whole JSON string ("…"), so one address or id never finds another that contains it.
    needles = models.Q(text__icontains=f'"{user.email}"')
    for customer in ids:
        needles |= models.Q(text__icontains=f'"{customer}"')
    return StripeEvent.objects.annotate(text=Cast("payload", models.TextField())).filter(needles)


def log_entries_about(model, ids):
    content_type = ContentType.objects.get_for_model(model)
    return ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    )


# impact sits beside this app on the top floor and neither imports the other: its one model
# about a person is named here, not imported.
OpenGrantReference = apps.get_model("impact", "OpenGrantReference")

LOG = {
    "what": lambda entry: entry.message,
    "by": lambda entry: entry.user.full_name if entry.user_id else "the system",
}
STATUS_FIELDS = ("from_status", "to_status", "reason", "at")
STATUS_WITHOUT_REASON = ("from_status", "to_status", "at")
