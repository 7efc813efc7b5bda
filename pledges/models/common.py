"""What every money model shares: the currency, suggested amounts typed as whole pounds, and the
plain words a list shows for a value."""

from django.core.validators import RegexValidator

CURRENCY = "gbp"

# Suggested amounts as an editor types them: "5, 10, 20".
WHOLE_POUNDS = RegexValidator(r"^\s*\d+(\s*,\s*\d+)*\s*$", "Whole pounds, separated by commas.")


def whole_pounds_in_pence(text: str) -> list[int]:
    """'5, 10, 20' as [500, 1000, 2000]."""
    return [int(x) * 100 for x in text.split(",") if x.strip()]


def yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def count_of(n: int, thing: str) -> str:
    """'1 gift', '2 gifts'."""
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


PAYMENT_METHOD_LABELS = {
    "card": "Card",
    "bacs_debit": "Bacs Direct Debit",
    "payroll": "From pay",
}


def payment_method_label(kind: str) -> str:
    return PAYMENT_METHOD_LABELS.get(kind, kind.replace("_", " ").capitalize() or "Not known yet")
