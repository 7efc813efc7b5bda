"""Appointing and removing directorate champions. A champion is in the "Directorate champions"
group (so the admin, and two-factor authentication, apply) and has one DirectorateChampion
row naming their directorate; these keep the two together."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from impact import permissions
from impact.champions.models import DirectorateChampion
from nolimits import roles
from nolimits.models import User


@transaction.atomic
def champion_appoint(*, by: User, email: str, directorate: str) -> DirectorateChampion:
    if not permissions.can_manage_champions(by):
        raise PermissionDenied("Only programme leads appoint directorate champions.")
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is None:
        raise ValidationError({"email": "Nobody with that email address has an account."})
    current = DirectorateChampion.objects.filter(directorate=directorate).first()
    if current is not None:
        raise ValidationError(
            {"directorate": f"{current.get_directorate_display()} already has a champion: "
             "remove them first."}
        )  # fmt: skip
    if DirectorateChampion.objects.filter(user=person).exists():
        raise ValidationError({"email": "They are already the champion for another directorate."})
    champion = DirectorateChampion(user=person, directorate=directorate, appointed_by=by)
    champion.full_clean()
    champion.save()
    person.groups.add(Group.objects.get(name=roles.DIRECTORATE_CHAMPIONS))
    return champion


@transaction.atomic
def champion_remove(*, by: User, champion: DirectorateChampion) -> None:
    if not permissions.can_manage_champions(by):
        raise PermissionDenied("Only programme leads remove directorate champions.")
    champion.user.groups.remove(Group.objects.get(name=roles.DIRECTORATE_CHAMPIONS))
    champion.delete()
