"""Young people, matches, reviews and match status changes now belong to the matching app
(matching 0001). State only: the tables stay as they are, with their rows."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0001_moved_from_volunteers'),
        ('volunteers', '0013_stored_clearance_summary'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.AlterField(
            model_name='volunteersession',
            name='match',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='sessions', to='matching.match'),
        ),
        migrations.RemoveField(
            model_name='matchstatuschange',
            name='match',
        ),
        migrations.RemoveField(
            model_name='matchreview',
            name='match',
        ),
        migrations.RemoveField(
            model_name='matchstatuschange',
            name='by',
        ),
        migrations.RemoveField(
            model_name='youngperson',
            name='excluded_volunteers',
        ),
        migrations.DeleteModel(
            name='Match',
        ),
        migrations.DeleteModel(
            name='MatchReview',
        ),
        migrations.DeleteModel(
            name='MatchStatusChange',
        ),
        migrations.DeleteModel(
            name='YoungPerson',
        ),
            ],
        ),
    ]
