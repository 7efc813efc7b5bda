"""Status changes of matches and young people go through nolimits.states: the match log takes
the shared StatusChange shape (rows kept; longer fields, "by" may be empty for the system) and
young people get a log of their own."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_moved_from_volunteers'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
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
