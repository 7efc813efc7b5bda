from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per django-q2 cluster name, touched by the scheduled heartbeat task."""

    cluster = models.CharField(max_length=100, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.cluster} seen {self.last_seen:%Y-%m-%d %H:%M:%S}"


class PersonDataVersion(models.Model):
    """How many times a person's own records have changed: what a list kept for them is checked
    against (nolimits.kept_lists). Written only by the database: triggers on the tables those
    lists are drawn from (nolimits.migration_helpers.person_version_triggers) add one in the same
    transaction as the change, so a save, update(), a bulk write and raw SQL all move it, and no
    instance held in Python can write an old number back. No code of ours writes it."""

    person_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"person {self.person_id}: version {self.version}"


class KeptList(models.Model):
    """One of a person's lists as drawn (nolimits.kept_lists): what the page shows, as JSON (drawn
    HTML and plain values, never model rows), the stamp it was drawn under and when it expires
    (seconds since the epoch). Read with the person's data version in one query and written in
    one upsert, in plain SQL, by kept_lists only."""

    person_id = models.BigIntegerField()
    part = models.CharField(max_length=20)
    stamp = models.TextField()
    value = models.TextField()
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person_id", "part"], name="nolimits_kept_list_part")
        ]

    def __str__(self) -> str:
        return f"person {self.person_id}: {self.part}"
