"""Matching weights become real settings; one open match per young person; referees answer online
by a signed link (a token per reference); bookers cancel by a signed link (a token per booking)."""

import django.core.validators
import uuid
from django.conf import settings
from django.db import migrations, models


def give_tokens(apps, schema_editor):
    for model_name in ("Reference", "Booking"):
        model = apps.get_model("volunteers", model_name)
        for row in model.objects.filter(token__isnull=True).only("pk"):
            model.objects.filter(pk=row.pk).update(token=uuid.uuid4())


def close_extra_proposals(apps, schema_editor):
    """Before the database refuses a second open match: a young person with more than one open
    match keeps the furthest along (then the oldest); extra *proposals* are closed and logged.
    Two introduced or active matches for one young person need a coordinator: the migration stops."""
    Match = apps.get_model("volunteers", "Match")
    MatchStatusChange = apps.get_model("volunteers", "MatchStatusChange")
    rank = {"active": 0, "introduced": 1, "paused": 2, "proposed": 3}
    open_ = ["proposed", "introduced", "active", "paused"]
    by_young_person = {}
    for match in Match.objects.filter(status__in=open_).order_by("proposed_at", "pk"):
        by_young_person.setdefault(match.young_person_id, []).append(match)
    for matches in by_young_person.values():
        matches.sort(key=lambda m: rank[m.status])
        for extra in matches[1:]:
            if extra.status != "proposed":
                raise RuntimeError(
                    f"Young person {extra.young_person_id} has more than one match under way: "
                    "close all but one in the admin, then migrate again."
                )
            reason = "Closed: a young person has one open match at a time"
            MatchStatusChange.objects.create(
                match=extra, from_status="proposed", to_status="closed", by_id=extra.proposed_by_id,
                reason=reason,
            )
            extra.status, extra.closed_reason = "closed", reason
            extra.save(update_fields=["status", "closed_reason"])


class Migration(migrations.Migration):

    dependencies = [
        ('volunteers', '0009_opportunity_permissions'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='match',
            name='one_open_match_per_pair',
        ),
        migrations.AddField(
            model_name='booking',
            name='token',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name='reference',
            name='comments',
            field=models.TextField(blank=True, max_length=2000, verbose_name="the referee's comments"),
        ),
        migrations.AddField(
            model_name='reference',
            name='concerns',
            field=models.TextField(blank=True, max_length=2000, verbose_name='concerns the referee raised'),
        ),
        migrations.AddField(
            model_name='reference',
            name='known_for',
            field=models.CharField(blank=True, max_length=300, verbose_name='how long and how they know the volunteer'),
        ),
        migrations.AddField(
            model_name='reference',
            name='suitable',
            field=models.BooleanField(blank=True, null=True, verbose_name='the referee would trust them with a young person'),
        ),
        migrations.AddField(
            model_name='reference',
            name='token',
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='reference',
            name='token',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name='booking',
            name='token',
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name='reference',
            name='used_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='volunteeringsettings',
            name='reference_link_days',
            field=models.PositiveSmallIntegerField(default=28, help_text="How long a referee's emailed link to the reference form works. A chase after 14 days sends a fresh link.", validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(90)], verbose_name='reference links last (days)'),
        ),
        migrations.AddField(
            model_name='volunteeringsettings',
            name='weight_area',
            field=models.PositiveSmallIntegerField(default=20, help_text='A whole number from 0 to 100. Higher means being in the same area counts for more.', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='weight for living in the same area'),
        ),
        migrations.AddField(
            model_name='volunteeringsettings',
            name='weight_availability',
            field=models.PositiveSmallIntegerField(default=30, help_text='A whole number from 0 to 100. Higher means matching free times count for more.', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='weight for free at the same times'),
        ),
        migrations.AddField(
            model_name='volunteeringsettings',
            name='weight_interests',
            field=models.PositiveSmallIntegerField(default=50, help_text='A whole number from 0 to 100. Higher means shared interests count for more.', validators=[django.core.validators.MaxValueValidator(100)], verbose_name='weight for shared interests'),
        ),
        migrations.AlterField(
            model_name='dbscheck',
            name='adults_barred_list_checked',
            field=models.BooleanField(default=False, verbose_name="Adults' barred list checked"),
        ),
        migrations.AlterField(
            model_name='dbscheck',
            name='childrens_barred_list_checked',
            field=models.BooleanField(default=False, verbose_name="Children's barred list checked"),
        ),
        migrations.RunPython(close_extra_proposals, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='match',
            constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['proposed', 'introduced', 'active', 'paused'])), fields=('young_person',), name='one_open_match_per_young_person', violation_error_message='This young person already has an open match.'),
        ),
        migrations.AddConstraint(
            model_name='volunteeringsettings',
            constraint=models.CheckConstraint(condition=models.Q(('weight_interests__gt', 0), ('weight_availability__gt', 0), ('weight_area__gt', 0), _connector='OR'), name='matching_weights_not_all_zero'),
        ),
    ]
