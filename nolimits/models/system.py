from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per django-q2 cluster name, touched by the scheduled heartbeat task."""

    cluster = models.CharField(max_length=100, unique=True)
    last_seen = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.cluster} seen {self.last_seen:%Y-%m-%d %H:%M:%S}"
