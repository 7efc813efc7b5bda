"""Status changes of matches and young people go through nolimits.states: the match log takes
the shared StatusChange shape (rows kept; longer fields, "by" may be empty for the system) and
young people get a log of their own.

First the moved models' content types follow them to `matching` (after volunteers 0014 has
forgotten the models, so nothing makes `volunteers` ones again): the permissions already
granted (coordinators' manage_matches, view/add/change) and the admin's log entries follow."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


MODELS = ["youngperson", "match", "matchstatuschange", "matchreview"]


def move_content_types(apps, schema_editor, frm="volunteers", to="matching"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=frm, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=to, model=model).first()
        if new is None:
            old.app_label = to
            old.save(update_fields=["app_label"])
            continue
        # Both exist (permissions were made for the new label already): keep the new rows,
        # give their groups and users the grants the old ones had, drop the old.
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            for group in permission.group_set.all():
                group.permissions.add(twin)
            for user in permission.user_set.all():
                user.user_permissions.add(twin)
            permission.delete()
        old.delete()


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, frm="matching", to="volunteers")


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_moved_from_volunteers'),
        ('volunteers', '0014_matching_moves_to_its_own_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.AlterField(
            model_name='matchstatuschange',
            name='by',
            field=models.ForeignKey(blank=True, help_text='Who made the change; empty when the system did (a payment event, a job).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='matchstatuschange',
            name='from_status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('introduced', 'Introduced'), ('active', 'Active'), ('paused', 'Paused'), ('closed', 'Closed')], max_length=30),
        ),
        migrations.AlterField(
            model_name='matchstatuschange',
            name='reason',
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name='matchstatuschange',
            name='to_status',
            field=models.CharField(choices=[('proposed', 'Proposed'), ('introduced', 'Introduced'), ('active', 'Active'), ('paused', 'Paused'), ('closed', 'Closed')], max_length=30),
        ),
        migrations.CreateModel(
            name='YoungPersonStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=500)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('waiting', 'Waiting for a match'), ('matched', 'Matched'), ('closed', 'No longer waiting')], max_length=30)),
                ('to_status', models.CharField(choices=[('waiting', 'Waiting for a match'), ('matched', 'Matched'), ('closed', 'No longer waiting')], max_length=30)),
                ('by', models.ForeignKey(blank=True, help_text='Who made the change; empty when the system did (a payment event, a job).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('young_person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='matching.youngperson')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
    ]
