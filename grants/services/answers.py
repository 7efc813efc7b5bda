"""What an application must answer before it is sent (or sent again), in the applicant's words."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from allauth.account.models import EmailAddress

from grants.eligibility import eligibility
from grants.models import Application


def missing_answers(application: Application) -> list[tuple[str, str]]:
    """(step, message) for every answer still needed, in order."""
    missing = []
    if application.date_of_birth is None:
        missing.append(("date_of_birth", "Tell us your date of birth"))
    if application.care_experienced is None:
        missing.append(("in_care", "Tell us whether you have been in care"))
    if application.category_id is None:
        missing.append(("category", "Choose what kind of thing it is for"))
    if not application.what_for:
        missing.append(("what_for", "Tell us what the money is for"))
    if not application.amount_pence:
        missing.append(("amount", "Tell us how much you need"))
    elif application.category and application.amount_pence > application.category.max_amount_pence:
        missing.append(
            (
                "amount",
                f"The most we can give for {application.category.name.lower()} is {application.category.max_amount}",
            )
        )
    if not application.how_it_helps:
        missing.append(("how_it_helps", "Tell us how it will help you"))
    if not application.worker_name or not application.worker_email:
        missing.append(("worker", "Tell us your worker's name and email"))
    elif application.worker_email.strip().lower() in _not_the_endorser(application):
        missing.append(
            (
                "worker",
                "The worker who supports the application must be someone else: not you, and not "
                "the worker who started it with you",
            )
        )
    return missing


def _not_the_endorser(application: Application) -> set[str]:
    """The applicant and the worker who started the application never endorse it, at any of
    the addresses on their accounts."""
    people = [person for person in (application.applicant, application.started_by) if person]
    return addresses_of(*people)


def addresses_of(*people) -> set[str]:
    """Every email address on these accounts (the login one and any others they added)."""
    found = {person.email.lower() for person in people if person.email}
    found |= {
        address.lower()
        for address in EmailAddress.objects.filter(user__in=people).values_list("email", flat=True)
    }
    return found


def check_answers(application: Application) -> None:
    """Refuse, with every reason, an application that is not eligible or not complete."""
    ok, why = eligibility(
        date_of_birth=application.date_of_birth, care_experienced=application.care_experienced
    )
    if not ok:
        raise ValidationError(why)
    missing = missing_answers(application)
    if missing:
        raise ValidationError([m for _, m in missing])
