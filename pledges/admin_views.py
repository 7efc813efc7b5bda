"""Finance screens in the Wagtail admin: monthly reconciliation, payroll run, fund balance."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from nolimits.money import pounds
from pledges import permissions, selectors, services
from pledges.models import PayrollRun, count_of


def _require(request, rule) -> None:
    if not rule(request.user):
        raise PermissionDenied


def reconciliation(request):
    """Gross, Stripe fee, net and payouts for a month; refunds and disputes as negative lines."""
    _require(request, permissions.can_see_finance)
    today = timezone.localdate()
    try:
        year, month = (int(x) for x in request.GET.get("month", f"{today:%Y-%m}").split("-"))
        dt.date(year, month, 1)
        if not 2000 <= year <= 2100:
            raise ValueError(year)
    except ValueError:
        year, month = today.year, today.month
        messages.error(request, "Choose a month like 2026-11.")
    report = selectors.monthly_reconciliation(year, month)
    return TemplateResponse(
        request,
        "pledges/admin/reconciliation.html",
        {
            "report": report,
            "month_value": f"{year}-{month:02d}",
            "balance": selectors.fund_balance(),
        },
    )


class PayrollRunForm(forms.Form):
    month = forms.DateField(
        label="Month",
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={
            "required": "Choose the month payroll took the deductions",
            "invalid": "Enter a month like 2026-11",
        },
    )


def payroll_run(request):
    """Finance confirms payroll took a month's deductions; each becomes a recorded gift."""
    _require(request, permissions.can_confirm_payroll)
    form = PayrollRunForm(
        request.POST or None, initial={"month": timezone.localdate().replace(day=1)}
    )
    month = None
    if form.is_valid():
        month = form.cleaned_data["month"].replace(day=1)
        if "confirm" in request.POST:
            try:
                run = services.payroll_run_confirm(month=month, by=request.user)
            except ValidationError as exc:
                form.add_error("month", exc)
            else:
                messages.success(
                    request,
                    f"Recorded {count_of(run.gift_count, 'payroll gift')}, "
                    f"{pounds(run.total_pence, exact=True)}, "
                    f"for {month:%B %Y}.",
                )
                return redirect("pledges_payroll_run")
    preview = list(services.payroll_pledges_for(month)) if month else []
    return TemplateResponse(
        request,
        "pledges/admin/payroll_run.html",
        {
            "form": form,
            "month": month,
            "preview": preview,
            "preview_total": sum(p.amount_pence for p in preview),
            "recent": PayrollRun.objects.select_related("confirmed_by")[:12],
        },
    )
