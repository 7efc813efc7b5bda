"""The applicant's journey (one question per page, saved as they go) and the worker's link."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from grants import permissions, services
from grants.eligibility import age_reason, care_reason
from grants.forms import STEP_FORMS, AmountForm, EndorsementForm
from grants.history import Viewer, history_for
from grants.models import Application
from nolimits import ratelimit
from nolimits.forms import GovukForm


def _own(request, uuid) -> Application:
    """The applicant's own application, or one a worker started with them."""
    return get_object_or_404(
        Application.objects.select_related("category"),
        Q(applicant=request.user) | Q(started_by=request.user),
        uuid=uuid,
    )


@login_required
@never_cache
def my_applications(request):
    return render(
        request,
        "grants/mine.html",
        {
            "applications": request.user.grant_applications.select_related("category"),
            "started": request.user.grant_applications_started.select_related(
                "category", "applicant"
            ),
        },
    )


@login_required
@require_http_methods(["POST"])
def start(request):
    application = services.application_start(applicant=request.user)
    return redirect("grants:step", uuid=application.uuid, step=Application.STEPS[0])


def _initial(application: Application, step: str) -> dict:
    if step == "in_care":
        return {"care_experienced": {True: "yes", False: "no"}.get(application.care_experienced)}
    if step == "amount":
        return {
            "amount": f"{application.amount_pence / 100:.2f}" if application.amount_pence else ""
        }
    form_class = STEP_FORMS[step][0]
    return {name: getattr(application, name) for name in form_class.base_fields}


def _step_url(application: Application, step: str) -> str:
    if step == "check":
        return reverse("grants:check", args=[application.uuid])
    return reverse("grants:step", args=[application.uuid, step])


def _back_url(application: Application, step: str, from_check: bool) -> str:
    """Back goes to the question before (or the check page, when changing an answer from it)."""
    if from_check:
        return _step_url(application, "check")
    position = Application.STEPS.index(step)
    if position == 0:
        return reverse("grants:mine")
    return _step_url(application, Application.STEPS[position - 1])


def _not_eligible(step: str, application: Application) -> str:
    if step == "date_of_birth" and application.date_of_birth:
        return age_reason(application.date_of_birth)
    if step == "in_care" and application.care_experienced is not None:
        return care_reason(application.care_experienced)
    return ""


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def step(request, uuid, step):
    application = _own(request, uuid)
    if step not in STEP_FORMS:
        return redirect("grants:check", uuid=uuid)
    if application.status not in Application.EDITABLE:
        return redirect("grants:status", uuid=uuid)
    from_check = request.GET.get("from") == "check"
    form_class, title = STEP_FORMS[step]
    kwargs = {"category": application.category} if form_class is AmountForm else {}
    data = request.POST if request.method == "POST" else None  # an empty POST still shows errors
    form = form_class(data, initial=_initial(application, step), **kwargs)
    not_eligible = ""
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        if step == "amount":
            answers = {"amount_pence": answers["amount"]}
        services.application_save_step(application=application, by=request.user, **answers)
        not_eligible = _not_eligible(step, application)
        if not not_eligible:
            if "later" in request.POST:
                messages.success(
                    request, "Saved. You can finish your application later, on any device."
                )
                return redirect("grants:mine")
            following = Application.STEPS[Application.STEPS.index(step) + 1]
            return redirect(_step_url(application, "check" if from_check else following))
    return render(
        request,
        "grants/step.html",
        {
            "application": application,
            "form": form,
            "title": title,
            "step": step,
            "not_eligible": not_eligible,
            "back_url": _back_url(application, step, from_check),
            "number": Application.STEPS.index(step) + 1,
            "total": len(Application.STEPS),
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def check(request, uuid):
    application = _own(request, uuid)
    if application.status not in Application.EDITABLE:
        return redirect("grants:status", uuid=uuid)
    problems = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, by=request.user)
        except ValidationError as exc:
            problems = exc.messages
        else:
            if application.status == Application.Status.MORE_INFO:
                messages.success(request, "Thank you. Your application is back with the panel.")
            return redirect("grants:status", uuid=uuid)
    return render(
        request,
        "grants/check.html",
        {
            "application": application,
            "problems": problems,
            "missing": services.missing_answers(application),
            "question": _panel_question(application),
            "back_url": _step_url(application, Application.STEPS[-2]),
            "error_summary": problems,
        },
    )


def _panel_question(application: Application) -> str:
    """What the panel asked, while the application is waiting for more information."""
    if application.status != Application.Status.MORE_INFO:
        return ""
    return application.decision_message


class ProofForm(forms.Form):
    file = forms.FileField(
        label="A photo or PDF of the receipt",
        help_text="JPG, PNG or PDF, smaller than 5 MB.",
        error_messages={"required": "Choose the file to send"},
    )


class ThankYouForm(forms.Form):
    message = forms.CharField(
        label="Your thank-you, or how it went",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write a few words, or leave this page"},
    )
    consent_to_share = forms.BooleanField(
        label="No Limits may share my words, with my first name only, to encourage others to give",
        required=False,
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def status(request, uuid):
    application = _own(request, uuid)
    heading, next_step = application.plain_status()
    form = None
    proof_form = None
    if application.status in (
        Application.Status.APPROVED,
        Application.Status.PART_APPROVED,
        Application.Status.PAID,
    ):
        proof_form = ProofForm(
            request.POST if "proof" in request.POST else None, request.FILES or None
        )
        if "proof" in request.POST and proof_form.is_valid():
            try:
                services.proof_of_spend_upload(
                    application=application, by=request.user, upload=proof_form.cleaned_data["file"]
                )
            except ValidationError as exc:
                proof_form.add_error("file", exc)
            else:
                messages.success(request, "Thank you. We have your proof of spending.")
                return redirect("grants:status", uuid=uuid)
    if (
        application.status in (Application.Status.PAID, Application.Status.CLOSED)
        and "proof" not in request.POST
    ):
        form = ThankYouForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.thank_you_write(application=application, by=request.user, **form.cleaned_data)
            messages.success(
                request, "Thank you for writing. It means a lot to the people who give."
            )
            return redirect("grants:status", uuid=uuid)
    return render(
        request,
        "grants/status.html",
        {
            "application": application,
            "heading": heading,
            "next_step": next_step,
            "history": history_for(application, Viewer.APPLICANT),
            "question": _panel_question(application),
            "form": form,
            "proof_form": proof_form,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def endorse(request, token):
    try:
        endorsement = services.endorsement_from_link(token)
    except services.LinkProblem as problem:
        return render(
            request,
            "grants/endorse_problem.html",
            {"problem": str(problem)},
            status=410 if "used" in str(problem) or "expired" in str(problem) else 400,
        )
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.endorsement_record(token=token, **form.cleaned_data)
        except services.LinkProblem as problem:
            return render(
                request, "grants/endorse_problem.html", {"problem": str(problem)}, status=410
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "grants/endorsed.html", {"endorsed": form.cleaned_data["endorsed"]}
            )
    return render(
        request, "grants/endorse.html", {"form": form, "application": endorsement.application}
    )


class StartForForm(GovukForm):
    error_keywords = {"email": "email"}  # the service refuses someone else's email address

    full_name = forms.CharField(
        label="The young person's full name",
        max_length=150,
        error_messages={"required": "Enter their full name"},
    )
    email = forms.EmailField(
        label="Their email address",
        help_text="So they can follow the application themselves.",
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    endorser_name = forms.CharField(
        label="Name of the worker who will support the application",
        max_length=150,
        help_text="Their personal adviser, social worker or keyworker. Not you: someone else "
        "confirms the application.",
        error_messages={"required": "Enter the name of the worker who will support it"},
    )
    endorser_email = forms.EmailField(
        label="That worker's email address",
        error_messages={
            "required": "Enter the supporting worker's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    with_me = forms.BooleanField(
        label="The young person is with me and wants to apply",
        error_messages={"required": "Only start an application with the young person's agreement"},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def start_for(request):
    """A worker (the Workers role) starts an application with a young person beside them."""
    allowed, why = permissions.can_start_for_young_person(request.user)
    if not allowed:
        raise PermissionDenied(why)
    form = StartForForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow(request, "grants.start_for_young_person"):
            form.add_error(None, ratelimit.MESSAGE)
        else:
            data = form.cleaned_data
            try:
                application = services.application_start_for(
                    worker=request.user,
                    full_name=data["full_name"],
                    email=data["email"],
                    endorser_name=data["endorser_name"],
                    endorser_email=data["endorser_email"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    f"Application started with {application.started_for_name}. We have emailed "
                    "them so they can follow it too.",
                )
                return redirect("grants:step", uuid=application.uuid, step=Application.STEPS[0])
    return render(request, "grants/start_for.html", {"form": form})
