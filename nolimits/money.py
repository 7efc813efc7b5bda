"""Money as people type it and read it. Amounts are stored as whole pence everywhere.

`parse_pounds` is the one parser for an amount typed in pounds (every money form and the grant
amount step use it); `pounds` is the one formatter, for people (£10) and, with `exact`, for
finance (£10.00); the one template filter, `money` in nolimits_tags, uses it.
"""

import re

from django import forms

# Longer than any sensible amount ("1,000,000.00" is 12), so overlong input gets a plain answer.
MAX_AMOUNT_CHARS = 12
# Nothing we take is this large, and it keeps far inside a database integer of pence.
MAX_AMOUNT_PENCE = 1_000_000_000  # £10,000,000

_AMOUNT = re.compile(r"(?P<pounds>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<pence>[0-9]{1,2}))?")
LIKE = "like 10 or 7.50"


def pounds(pence: int, *, exact: bool = False) -> str:
    """1000 -> '£10', 750 -> '£7.50', 123456 -> '£1,234.56', -500 -> '-£5'.

    With `exact`, pence are always shown, as finance reads money: 1000 -> '£10.00'."""
    if pence < 0:
        return "-" + pounds(-pence, exact=exact)
    text = f"£{pence / 100:,.2f}"
    return text.removesuffix(".00") if pence % 100 == 0 and not exact else text


def _invalid(message: str, code: str = "invalid") -> forms.ValidationError:
    return forms.ValidationError(message, code=code)


def parse_pounds(text: str | None) -> int:
    """'10', '£10', '7.5', '7.50', '1,000' -> pence.

    Anything else raises ValidationError with a plain message that says what to type: no
    exponents ("1e3"), no "Infinity" or "NaN", commas only between groups of three digits, at
    most two digits of pence, digits 0-9 only (not other scripts' digits), no space after the
    £ sign, nothing overlong, nothing zero or negative.
    """
    cleaned = (text or "").strip()
    if not cleaned:
        raise _invalid("Enter an amount", "required")
    if len(cleaned) > MAX_AMOUNT_CHARS:
        raise _invalid(f"Enter an amount of no more than {MAX_AMOUNT_CHARS} characters, {LIKE}")
    if cleaned.startswith("£"):
        cleaned = cleaned[1:]
        if cleaned[:1].isspace():
            raise _invalid("Enter the amount without a space after the £ sign, like £10")
    if not cleaned.isascii():
        if any(ch.isdigit() for ch in cleaned if not ch.isascii()):
            raise _invalid(f"Enter the amount using the digits 0 to 9, {LIKE}")
        raise _invalid(f"Enter the amount in pounds using numbers only, {LIKE}")
    if cleaned[:1].isspace():
        raise _invalid("Enter the amount without a space after the £ sign, like £10")
    if cleaned.startswith("-"):
        raise _invalid(f"Enter an amount more than £0, {LIKE}")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None:
        if re.fullmatch(r"[0-9,]+(\.[0-9]*)?", cleaned) and "," in cleaned:
            raise _invalid("Put commas only between groups of three digits, like 1,000")
        if re.fullmatch(r"[0-9,]*\.[0-9]{3,}", cleaned):
            raise _invalid("Enter pence as two digits at most, like 7.50")
        raise _invalid(f"Enter an amount in pounds, {LIKE}")
    pence = int(match["pounds"].replace(",", "")) * 100 + int((match["pence"] or "0").ljust(2, "0"))
    if pence <= 0:
        raise _invalid(f"Enter an amount more than £0, {LIKE}")
    if pence > MAX_AMOUNT_PENCE:
        raise _invalid(f"Enter an amount of {pounds(MAX_AMOUNT_PENCE)} or less")
    return pence
