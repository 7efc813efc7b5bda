"""Template helpers: GOV.UK Frontend form markup for Django fields, and navigation links."""

from django import template

register = template.Library()

_INPUT_CLASSES = {
    "select": "govuk-select",
    "textarea": "govuk-textarea",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


def field_kind(field) -> str:
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


@register.simple_tag
def form_errors(form):
    """Every error on a form as (message, link target) pairs, for the error summary."""
    if not hasattr(form, "non_field_errors"):
        return []
    items = [(str(e), "") for e in form.non_field_errors()]
    for field in form:
        for error in field.errors:
            items.append((str(error), f"#{field.auto_id}"))
    return items


@register.simple_tag(takes_context=True)
def link_href(context, link) -> str:
    """The address of a LinkBlock value: its page's URL, or its web address."""
    page = link.get("page")
    if page is not None:
        return page.get_url(request=context.get("request")) or ""
    return link.get("url") or ""
