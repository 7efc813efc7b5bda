"""Directorate champions (seed 004, §18e): one member of staff per directorate, appointed by a
programme lead, who sees that directorate's participation (never names) and the encouragement
messages to share with colleagues."""

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel

from nolimits.models import User


class DirectorateChampion(models.Model):
    """The one directorate a champion's screens show. Someone in the "Directorate champions"
    group without one of these sees nothing (impact.permissions.champion_directorate)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="champion_of")
    directorate = models.CharField(max_length=30, choices=User.Directorate.choices, unique=True)
    appointed_at = models.DateTimeField(auto_now_add=True)
    appointed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["directorate"]
        permissions = [
            ("see_own_directorate", "Can see their own directorate's participation"),
            ("see_every_directorate", "Can see every directorate's participation side by side"),
        ]

    def __str__(self) -> str:
        return f"Champion for {self.get_directorate_display()}"

    def clean(self):
        if self.user_id and self.user.kind != User.Kind.STAFF:
            raise ValidationError({"user": "Only council staff can be a directorate champion."})


class Encouragement(models.Model):
    """A ready-made message a champion copies and sends: an email to colleagues, an intranet
    post, a Teams message. "{directorate}" in the text becomes the champion's directorate."""

    class Channel(models.TextChoices):
        EMAIL = "email", "Email to colleagues"
        INTRANET = "intranet", "Intranet post"
        TEAMS = "teams", "Teams message"

    title = models.CharField(max_length=120)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    subject = models.CharField(
        max_length=150, blank=True, help_text="For an email or an intranet post: its subject line."
    )
    text = models.TextField(
        help_text="Plain text. Write {directorate} where the directorate's name should go."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    panels = [
        FieldPanel("title"),
        FieldPanel("channel"),
        FieldPanel("subject"),
        FieldPanel("text"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = "encouragement message"

    def __str__(self) -> str:
        return self.title

    def for_directorate(self, label: str) -> tuple[str, str]:
        """The subject and text with the directorate's name in place (a plain replacement, so
        nothing an editor types is read as a template)."""
        return (
            self.subject.replace("{directorate}", label),
            self.text.replace("{directorate}", label),
        )
