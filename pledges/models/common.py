"""What every money model shares: the currency, and the plain words a list shows for a value."""

CURRENCY = "gbp"


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
