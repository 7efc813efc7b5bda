"""What is done with the board report: a programme lead downloads it for any period, and at the
end of each six-month reporting period it is made once, kept, and the programme leads are
emailed a link to it. Every action checks `impact.permissions.can_make_board_report`."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from impact import permissions
from impact.periods import Period
from impact.report import build_report
from impact.report.content import Report
from impact.report.models import BoardReport
from nolimits import roles
from nolimits.links import site_url
from nolimits.mail import send_email
from nolimits.models import User

AUTHOR_ROLE = "Programme lead, No Limits"
SCHEDULED_AUTHOR_ROLE = "Programme lead, No Limits (made at the end of the period)"


# The writers are imported when a report is written, not when this module is: reportlab and odfpy
# cost every process that starts Django (the admin's hooks import this module) about half a second.
def write_pdf(report: Report) -> bytes:
    from impact.report.pdf import write_pdf

    return write_pdf(report)


def write_ods(report: Report) -> bytes:
    from impact.report.ods import write_ods

    return write_ods(report)


FORMATS = {
    "pdf": ("application/pdf", write_pdf),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", write_ods),
}


@dataclass(frozen=True)
class ReportFile:
    filename: str
    content_type: str
    content: bytes


def filename(period: Period, file_format: str) -> str:
    return f"corporate-parenting-board-report-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.{file_format}"


def board_report_file(*, user: User, period: Period, file_format: str) -> ReportFile:
    """The report for `period` as a PDF or an ODS, made now for a programme lead."""
    if not permissions.can_make_board_report(user):
        raise PermissionDenied
    content_type, write = FORMATS[file_format]
    content = write(build_report(period, author_role=AUTHOR_ROLE))
    return ReportFile(filename(period, file_format), content_type, content)


def stored_board_report(*, user: User, pk: int) -> BoardReport:
    """A report the schedule kept, for a programme lead to download."""
    if not permissions.can_make_board_report(user):
        raise PermissionDenied
    return BoardReport.objects.get(pk=pk)


def period_just_ended(today: dt.date) -> Period:
    """The reporting period that ended most recently before `today`."""
    return Period.reporting_period_containing(today).previous()


def programme_leads() -> list[str]:
    return list(
        User.objects.filter(groups__name=roles.PROGRAMME_LEADS, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def board_report_at_period_end(*, today: dt.date | None = None) -> BoardReport | None:
    """Make and keep the report for the reporting period that has just ended, once (a second
    call, or a second worker, finds it made), and email the programme leads a link to it.
    None when it was already made."""
    period = period_just_ended(today or timezone.localdate())
    if BoardReport.objects.filter(period_start=period.start, period_end=period.end).exists():
        return None
    report = build_report(period, author_role=SCHEDULED_AUTHOR_ROLE, today=today)
    stem = f"{period.start:%Y-%m-%d}-{uuid.uuid4().hex}"
    row = BoardReport(period_start=period.start, period_end=period.end, label=str(period))
    try:
        with transaction.atomic():
            row.pdf.save(f"{stem}.pdf", ContentFile(write_pdf(report)), save=False)
            row.ods.save(f"{stem}.ods", ContentFile(write_ods(report)), save=False)
            row.full_clean(validate_constraints=False)
            row.save()
            transaction.on_commit(lambda: email_programme_leads(row))
    except IntegrityError:  # another worker made it a moment ago
        delete_files(row)
        return None
    except Exception:
        delete_files(row)
        raise
    return row


def delete_files(row: BoardReport) -> None:
    for stored in (row.pdf, row.ods):
        if stored:
            stored.delete(save=False)


def email_programme_leads(row: BoardReport) -> None:
    pdf = site_url(reverse("impact_stored_board_report_pdf", args=[row.pk]))
    ods = site_url(reverse("impact_stored_board_report_ods", args=[row.pk]))
    body = (
        f"The report to the Corporate Parenting Board for {row.label} is ready.\n\n"
        f"Sign in to the No Limits admin to download it:\n\n"
        f"The paper (PDF): {pdf}\n"
        f"The tables (ODS spreadsheet): {ods}\n\n"
        f"Small numbers of young people are shown as \u201cfewer than 5\u201d, so the paper may be "
        f"published with the Board's papers. You can make the report for any other period "
        f"under Reports \u2192 Corporate Parenting Board report."
    )
    send_email(programme_leads(), f"Corporate Parenting Board report for {row.label}", body)
