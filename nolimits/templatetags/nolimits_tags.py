"""Template helpers: GOV.UK Frontend form markup for Django fields, navigation links, money."""

import re

from django import forms, template
from django.utils import translation
from django.utils.dates import MONTHS_3
from django.utils.functional import SimpleLazyObject

from nolimits import chrome
from nolimits.money import pounds
from nolimits.routing import breadcrumbs_of

register = template.Library()

_INPUT_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


def field_kind(field) -> str:
    kind = getattr(field.field, "kind", None)  # nolimits.forms.DateField, DateTimeField
    if kind:
        return kind
    widget = field.widget_type
    if widget in ("radioselect", "checkboxselectmultiple"):
        return "choices"
    if widget == "checkbox":
        return "checkbox"
    return "input"


register.filter("field_kind", field_kind)


@register.simple_tag
def govuk_widget(field, extra_class: str = ""):
    """Render a field's widget with GOV.UK classes and the hint and error ids it is described by."""
    widget = field.widget_type
    # Placeholders vanish as people type and are often read as answers: labels and hints only.
    field.field.widget.attrs.pop("placeholder", None)
    classes = [_INPUT_CLASSES.get(widget, "govuk-input"), extra_class]
    if field.errors and widget != "checkbox":
        classes.append(classes[0] + "--error")
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def describedby(field) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


# --- Errors: GOV.UK wording, where each one links to, and whether a page has any ---------------

# Django's own English messages for fields and validators, whole.
_DJANGO_WORDING = re.compile(
    r"This field is required\."
    r"|Ensure this value .*\."
    r"|Ensure that there are no more than .*\."
    r"|Enter a (whole number|number)\."
    r"|Enter a valid (email address|date|time|date/time|duration|URL|UUID|value)\."
    r"|Select a valid choice\. .*"
    r"|No file was submitted\..*"
    r"|The submitted file is empty\."
    r"|Upload a valid image\. .*"
    r"|Please either submit a file or check the clear checkbox, not both\."
)


def _subject(label: str) -> tuple[str, str]:
    """How a message names a field: ("Oldest age", "oldest age"), or for a question label
    ("Your answer to ‘What do you enjoy?’", "an answer to ‘What do you enjoy?’")."""
    label = re.sub(r"\s*\([^)]*\)", "", str(label or "")).strip().rstrip(":")
    if not label:
        return "Your answer", "an answer"
    if label.endswith("?") or label.endswith("…"):
        return f"Your answer to ‘{label}’", f"an answer to ‘{label}’"
    return label[:1].upper() + label[1:], label[:1].lower() + label[1:]


def _plain(bound_field, error: forms.ValidationError) -> str:
    """Django's own wording ("This field is required.", "Ensure this value is less than or
    equal to 25.") never reaches a person: it becomes a GOV.UK-style message naming the field."""
    field = bound_field.field
    code = error.code
    text = " ".join(error.messages)
    if not _DJANGO_WORDING.fullmatch(text):
        return text
    params = error.params or {}
    limit = params.get("limit_value", params.get("max"))
    if callable(limit):
        limit = limit()
    subject, thing = _subject(bound_field.label)
    choice = field_kind(bound_field) in ("choices", "checkbox") or isinstance(
        field.widget, forms.Select
    )
    wording = {
        "required": f"Select {thing}" if choice else f"Enter {thing}",
        "invalid_choice": f"Select {thing} from the list",  # noqa: S608 (words, not SQL)
        "max_length": f"{subject} must be {limit} characters or fewer",
        "min_length": f"{subject} must be {limit} characters or more",
        "max_value": f"{subject} must be {limit} or under",
        "min_value": f"{subject} must be {limit} or over",
        "max_digits": f"{subject} must have no more than {limit} digits",
        "max_decimal_places": f"{subject} must have no more than {limit} decimal places",
        "max_whole_digits": f"{subject} must have no more than {limit} digits before the point",
        "missing": "Select a file",
        "empty": "The selected file is empty",
        "invalid_image": "The selected file must be a photo (JPG or PNG)",
    }
    if code == "invalid":
        if isinstance(field, forms.EmailField):
            return "Enter an email address in the correct format, like name@example.org"
        if isinstance(field, forms.IntegerField):
            return f"{subject} must be a whole number, like 12"
        if isinstance(field, (forms.DecimalField, forms.FloatField)):
            return f"{subject} must be a number, like 12.5"
        if isinstance(field, forms.URLField):
            return "Enter a web address in the correct format, like https://www.example.org"
        if isinstance(field, (forms.DateField, forms.DateTimeField)):
            return f"{subject} must be a real date"
        if isinstance(field, forms.FileField):
            return "Select a file"
        return text
    return wording.get(code, text)


@register.filter
def error_messages(bound_field) -> list[str]:
    """A field's errors, each in plain words."""
    return [_plain(bound_field, e) for e in bound_field.errors.as_data()]


def error_target(bound_field) -> str:
    """Where an error summary link goes: the first radio or checkbox of a group, the first date
    box in error, or the field itself."""
    field = bound_field.field
    parts = getattr(field, "parts", None)
    if parts:
        first = next((p for p in parts if p in (field.error_parts or [])), parts[0])
        return f"#{bound_field.auto_id}_{first}"
    if field_kind(bound_field) == "choices":
        subwidgets = bound_field.subwidgets
        if subwidgets:
            return f"#{subwidgets[0].id_for_label}"
    return f"#{bound_field.id_for_label or bound_field.auto_id}"


register.filter("error_target", error_target)


@register.filter
def date_box_error(bound_field, part: str) -> bool:
    """Is this box of a date input in error? (All of them, when the date as a whole is.)"""
    if not bound_field.errors:
        return False
    in_error = bound_field.field.error_parts or bound_field.field.parts
    return part in in_error


@register.filter
def date_box_value(bound_field, part: str) -> str:
    """What one box of a date input shows: the date's part, or exactly what was typed."""
    return (bound_field.value() or {}).get(part, "")


@register.simple_tag
def form_errors(form):
    """Every error on a form as (message, link target) pairs, for the error summary. Errors that
    are not about one field come first, without a link."""
    if not hasattr(form, "non_field_errors"):
        return []
    items = [(str(e), "") for e in form.non_field_errors()]
    for field in form:
        target = error_target(field)
        for message in error_messages(field):
            items.append((message, target))
    return items


@register.simple_tag(takes_context=True)
def page_has_errors(context) -> bool:
    """True when any form on the page came back with errors, or the view passed
    ``error_summary`` (a list of messages): base.html then starts the <title> with "Error: "."""
    for value in context.flatten().values():
        if type(value) is SimpleLazyObject:
            continue  # the CSRF token: asking it its class would make one and set a cookie
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return True
        if isinstance(value, forms.BaseFormSet) and value.is_bound and not value.is_valid():
            return True
    return bool(context.get("error_summary"))


@register.filter
def money(pence, style: str = "") -> str:
    """Pence as pounds, the one money filter: ``{{ 1000|money }}`` -> £10, -500 -> -£5;
    ``{{ 1000|money:"exact" }}`` -> £10.00, as finance reads money."""
    if pence is None or pence == "":
        return ""
    return pounds(int(pence), exact=style == "exact")


@register.filter(expects_localtime=True)
def short_date(value) -> str:
    """``{{ day|short_date }}`` writes what ``{{ day|date:"j M Y" }}`` writes (7 Dec 2026, a time
    in the site's zone) at a tenth of its cost, for lists that write one a row (issue 17: the
    date filter was a third of a row of My giving)."""
    try:
        return f"{value.day} {_month_abbreviations()[value.month]} {value.year:04d}"
    except AttributeError:  # None, "", or anything else that is not a date: as the date filter
        return ""


_MONTHS_3: dict[str, dict[int, str]] = {}


def _month_abbreviations() -> dict[int, str]:
    """Django's own abbreviations ("M" in a date format), in the language in use."""
    language = translation.get_language()
    if language not in _MONTHS_3:
        _MONTHS_3[language] = {n: str(name).title() for n, name in MONTHS_3.items()}
    return _MONTHS_3[language]


@register.filter
def item(sequence, index: int):
    """``row|item:forloop.counter0``: the entry at that position, or None."""
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.simple_tag(takes_context=True)
def link_href(context, link) -> str:
    """The address of a LinkBlock value: its page's URL, or its web address."""
    page = link.get("page")
    if page is not None:
        return page.get_url(request=context.get("request")) or ""
    return link.get("url") or ""


@register.simple_tag(takes_context=True)
def site_chrome(context) -> dict:
    """The header's and footer's links and the scheme's details (nolimits.chrome), cached."""
    request = context.get("request")
    return chrome.site_chrome(request) if request is not None else {}


@register.simple_tag(takes_context=True)
def breadcrumbs(context, page):
    """The page's ancestors below the root as (label, url) crumbs: remembered with its route
    (nolimits.routing) when this request was routed to it, else read from the tree."""
    request = context.get("request")
    route = getattr(request, "nolimits_route", None)
    if route is not None and route.page_id == page.pk:
        return route.breadcrumbs
    return breadcrumbs_of(page, request)
