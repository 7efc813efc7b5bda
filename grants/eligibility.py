"""Who can apply: aged 16 to 25 and care experienced. Kind, specific reasons when not."""

import datetime as dt

from django.utils import timezone


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_reason(date_of_birth: dt.date, today: dt.date | None = None) -> str:
    """Why this age cannot apply, or "" when it can."""
    today = today or timezone.localdate()
    if date_of_birth > today:
        return "Check your date of birth: it is in the future."
    age = age_on(date_of_birth, today)
    if age < 16:
        return (
            "No Limits grants are for young people aged 16 to 25, so you cannot apply yet. "
            "Your social worker or carer can tell you about other help you can get now."
        )
    if age > 25:
        return (
            "No Limits grants are for young people up to the age of 25. Thank you for thinking of us. "
            "The council's leaving care team can tell you about other support."
        )
    return ""


def care_reason(care_experienced: bool) -> str:
    if not care_experienced:
        return (
            "No Limits grants are for young people who are or have been in the council's care. "
            "If you are not sure whether that includes you, ask your worker or contact us: we are happy to check."
        )
    return ""


def eligibility(
    *, date_of_birth: dt.date | None, care_experienced: bool | None, today: dt.date | None = None
) -> tuple[bool, str]:
    if date_of_birth is None or care_experienced is None:
        return False, "We need your date of birth and whether you have been in care."
    why = age_reason(date_of_birth, today) or care_reason(care_experienced)
    return not why, why
