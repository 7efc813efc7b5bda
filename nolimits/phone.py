"""UK mobile numbers, as GOV.UK Notify accepts them."""

import re

_UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def normalise_uk_mobile(text: str) -> str | None:
    """'07700 900123', '+44 7700 900123' -> '07700900123'; anything else -> None."""
    digits = re.sub(r"[\s\-().]", "", text or "")
    if not _UK_MOBILE.match(digits):
        return None
    return "0" + digits[-10:]
