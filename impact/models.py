"""What the open grants data needs that no other app holds: the publisher's 360Giving prefix,
where the young people live (no finer than the local authority), what each grant category is
for in the standard's words, and the stable anonymised identifiers already published."""

import re

from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from impact.codelists import LOCAL_AUTHORITY_TYPES, choices, codelist

PREFIX = re.compile(r"^360G-[A-Za-z0-9_-]+$")
ORG_ID = re.compile(r"^[A-Z]{2}-[A-Z]{2,5}-[A-Za-z0-9_-]+$")
GSS_CODE = re.compile(r"^[ENSW]\d{8}$")


@register_setting(icon="table")
class OpenDataSettings(ClusterableModel, BaseSiteSetting):
    publisher_prefix = models.CharField(
        "360Giving prefix",
        max_length=60,
        blank=True,
        help_text="The prefix 360Giving registered for the fund holder, like 360G-thamesbrookcf.",
    )
    funder_identifier = models.CharField(
        "funder's organisation identifier",
        max_length=60,
        blank=True,
        help_text="Leave empty to use the fund holder's charity number (GB-CHC-1234567). "
        "Otherwise an org-id.guide identifier, like GB-SC-SC012345.",
    )
    local_authority_name = models.CharField(
        max_length=100, blank=True, help_text="Where the young people live, like Thamesbrook."
    )
    local_authority_code = models.CharField(
        "local authority GSS code",
        max_length=9,
        blank=True,
        help_text="The ONS code of the council's area, like E06000036. Leave empty if unsure.",
    )
    local_authority_type = models.CharField(
        max_length=10,
        blank=True,
        choices=[(c, t) for c, t in choices("geoCodeType") if c in LOCAL_AUTHORITY_TYPES],
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("publisher_prefix"), FieldPanel("funder_identifier")],
            heading="Publisher",
        ),
        MultiFieldPanel(
            [
                FieldPanel("local_authority_name"),
                FieldPanel("local_authority_code"),
                FieldPanel("local_authority_type"),
            ],
            heading="Where the grants go (never finer than the local authority)",
        ),
        InlinePanel("purposes", heading="What each grant category is for", label="category"),
    ]

    class Meta:
        verbose_name = "open grants data"

    def clean(self):
        errors = {}
        if self.publisher_prefix and not PREFIX.match(self.publisher_prefix):
            errors["publisher_prefix"] = (
                "Enter the prefix as 360Giving gave it: 360G- then letters, numbers or hyphens."
            )
        if self.funder_identifier and not ORG_ID.match(self.funder_identifier):
            errors["funder_identifier"] = (
                "Enter an identifier like GB-CHC-1234567: country, list code, then the number."
            )
        if self.local_authority_code and not GSS_CODE.match(self.local_authority_code):
            errors["local_authority_code"] = (
                "Enter a GSS code: E, N, S or W then 8 digits, like E06000036."
            )
        if self.local_authority_code and not self.local_authority_type:
            errors["local_authority_type"] = "Choose what kind of area the code is for."
        if errors:
            raise ValidationError(errors)


class CategoryPurpose(models.Model):
    """A grant category in the standard's words: its Grants to Individuals Purpose code."""

    settings = ParentalKey(OpenDataSettings, on_delete=models.CASCADE, related_name="purposes")
    category = models.ForeignKey("grants.Category", on_delete=models.CASCADE, related_name="+")
    purpose = models.CharField(max_length=10, choices=choices("grantToIndividualsPurpose"))

    panels = [FieldPanel("category"), FieldPanel("purpose")]

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "category"], name="one_purpose_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.category} → {codelist('grantToIndividualsPurpose')[self.purpose]}"


class OpenGrantReference(models.Model):
    """The identifiers an awarded grant is published under: random, made once, never derived
    from anything in our records (ids in our URLs are credentials, and a young person must not
    be traceable from open data). A young person's later grants reuse their recipient reference."""

    application = models.OneToOneField(
        "grants.Application", on_delete=models.CASCADE, related_name="open_data_reference"
    )
    grant_reference = models.CharField(max_length=20, unique=True)
    recipient_reference = models.CharField(max_length=20, db_index=True)
    made_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.grant_reference


# The public impact page, the board report's kept files and the directorate champions live in
# their own modules; imported here so Django and Wagtail find them.
from impact.champions.models import DirectorateChampion, Encouragement  # noqa: E402, F401
from impact.pages import ImpactPage  # noqa: E402, F401
from impact.report.models import BoardReport  # noqa: E402, F401
