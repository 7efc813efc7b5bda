"""The coordinator's volunteer file in the Wagtail admin: every record, every action, one page.

Each action form posts here with `action=<name>` and calls one service. Opening the file writes
an audit entry, because it shows DBS records (section 124 Police Act: log who viewed them).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.log_actions import log

from volunteers import admin_forms as f
from volunteers import selectors, services
from volunteers.clearance import clearance
from volunteers.models import ExpenseClaim, Volunteer

ACTIONS = {
    "reference": (
        f.ReferenceForm,
        True,
        lambda v, by, d: services.reference_record(
            reference=d["reference"], by=by, outcome=d["outcome"], received_on=d["received_on"]
        ),
        "Reference recorded.",
    ),
    "interview": (
        f.InterviewForm,
        False,
        lambda v, by, d: services.interview_record(volunteer=v, by=by, done_on=d["done_on"]),
        "Interview recorded.",
    ),
    "dbs": (
        f.DBSCheckForm,
        False,
        lambda v, by, d: services.dbs_check_record(volunteer=v, by=by, **d),
        "DBS certificate recorded.",
    ),
    "decide": (
        f.DBSDecisionForm,
        True,
        lambda v, by, d: services.dbs_check_decide(
            check=d["check"], by=by, decision=d["decision"], note=d["note"]
        ),
        "DBS decision recorded.",
    ),
    "risk": (
        f.RiskAssessmentForm,
        True,
        lambda v, by, d: services.dbs_risk_assessment_approve(check=d["check"], by=by),
        "Risk assessment approved.",
    ),
    "status": (
        f.StatusCheckForm,
        True,
        lambda v, by, d: services.dbs_status_check_record(
            check=d["check"], by=by, result=d["result"], checked_on=d["checked_on"]
        ),
        "Update Service check recorded.",
    ),
    "training": (
        f.TrainingForm,
        False,
        lambda v, by, d: services.training_record_add(
            volunteer=v, course=d["course"], completed_on=d["completed_on"], by=by
        ),
        "Training recorded.",
    ),
    "mentor": (
        f.MentorForm,
        False,
        lambda v, by, d: services.mentor_assign(volunteer=v, mentor=d["mentor"], by=by),
        "Mentor assigned.",
    ),
    "move": (
        f.MoveForm,
        True,
        lambda v, by, d: services.volunteer_move(
            volunteer=v, to=d["to"], by=by, reason=d["reason"]
        ),
        "Stage changed.",
    ),
    "suspend": (
        f.SuspendForm,
        False,
        lambda v, by, d: services.volunteer_suspend(volunteer=v, by=by, reason=d["reason"]),
        "Volunteer suspended.",
    ),
}


def _forms(volunteer, data=None, action=None):
    built = {}
    for name, (form_class, needs_volunteer, _, _) in ACTIONS.items():
        kwargs = {"volunteer": volunteer} if needs_volunteer else {}
        bound = data if name == action else None
        built[name] = form_class(bound, prefix=name, **kwargs)
    return built


def volunteer_file(request, pk: int):
    if not request.user.has_perm("volunteers.view_volunteer"):
        raise PermissionDenied
    volunteer = get_object_or_404(
        Volunteer.objects.select_related("user", "mentor", "approved_by"), pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _forms(volunteer, request.POST, action)
    if action in ACTIONS:
        if not request.user.has_perm("volunteers.manage_volunteers"):
            raise PermissionDenied
        form = forms[action]
        if form.is_valid():
            try:
                ACTIONS[action][2](volunteer, request.user, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, ACTIONS[action][3])
                return redirect("volunteers_file", pk=volunteer.pk)
        messages.error(request, "That was not saved: see the message by the form.")
    can_see_dbs = request.user.has_perm("volunteers.view_dbs")
    checks = list(volunteer.dbs_checks.prefetch_related("status_checks")) if can_see_dbs else []
    for check in checks:
        log(instance=check, action="volunteers.dbs_viewed", user=request.user)
    return TemplateResponse(
        request,
        "volunteers/admin/file.html",
        {
            "volunteer": volunteer,
            "forms": forms,
            "clearance": clearance(volunteer),
            "checks": checks,
            "can_see_dbs": can_see_dbs,
            "references": volunteer.references.all(),
            "training": volunteer.training.select_related("course"),
            "history": volunteer.status_changes.select_related("by"),
            **selectors.checklist(volunteer),
        },
    )


def expenses_queue(request):
    if not request.user.has_perm("volunteers.decide_expenses"):
        raise PermissionDenied
    if request.method == "POST":
        claim = get_object_or_404(ExpenseClaim, pk=request.POST.get("claim"))
        try:
            services.expense_decide(
                claim=claim,
                by=request.user,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Claim decided.")
        return redirect("volunteers_expenses")
    waiting = (
        ExpenseClaim.objects.filter(status=ExpenseClaim.Status.WAITING)
        .select_related("session__volunteer__user")
        .order_by("claimed_at")
    )
    return TemplateResponse(request, "volunteers/admin/expenses.html", {"claims": waiting})


def opportunities_queue(request):
    """Come-along activities waiting for a coordinator, and the bookings on published ones."""
    from volunteers.models import Opportunity

    if not request.user.has_perm("volunteers.manage_volunteers"):
        raise PermissionDenied
    if request.method == "POST":
        opportunity = get_object_or_404(Opportunity, pk=request.POST.get("opportunity"))
        try:
            services.opportunity_decide(
                opportunity=opportunity,
                by=request.user,
                approve=request.POST.get("decision") == "approve",
                reason=request.POST.get("reason", ""),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Activity decided.")
        return redirect("volunteers_opportunities")
    waiting = Opportunity.objects.filter(status=Opportunity.Status.SUBMITTED).select_related(
        "volunteer__user"
    )
    published = (
        Opportunity.objects.filter(status=Opportunity.Status.APPROVED)
        .select_related("volunteer__user")
        .prefetch_related("bookings")
    )
    return TemplateResponse(
        request, "volunteers/admin/opportunities.html", {"waiting": waiting, "published": published}
    )
