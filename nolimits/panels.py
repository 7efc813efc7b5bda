"""Edit-handler panels for Wagtail's own edit screens (snippets)."""

from wagtail.admin.panels import FieldPanel


class DatePanel(FieldPanel):
    """A ``FieldPanel`` for a ``nolimits.forms.DateField`` declared on the edit form: the GOV.UK
    date input (components/admin_field.html) under the panel's heading. The heading is plain
    text, not a label for one box: the boxes' group is named by its legend, each box by its own
    Day, Month or Year label.
    """

    class BoundPanel(FieldPanel.BoundPanel):
        template_name = "components/admin_date_panel.html"

        def id_for_label(self):
            return ""
