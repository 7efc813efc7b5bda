"""Applications keep their own audit log (grants.models.audit): existing "Viewed application"
entries move out of Wagtail's shared log, labelled with the reference only (the old labels carried
what the money was for, which anonymisation clears)."""

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_entries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ApplicationLogEntry = apps.get_model("grants", "ApplicationLogEntry")
    content_type = ContentType.objects.filter(app_label="grants", model="application").first()
    if content_type is None:
        return
    old = ModelLogEntry.objects.filter(content_type=content_type)
    moved = [
        ApplicationLogEntry(
            application_id=int(entry.object_id),
            content_type=content_type,
            label=f"G-{int(entry.object_id):05d}",
            action=entry.action,
            data=entry.data,
            timestamp=entry.timestamp,
            uuid=entry.uuid,
            user_id=entry.user_id,
            content_changed=entry.content_changed,
            deleted=entry.deleted,
        )
        for entry in old.iterator()
        if entry.object_id.isdigit()
    ]
    ApplicationLogEntry.objects.bulk_create(moved, batch_size=500)
    old.delete()


def move_entries_back(apps, schema_editor):
    """Undoing this migration drops the grants log: its entries go back to Wagtail's log first,
    with the reference-only label, so who opened each application is never lost."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    ApplicationLogEntry = apps.get_model("grants", "ApplicationLogEntry")
    content_type, _ = ContentType.objects.get_or_create(app_label="grants", model="application")
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(entry.application_id),
                label=entry.label,
                action=entry.action,
                data=entry.data,
                timestamp=entry.timestamp,
                uuid=entry.uuid,
                user_id=entry.user_id,
                content_changed=entry.content_changed,
                deleted=entry.deleted,
            )
            for entry in ApplicationLogEntry.objects.iterator()
        ],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("grants", "0012_status_changes_through_states"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApplicationLogEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("label", models.TextField()),
                ("action", models.CharField(blank=True, db_index=True, max_length=255)),
                (
                    "data",
                    models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=django.core.serializers.json.DjangoJSONEncoder,
                    ),
                ),
                ("timestamp", models.DateTimeField(db_index=True, verbose_name="timestamp (UTC)")),
                (
                    "uuid",
                    models.UUIDField(
                        blank=True,
                        editable=False,
                        help_text="Log entries that happened as part of the same user action are assigned the same UUID",
                        null=True,
                    ),
                ),
                ("content_changed", models.BooleanField(db_index=True, default=False)),
                ("deleted", models.BooleanField(default=False)),
                (
                    "application",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="grants.application",
                    ),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="contenttypes.contenttype",
                        verbose_name="content type",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "application log entry",
                "verbose_name_plural": "application log entries",
                "ordering": ["-timestamp"],
                "abstract": False,
                "indexes": [
                    models.Index(
                        fields=["uuid", "action", "-timestamp"], name="grants_appl_uuid_9c8e8b_idx"
                    )
                ],
            },
        ),
        migrations.RunPython(move_entries, move_entries_back),
    ]
