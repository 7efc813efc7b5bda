"""Which match a logged session was with is now matching's record (MatchSession), so the
volunteers app needs no link up to matching. Every session's old `match` is copied here before
volunteers 0016 drops that column; going back copies it home again."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links_up(apps, schema_editor):
    Session = apps.get_model("volunteers", "VolunteerSession")
    MatchSession = apps.get_model("matching", "MatchSession")
    MatchSession.objects.bulk_create(
        MatchSession(session_id=session_pk, match_id=match_pk)
        for session_pk, match_pk in Session.objects.filter(match__isnull=False)
        .order_by("pk")
        .values_list("pk", "match_id")
        .iterator()
    )


def copy_links_back(apps, schema_editor):
    Session = apps.get_model("volunteers", "VolunteerSession")
    MatchSession = apps.get_model("matching", "MatchSession")
    for link in MatchSession.objects.order_by("pk").iterator():
        Session.objects.filter(pk=link.session_id).update(match_id=link.match_id)


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0003_young_person_log_permissions'),
        ('volunteers', '0015_status_change_logs'),
    ]

    operations = [
        migrations.CreateModel(
            name='MatchSession',
            fields=[
                ('session', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='match_link', serialize=False, to='volunteers.volunteersession')),
                ('match', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='session_links', to='matching.match')),
            ],
            options={
                'ordering': ['-session__date', '-session_id'],
            },
        ),
        migrations.AddField(
            model_name='match',
            name='sessions',
            field=models.ManyToManyField(blank=True, related_name='+', through='matching.MatchSession', to='volunteers.volunteersession'),
        ),
        migrations.RunPython(copy_links_up, copy_links_back),
    ]
