"""The admin screens of the board report (Reports → Corporate Parenting Board report): pick a
period and download the PDF or the ODS; download a report the schedule kept."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse

from impact import permissions
from impact.periods import Period
from impact.report import services
from impact.report.forms import PeriodForm
from impact.report.models import BoardReport
from nolimits.files import private_download


def board_report(request):
    if not permissions.can_make_board_report(request.user):
        raise PermissionDenied
    asked = request.GET.get("format") in services.FORMATS
    form = PeriodForm(request.GET if asked else None)
    if asked and form.is_valid():
        made = services.board_report_file(
            user=request.user, period=form.chosen_period(), file_format=request.GET["format"]
        )
        response = HttpResponse(made.content, content_type=made.content_type)
        response["Content-Disposition"] = f'attachment; filename="{made.filename}"'
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
    return TemplateResponse(
        request,
        "impact/admin/board_report.html",
        {"form": form, "stored": BoardReport.objects.all()[:12]},
        status=400 if form.is_bound else 200,
    )


def stored_board_report(request, pk: int, file_format: str):
    try:
        row = services.stored_board_report(user=request.user, pk=pk)
    except BoardReport.DoesNotExist:
        raise Http404 from None
    content_type, _ = services.FORMATS[file_format]
    stored = row.pdf if file_format == "pdf" else row.ods
    period = Period(row.period_start, row.period_end, row.label)
    return private_download(
        stored, filename=services.filename(period, file_format), content_type=content_type
    )
