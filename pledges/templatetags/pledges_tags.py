from django import template

from nolimits.money import pounds

register = template.Library()


@register.filter
def money(pence) -> str:
    """Pence as pounds: 1000 -> £10, 750 -> £7.50, -500 -> -£5."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    return f"-{pounds(-pence)}" if pence < 0 else pounds(pence)
