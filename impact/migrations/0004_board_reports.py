"""The board reports made at the end of each period, and the permission to make and download
the report, granted to Programme leads."""

import django.utils.timezone
import nolimits.files
from django.db import migrations, models

from nolimits.migration_helpers import grant_permissions


def grant(apps, schema_editor):
    grant_permissions(apps, {"Programme leads": ["see_board_report"]}, ["impact"])


class Migration(migrations.Migration):

    dependencies = [
        ('impact', '0003_impact_page'),
    ]

    operations = [
        migrations.CreateModel(
            name='BoardReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_start', models.DateField()),
                ('period_end', models.DateField()),
                ('label', models.CharField(max_length=100)),
                ('pdf', models.FileField(max_length=200, storage=nolimits.files.private_storage, upload_to='board-reports/')),
                ('ods', models.FileField(max_length=200, storage=nolimits.files.private_storage, upload_to='board-reports/')),
                ('made_at', models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={
                'ordering': ['-period_start'],
                'permissions': [('see_board_report', 'Can make and download the Corporate Parenting Board report')],
                'default_permissions': (),
                'constraints': [models.UniqueConstraint(fields=('period_start', 'period_end'), name='one_board_report_per_period')],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
