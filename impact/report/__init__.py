"""The six-monthly report to the Corporate Parenting Board (seed 004, §36g): the board paper for
any period, from `impact.figures` only, as a PDF (`pdf.write_pdf`) and an ODS spreadsheet with
one sheet per table (`ods.write_ods`). Who may make it, and the stored end-of-period reports,
are in `impact.report.services`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from wagtail.models import Site

from impact.figures import figures, grants_out_by_month, money_in_by_month
from impact.periods import Period
from impact.report.content import TITLE, Context, Report, small_numbers_note
from impact.report.sections import SECTIONS
from nolimits.models import SiteSettings


def build_report(period: Period, *, author_role: str, today: dt.date | None = None) -> Report:
    """The board paper for `period`, compared with the period before it."""
    previous = period.previous()
    made_on = today or timezone.localdate()
    ctx = Context(
        period=period,
        previous=previous,
        now=figures(period),
        before=figures(previous),
        money_in=money_in_by_month(period),
        grants_out=grants_out_by_month(period),
        made_on=made_on,
    )
    return Report(
        council=council_name(),
        title=TITLE,
        period=period,
        previous=previous,
        made_on=made_on,
        author_role=author_role,
        cover_notes=[small_numbers_note()],
        sections=[section(ctx) for section in SECTIONS],
    )


def council_name() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).council_name if site else ""
