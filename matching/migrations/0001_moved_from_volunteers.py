"""Young people, matches, their reviews and status changes move here from the volunteers app.

Nothing in the database moves: the tables keep their names (Meta.db_table), so this migration
only tells Django's state where the models now live (volunteers 0014 forgets them there).
0002 then moves their content types, so the permissions already granted follow.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('volunteers', '0013_stored_clearance_summary'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
        migrations.CreateModel(
            name='Match',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('proposed', 'Proposed'), ('introduced', 'Introduced'), ('active', 'Active'), ('paused', 'Paused'), ('closed', 'Closed')], default='proposed', max_length=12)),
                ('score', models.PositiveSmallIntegerField(default=0)),
                ('proposed_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('first_meeting_on', models.DateField(blank=True, null=True)),
                ('closed_reason', models.CharField(blank=True, max_length=300)),
                ('young_person_wants_new_match', models.BooleanField(default=False)),
                ('volunteer_wants_new_match', models.BooleanField(default=False)),
                ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('volunteer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='matches', to='volunteers.volunteer')),
            ],
            options={
                'verbose_name_plural': 'matches',
                'db_table': 'volunteers_match',
                'ordering': ['-proposed_at'],
            },
        ),
        migrations.CreateModel(
            name='MatchStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=[('proposed', 'Proposed'), ('introduced', 'Introduced'), ('active', 'Active'), ('paused', 'Paused'), ('closed', 'Closed')], max_length=12)),
                ('to_status', models.CharField(choices=[('proposed', 'Proposed'), ('introduced', 'Introduced'), ('active', 'Active'), ('paused', 'Paused'), ('closed', 'Closed')], max_length=12)),
                ('reason', models.CharField(max_length=300)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('match', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='matching.match')),
            ],
            options={
                'db_table': 'volunteers_matchstatuschange',
                'ordering': ['at', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='YoungPerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('first_name', models.CharField(max_length=50)),
                ('date_of_birth', models.DateField()),
                ('area', models.CharField(max_length=100)),
                ('interests', models.TextField()),
                ('availability', models.TextField()),
                ('volunteer_preference', models.CharField(blank=True, choices=[('', 'No preference'), ('woman', 'A woman'), ('man', 'A man')], max_length=10)),
                ('other_preferences', models.TextField(blank=True, help_text='Anything else they would like in a volunteer.')),
                ('must_know', models.TextField(blank=True, help_text='What a volunteer must know to keep them safe and comfortable.')),
                ('worker_name', models.CharField(max_length=150)),
                ('worker_email', models.EmailField(max_length=254)),
                ('worker_phone', models.CharField(blank=True, max_length=40)),
                ('consent', models.BooleanField(default=False, help_text='The young person agrees to be referred (and, under 18, their carer or social worker).')),
                ('status', models.CharField(choices=[('waiting', 'Waiting for a match'), ('matched', 'Matched'), ('closed', 'No longer waiting')], default='waiting', max_length=10)),
                ('referred_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('excluded_volunteers', models.ManyToManyField(blank=True, help_text='Conflicts of interest: never match with these volunteers.', related_name='excluded_from', to='volunteers.volunteer')),
            ],
            options={
                'verbose_name_plural': 'young people',
                'db_table': 'volunteers_youngperson',
                'ordering': ['referred_at'],
                'permissions': [('manage_matches', 'Can refer young people, propose and manage matches')],
            },
        ),
        migrations.AddField(
            model_name='match',
            name='young_person',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='matches', to='matching.youngperson'),
        ),
        migrations.CreateModel(
            name='MatchReview',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('first_meeting', 'After the first meeting'), ('3_months', '3 months'), ('6_months', '6 months'), ('12_months', '12 months')], max_length=15)),
                ('due_on', models.DateField()),
                ('done_on', models.DateField(blank=True, null=True)),
                ('notes', models.TextField(blank=True)),
                ('match', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='reviews', to='matching.match')),
            ],
            options={
                'db_table': 'volunteers_matchreview',
                'ordering': ['due_on'],
                'constraints': [models.UniqueConstraint(fields=('match', 'kind'), name='one_review_of_each_kind')],
            },
        ),
        migrations.AddConstraint(
            model_name='match',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['proposed', 'introduced', 'active', 'paused'])), fields=('young_person',), name='one_open_match_per_young_person', violation_error_message='This young person already has an open match.'),
        ),
            ],
        ),
    ]
