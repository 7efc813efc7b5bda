"""Finance sees expense claims, not volunteers' session notes about young people (README role table)."""

from django.db import migrations


def remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    finance = Group.objects.filter(name="Finance").first()
    if finance is not None:
        finance.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="volunteers", codename="view_volunteersession"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0011_expense_receipt_key")]

    operations = [migrations.RunPython(remove, migrations.RunPython.noop)]
