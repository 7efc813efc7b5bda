"""The coordinator's volunteer file in the Wagtail admin: every record, every action, one page.

Each action form posts here with `action=<name>` and calls one service. Opening the file writes
an audit entry, because it shows DBS records (section 124 Police Act: log who viewed them).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from volunteers import admin_forms as f
from volunteers import permissions, selectors, services
from volunteers.clearance import Context, clearance, cleared_for
from volunteers.models import DBSCheck, ExpenseClaim, Reference, Volunteer

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
    "chase": (
        f.ReferenceChaseForm,
        True,
        lambda v, by, d: services.reference_request(
            reference=d["reference"], chase=f"resent:{timezone.localdate():%Y-%m-%d}"
        ),
        "The referee has been sent their link again.",
    ),
    "approve": (
        f.ApproveForm,
        False,
        lambda v, by, d: services.volunteer_approve(volunteer=v, by=by),
        "Approved: they are cleared to be matched.",
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


PRE_ACTIVE = (
    Volunteer.Status.APPLIED,
    Volunteer.Status.REFERENCES,
    Volunteer.Status.DBS,
    Volunteer.Status.TRAINING,
)


def _plan(volunteer: Volunteer, forms: dict) -> tuple[str, str | None, set[str]]:
    """What the coordinator should do next (and with which form), and which actions make sense
    at this volunteer's stage. Only these are shown; the services refuse anything else anyway."""
    status = volunteer.status
    checks = list(volunteer.dbs_checks.all())
    references = list(volunteer.references.all())
    waiting_refs = [r for r in references if r.outcome == Reference.Outcome.WAITING]
    pending = [c for c in checks if c.decision == DBSCheck.Decision.PENDING]
    accepted = [c for c in checks if c.decision == DBSCheck.Decision.ACCEPTED]
    visible = {"training", "mentor"}
    if forms["move"].fields["to"].choices:
        visible.add("move")
    if status == Volunteer.Status.LEFT:
        return (
            "They have left volunteering. Their records are kept for the retention period.",
            None,
            set(),
        )
    if status in (Volunteer.Status.TRAINING, Volunteer.Status.ACTIVE):
        visible.add("suspend")
    if references and (waiting_refs or status in PRE_ACTIVE):
        visible.add("reference")
    if waiting_refs:
        visible.add("chase")
    if not volunteer.interview_done_on:
        visible.add("interview")
    if not pending:
        visible.add("dbs")
    if pending:
        visible.add("decide")
    if forms["risk"].fields["check"].queryset.exists():
        visible.add("risk")
    if any(c.update_service_subscribed for c in checks):
        visible.add("status")
    if status == Volunteer.Status.PAUSED:
        return (
            "They are suspended. Reinstate them (move to “Approved and active”) when it is safe, or record that they have left.",
            "move",
            visible,
        )
    if status == Volunteer.Status.ACTIVE:
        return (
            "They are approved. Keep their DBS and training in date; record Update Service checks.",
            None,
            visible,
        )
    visible.add("approve")
    satisfactory = sum(r.outcome == Reference.Outcome.SATISFACTORY for r in references)
    if any(r.outcome == Reference.Outcome.CONCERNS for r in references):
        return (
            "A referee raised concerns: read the reference and decide, then record the outcome.",
            "reference",
            visible,
        )
    if satisfactory < 2 and waiting_refs:
        return (
            f"Waiting for references ({satisfactory} of 2 back). Referees answer online; you can send a referee their link again.",
            "chase",
            visible,
        )
    if satisfactory < 2:
        return f"Record the references ({satisfactory} of 2 satisfactory).", "reference", visible
    if not volunteer.interview_done_on:
        return "Hold the interview, then record it.", "interview", visible
    if pending:
        return "Decide on the DBS certificate.", "decide", visible
    if not accepted:
        return "Record their DBS certificate when it arrives.", "dbs", visible
    if "risk" in visible:
        return (
            "The certificate has content: approve the risk assessment once it is done.",
            "risk",
            visible,
        )
    ready = clearance(volunteer, for_approval=True)
    missing = " ".join(ready.reasons)
    if ready:
        return "Everything is in place: approve them.", "approve", visible
    if "training" in missing.lower() or "induction" in missing.lower() or "expired" in missing:
        return "Record their training when they have done it.", "training", visible
    if not volunteer.mentor_id:
        return "Assign a staff mentor.", "mentor", visible
    return "Waiting for the volunteer: " + missing, None, visible


def volunteer_file(request, pk: int):
    if not permissions.can_open_files(request.user):
        raise PermissionDenied
    volunteer = get_object_or_404(
        Volunteer.objects.select_related("user", "mentor", "approved_by"), pk=pk
    )
    action = request.POST.get("action") if request.method == "POST" else None
    forms = _forms(volunteer, request.POST, action)
    if action in ACTIONS:
        if not permissions.is_coordinator(request.user):
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
    can_see_dbs = permissions.can_see_dbs(request.user)
    checks = list(volunteer.dbs_checks.prefetch_related("status_checks")) if can_see_dbs else []
    services.dbs_records_viewed(checks=checks, by=request.user)
    next_step, next_action, visible = _plan(volunteer, forms)
    if action in ACTIONS:
        visible.add(action)  # a form with an error stays on the page, with its message
    if not can_see_dbs:
        visible -= {"dbs", "decide", "risk", "status"}
        if next_action in ("dbs", "decide", "risk", "status"):
            next_action = None
    context = Context.load()
    return TemplateResponse(
        request,
        "volunteers/admin/file.html",
        {
            **selectors.checklist(volunteer),
            "volunteer": volunteer,
            "forms": forms,
            "failed": action in ACTIONS,  # a saved action redirects; one shown again failed
            "cleared_for": cleared_for(volunteer, context=context),
            "missing_for_approval": clearance(
                volunteer, for_approval=True, context=context
            ).reasons,
            "next_step": next_step,
            "next_action": next_action,
            "visible": visible,
            "checks": checks,
            "can_see_dbs": can_see_dbs,
            "references": volunteer.references.all(),
            "training_records": volunteer.training.select_related("course"),
            "history": volunteer.status_changes.select_related("by"),
        },
    )


def _decide(request, model, name: str, decide, *, missing: str, done: str, back: str):
    """A queue's approve or turn-down button: the record the form names, decided by `decide`
    (a service taking `<name>=`, `by`, `approve` and `reason`), then back to the queue."""
    if not (request.POST.get(name) or "").isdigit():
        return HttpResponseBadRequest(missing)
    record = get_object_or_404(model, pk=request.POST[name])
    try:
        decide(
            **{name: record},
            by=request.user,
            approve=request.POST.get("decision") == "approve",
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(back)


def expenses_queue(request):
    if not permissions.can_decide_expenses(request.user)[0]:
        raise PermissionDenied
    if request.method == "POST":
        return _decide(
            request,
            ExpenseClaim,
            "claim",
            services.expense_decide,
            missing="Choose a claim to decide.",
            done="Claim decided.",
            back="volunteers_expenses",
        )
    waiting = (
        ExpenseClaim.objects.filter(status=ExpenseClaim.Status.WAITING)
        .select_related("session__volunteer__user")
        .order_by("claimed_at")
    )
    return TemplateResponse(request, "volunteers/admin/expenses.html", {"claims": waiting})


def opportunities_queue(request):
    """Come-along activities waiting for a coordinator, and the bookings on published ones."""
    from volunteers.models import Opportunity

    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        return _decide(
            request,
            Opportunity,
            "opportunity",
            services.opportunity_decide,
            missing="Choose an activity to decide.",
            done="Activity decided.",
            back="volunteers_opportunities",
        )
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
