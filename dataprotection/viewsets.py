"""The logs in the admin: every copy made of a person's data, and every erasure (read-only)."""

from wagtail.admin.viewsets.model import ModelViewSetGroup

from dataprotection.models import AccessExport, Erasure
from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only

register_read_only(AccessExport, Erasure)


class AccessExportViewSet(ReadOnlyViewSet):
    model = AccessExport
    name = "access-exports"
    icon = "download"
    menu_label = "Copies of people's data"
    list_display = ["subject_label", "kind", "requested_by", "requested_at", "item_count"]
    list_filter = ["kind"]
    search_fields = ["subject_label"]
    list_export = [
        "subject_label",
        "kind",
        "requested_by",
        "requested_at",
        "built_at",
        "item_count",
    ]
    select_related = ("requested_by",)
    inspect_view_fields = list_export


class ErasureViewSet(ReadOnlyViewSet):
    model = Erasure
    name = "erasures"
    icon = "bin"
    menu_label = "Erasures"
    list_display = ["subject_reference", "erased_by", "erased_at"]
    search_fields = ["subject_reference"]
    list_export = ["subject_reference", "erased_by", "erased_at", "reason", "counts", "kept"]
    select_related = ("erased_by",)
    inspect_view_fields = list_export


class DataProtectionViewSetGroup(ModelViewSetGroup):
    menu_label = "Data protection"
    menu_icon = "lock"
    menu_order = 910
    items = (AccessExportViewSet, ErasureViewSet)
