"""A session no longer names its match: matching 0004 copied every link to
matching.MatchSession first (the volunteers floor keeps no link up to matching)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('volunteers', '0015_status_change_logs'),
        ('matching', '0004_sessions_with_a_match'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='volunteersession',
            name='match',
        ),
    ]
