"""Free text shown to panellists who may not see contact details has them blanked out."""

import re

from django import template

register = template.Library()

EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
# UK phone numbers as people type them: 07700 900123, +44 7700 900 123, (01234) 567890.
PHONE = re.compile(r"(\+44\s?\(?0?\)?|\(?0)\d[\d\s)-]{7,}\d")


def redact_contacts(text: str) -> str:
    text = EMAIL.sub("[email removed]", text or "")
    return PHONE.sub("[phone number removed]", text)


@register.filter
def private(text: str, show_identity: bool) -> str:
    """{{ application.how_it_helps|private:show_identity }}"""
    return text if show_identity else redact_contacts(text)
