"""Registration only: the data protection screens and the logs of copies and erasures."""

from django.urls import path, reverse

from wagtail import hooks

from dataprotection import admin_views, permissions
from dataprotection.viewsets import DataProtectionViewSetGroup
from nolimits.admin_menu import RuleMenuItem


@hooks.register("register_admin_urls")
def data_protection_urls():
    return [
        path("data-protection/", admin_views.find_person, name="dataprotection_find"),
        path(
            "data-protection/<str:kind>/<int:pk>/export/",
            admin_views.export,
            name="dataprotection_export",
        ),
        path(
            "data-protection/<str:kind>/<int:pk>/erase/",
            admin_views.erase,
            name="dataprotection_erase",
        ),
        path("data-protection/erased/<int:pk>/", admin_views.erased, name="dataprotection_erased"),
    ]


@hooks.register("register_admin_menu_item")
def data_protection_menu():
    return RuleMenuItem(
        "Find a person's data",
        reverse("dataprotection_find"),
        icon_name="user",
        order=900,
        rule=permissions.can_find_people,
    )


@hooks.register("register_admin_viewset")
def register_logs():
    return DataProtectionViewSetGroup()
