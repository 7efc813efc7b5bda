"""Who can apply: aged 16 to 25 and care experienced. Kind, specific reasons when not."""

import datetime as dt

from django.utils import timezone


def age_on(born: dt.date, day: dt.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def eligibility(
    *, date_of_birth: dt.date | None, care_experienced: bool | None, today: dt.date | None = None
) -> tuple[bool, str]:
    today = today or timezone.localdate()
    if date_of_birth is None or care_experienced is None:
        return False, "We need your date of birth and whether you have been in care."
    if date_of_birth > today:
        return False, "Check your date of birth: it is in the future."
    age = age_on(date_of_birth, today)
    if age < 16:
        return False, (
            "No Limits grants are for young people aged 16 to 25, so you cannot apply yet. "
            "Your social worker or carer can tell you about other help you can get now."
        )
    if age > 25:
        return False, (
            "No Limits grants are for young people up to the age of 25. Thank you for thinking of us. "
            "The council's leaving care team can tell you about other support."
        )
    if not care_experienced:
        return False, (
            "No Limits grants are for young people who are or have been in the council's care. "
            "If you are not sure whether that includes you, ask your worker or contact us: we are happy to check."
        )
    return True, ""
