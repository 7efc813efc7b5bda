"""History entries become structured events (see 0009 for existing rows); workers' permission;
the name a worker typed; more information loops back to the panel; thank-you to story."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('grants', '0007_started_by'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='application',
            options={'ordering': ['-created_at'], 'permissions': [('review_application', 'Can review applications on the panel'), ('decide_application', 'Can decide applications (panel chair)'), ('record_grant_payment', 'Can record grant payments'), ('see_applicant_identity', "Can see applicants' full names and contact details"), ('start_application_for_young_person', 'Can start a grant application with a young person (workers)')]},
        ),
        migrations.AlterModelOptions(
            name='applicationstatuschange',
            options={'ordering': ['at', 'pk'], 'verbose_name': 'history entry', 'verbose_name_plural': 'history entries'},
        ),
        migrations.AlterModelOptions(
            name='thankyou',
            options={'verbose_name': 'thank-you'},
        ),
        migrations.AddField(
            model_name='application',
            name='returned_to_panel_at',
            field=models.DateTimeField(blank=True, help_text='Sent again with more information: reviews start again.', null=True),
        ),
        migrations.AddField(
            model_name='application',
            name='started_for_name',
            field=models.CharField(blank=True, help_text='The name the worker typed (shown to them, whatever the account says).', max_length=150),
        ),
        migrations.AddField(
            model_name='applicationstatuschange',
            name='data',
            field=models.JSONField(blank=True, default=dict, help_text="Structured details: amount_pence, method, question (the panel's words)."),
        ),
        migrations.AddField(
            model_name='applicationstatuschange',
            name='endorsement',
            field=models.ForeignKey(blank=True, help_text="The worker's endorsement this entry is about (who, when not a user).", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='grants.endorsement'),
        ),
        migrations.AddField(
            model_name='applicationstatuschange',
            name='event',
            field=models.CharField(choices=[('sent', 'Sent by the applicant'), ('endorsement_asked', 'Endorsement asked of the worker'), ('endorsed', 'The worker supported the application'), ('not_endorsed', 'The worker did not support the application'), ('review_started', 'The panel started reviewing'), ('decided', 'The panel decided'), ('more_info_asked', 'The panel asked for more information'), ('sent_again', 'Sent again with more information'), ('paid', 'Paid'), ('withdrawn', 'Withdrawn'), ('closed', 'Closed'), ('changed', 'Status changed')], default='changed', max_length=25),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='worker_name',
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name='thankyou',
            name='story_made_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name='thankyou',
            name='story_made_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='thankyou',
            name='story_page',
            field=models.ForeignKey(blank=True, help_text='The draft story made from it, for an editor to review and publish.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL),
        ),
        migrations.AlterField(
            model_name='category',
            name='max_amount_pence',
            field=models.PositiveIntegerField(help_text='In pounds, like 500 or 249.99.', verbose_name='largest grant'),
        ),
        migrations.AlterField(
            model_name='round',
            name='budget_pence',
            field=models.PositiveIntegerField(help_text='In pounds, like 3000.', verbose_name='budget for the round'),
        ),
    ]
