"""Finding a person to copy or erase: by email or name, among accounts and referrals."""

from django.db.models import Q

from matching.models import YoungPerson
from nolimits.models import User

MAX_RESULTS = 50


def people_matching(text: str) -> tuple[list[User], list[YoungPerson]]:
    """Accounts whose email or name contains the text, and young people referred without an
    account whose first name, or whose worker's name or email, matches it."""
    text = text.strip()
    if len(text) < 2:
        return [], []
    users = User.objects.filter(
        Q(email__iexact=text) | Q(email__icontains=text) | Q(full_name__icontains=text)
    ).order_by("full_name", "email")[:MAX_RESULTS]
    referrals = YoungPerson.objects.filter(
        Q(first_name__icontains=text)
        | Q(worker_email__iexact=text)
        | Q(worker_name__icontains=text)
    ).order_by("first_name", "referred_at")[:MAX_RESULTS]
    return list(users), list(referrals)
