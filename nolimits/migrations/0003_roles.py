"""Create the staff roles as groups, with least privilege.

Every admin role may open the Wagtail admin; only Editors may edit pages, images, documents and
site settings. Later issues grant each role its model permissions in their own migrations.
Wagtail's default "Moderators" group is folded into Editors so the list of roles is ours.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = [
    "Editors",
    "Volunteer coordinators",
    "Mentors",
    "Grants panel",
    "Grants panel chairs",
    "Finance",
    "Programme leads",
]
ADMIN_ROLES = [r for r in ROLES if r != "Mentors"]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_MODEL_PERMISSIONS = [
    ("nolimits", "sitesettings", ["change"]),
    ("nolimits", "navigationsettings", ["change"]),
    ("wagtailredirects", "redirect", ["add", "change", "delete"]),
]


def _ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    _ensure_permissions(apps)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    for name in ADMIN_ROLES:
        groups[name].permissions.add(access_admin)

    editors = groups["Editors"]
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for codename in EDITOR_PAGE_PERMISSIONS:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=editors, page=root, permission=permission
            )
    for app_label, model, actions in EDITOR_MODEL_PERMISSIONS:
        for action in actions:
            editors.permissions.add(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
            )

    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None:
        for task in GroupApprovalTask.objects.filter(groups=moderators):
            task.groups.add(editors)
        # Editors already have (at least) every permission Wagtail gave Moderators on
        # images and documents; page permissions are set above.
        for collection_permission in moderators.collection_permissions.all():
            editors.collection_permissions.get_or_create(
                collection=collection_permission.collection,
                permission=collection_permission.permission,
            )
        moderators.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("nolimits", "0002_site"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
