from django import template

from nolimits.money import pounds
from pledges.models import gbp as _gbp

register = template.Library()


@register.filter
def money(pence) -> str:
    """Pence as pounds: 1000 -> £10, 750 -> £7.50, -500 -> -£5."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    return f"-{pounds(-pence)}" if pence < 0 else pounds(pence)


@register.filter
def gbp(pence) -> str:
    """Pence as pounds with pence, for finance: 1000 -> £10.00, -500 -> -£5.00."""
    if pence is None or pence == "":
        return ""
    return _gbp(int(pence))
