"""Volunteers, expense claims and come-along activities change state through nolimits.states:
the volunteer log takes the one status-change shape (its rows are kept; `by` may now be empty),
and claims and activities get their own logs, filled in for the ones already decided."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def log_past_decisions(apps, schema_editor):
    """Each claim or activity decided before the logs existed gets the one entry it would have."""
    for model, log, key, start in (
        ("ExpenseClaim", "ExpenseClaimStatusChange", "claim", "waiting"),
        ("Opportunity", "OpportunityStatusChange", "opportunity", "submitted"),
    ):
        Record, Log = apps.get_model("volunteers", model), apps.get_model("volunteers", log)
        Log.objects.bulk_create(
            Log(
                **{key: record},
                from_status=start,
                to_status=record.status,
                by_id=record.decided_by_id,
                reason=record.decision_reason[:500],
                at=record.decided_at,
            )
            for record in Record.objects.exclude(status=start).exclude(decided_at=None)
        )


class Migration(migrations.Migration):

    dependencies = [
        ('volunteers', '0014_matching_moves_to_its_own_app'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='volunteerstatuschange',
            name='by',
            field=models.ForeignKey(blank=True, help_text='Who made the change; empty when the system did (a payment event, a job).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AlterField(
            model_name='volunteerstatuschange',
            name='from_status',
            field=models.CharField(choices=[('applied', 'Applied'), ('references', 'References and interview'), ('dbs', 'DBS check'), ('training', 'Training'), ('active', 'Approved and active'), ('paused', 'Paused'), ('left', 'Left')], max_length=30),
        ),
        migrations.AlterField(
            model_name='volunteerstatuschange',
            name='reason',
            field=models.CharField(blank=True, max_length=500),
        ),
        migrations.AlterField(
            model_name='volunteerstatuschange',
            name='to_status',
            field=models.CharField(choices=[('applied', 'Applied'), ('references', 'References and interview'), ('dbs', 'DBS check'), ('training', 'Training'), ('active', 'Approved and active'), ('paused', 'Paused'), ('left', 'Left')], max_length=30),
        ),
        migrations.CreateModel(
            name='ExpenseClaimStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=500)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('waiting', 'Waiting for approval'), ('approved', 'Approved'), ('refused', 'Refused')], max_length=30)),
                ('to_status', models.CharField(choices=[('waiting', 'Waiting for approval'), ('approved', 'Approved'), ('refused', 'Refused')], max_length=30)),
                ('by', models.ForeignKey(blank=True, help_text='Who made the change; empty when the system did (a payment event, a job).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='volunteers.expenseclaim')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.CreateModel(
            name='OpportunityStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reason', models.CharField(blank=True, max_length=500)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('from_status', models.CharField(choices=[('submitted', 'Waiting for a coordinator'), ('approved', 'Published'), ('declined', 'Not approved'), ('cancelled', 'Cancelled')], max_length=30)),
                ('to_status', models.CharField(choices=[('submitted', 'Waiting for a coordinator'), ('approved', 'Published'), ('declined', 'Not approved'), ('cancelled', 'Cancelled')], max_length=30)),
                ('by', models.ForeignKey(blank=True, help_text='Who made the change; empty when the system did (a payment event, a job).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('opportunity', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='volunteers.opportunity')),
            ],
            options={
                'ordering': ['at', 'pk'],
                'abstract': False,
            },
        ),
        migrations.RunPython(log_past_decisions, migrations.RunPython.noop),
    ]
