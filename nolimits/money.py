"""Money as people type it and read it. Amounts are stored as whole pence everywhere.

`parse_pounds` is the one parser for an amount typed in pounds (every money form uses it);
`pounds` is the one formatter (the `money` template filter uses it).
"""

from decimal import Decimal, InvalidOperation

from django import forms


def pounds(pence: int) -> str:
    """1000 -> '£10', 750 -> '£7.50', 123456 -> '£1,234.56'."""
    return f"£{pence / 100:,.2f}".replace(".00", "") if pence % 100 == 0 else f"£{pence / 100:,.2f}"


def parse_pounds(text: str) -> int:
    """'10', '£10', '7.50', '1,000' -> pence. Raises ValidationError with a plain message."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "").strip()
    if not cleaned:
        raise forms.ValidationError("Enter an amount", code="required")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise forms.ValidationError(
            "Enter an amount in pounds, like 10 or 7.50", code="invalid"
        ) from exc
    if value != value.quantize(Decimal("0.01")) or value <= 0:
        raise forms.ValidationError("Enter an amount in pounds, like 10 or 7.50", code="invalid")
    return int(value * 100)
