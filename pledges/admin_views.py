"""Finance screens in the Wagtail admin: monthly reconciliation, payroll run.

The reconciliation screen also shows what other apps register with the
`nolimits_finance_panels` hook (a function of the request returning a component, or None):
grants registers the fund balance, so pledges shows it without importing grants."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail import hooks

from nolimits.forms import MonthField
from nolimits.money import pounds
from pledges import permissions, selectors, services
from pledges.models import PayrollRun, count_of


def _require(request, rule) -> None:
    if not rule(request.user):
        raise PermissionDenied


def finance_panels(request) -> list:
    """The components other apps add to the finance screen (the `nolimits_finance_panels` hook)."""
    panels = (hook(request) for hook in hooks.get_hooks("nolimits_finance_panels"))
    return [panel for panel in panels if panel is not None]


def reconciliation(request):
    """Gross, Stripe fee, net and payouts for a month; refunds and disputes as negative lines."""
    _require(request, permissions.can_see_finance)
    today = timezone.localdate()
    form = ReconciliationForm(
        request.GET if "month" in request.GET or "month_month" in request.GET else None,
        initial={"month": today.replace(day=1)},
    )
    chosen = form.cleaned_data["month"] if form.is_bound and form.is_valid() else None
    if chosen is None:
        chosen = today.replace(day=1)  # an empty or impossible month shows this one, and says so
    year, month = chosen.year, chosen.month
    report = selectors.monthly_reconciliation(year, month)
    return TemplateResponse(
        request,
        "pledges/admin/reconciliation.html",
        {
            "report": report,
            "form": form,
            "finance_panels": finance_panels(request),
        },
    )


class MonthForm(forms.Form):
    month = MonthField(
        label="Month",
        required_message="Enter the month payroll took the deductions",
        name="The month",
        not_future=True,
        earliest=dt.date(2000, 1, 1),
    )


class PayrollRunForm(MonthForm):
    pass


class ReconciliationForm(MonthForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].error_messages["required"] = "Enter the month to show"


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
