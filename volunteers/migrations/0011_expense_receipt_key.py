"""Private downloads are addressed by an unguessable key, not by the row's number."""

import uuid

from django.db import migrations, models


def give_each_row_a_key(apps, schema_editor):
    Model = apps.get_model("volunteers", "expenseclaim")
    for pk in Model.objects.values_list("pk", flat=True):
        Model.objects.filter(pk=pk).update(receipt_key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0010_matching_weights_one_match_reference_links")]

    operations = [
        migrations.AddField(
            model_name="expenseclaim", name="receipt_key", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(give_each_row_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="expenseclaim",
            name="receipt_key",
            field=models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
