"""The board reports made at the end of each reporting period, kept in private storage."""

from django.db import models
from django.utils import timezone

from nolimits.files import private_storage


class BoardReport(models.Model):
    """The report for one reporting period, made once when the period ends (the schedule), and
    the files programme leads are emailed a link to."""

    period_start = models.DateField()
    period_end = models.DateField()
    label = models.CharField(max_length=100)
    pdf = models.FileField(storage=private_storage, upload_to="board-reports/", max_length=200)
    ods = models.FileField(storage=private_storage, upload_to="board-reports/", max_length=200)
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        app_label = "impact"
        ordering = ["-period_start"]
        default_permissions = ()
        permissions = [
            ("see_board_report", "Can make and download the Corporate Parenting Board report")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period_start", "period_end"], name="one_board_report_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"Corporate Parenting Board report, {self.label}"
