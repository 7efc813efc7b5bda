"""Registration only: the data protection screens and the logs of copies and erasures."""

from django.urls import path, reverse

from wagtail import hooks

from dataprotection import admin_views, permissions
from dataprotection.viewsets import DataProtectionViewSetGroup
from nolimits.admin_menu import RuleMenuItem


@hooks.register("register_admin_urls")
def data_protection_urls():
    urls = [path("data-protection/", admin_views.find_person, name="dataprotection_find")]
    for kind in admin_views.KINDS:  # /data-protection/user/3/export/, /young-person/7/erase/
        for action, view in (("export", admin_views.export), ("erase", admin_views.erase)):
            urls.append(
                path(
                    f"data-protection/{kind}/<int:pk>/{action}/",
                    view,
                    {"kind": kind},
                    name=f"dataprotection_{action}_{kind.replace('-', '_')}",
                )
            )
    urls.append(
        path("data-protection/erased/<int:pk>/", admin_views.erased, name="dataprotection_erased")
    )
    return urls


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
