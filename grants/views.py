"""The applicant's journey (one question per page, saved as they go) and the worker's link."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from grants import services
from grants.eligibility import eligibility
from grants.forms import STEP_FORMS, AmountForm, EndorsementForm
from grants.models import Application
from nolimits.forms import GovukForm


def _own(request, uuid) -> Application:
    """The applicant's own application, or one a worker started with them."""
    from django.db.models import Q

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
    return redirect("grants:step", uuid=application.uuid, step="about_you")


def _initial(application: Application, step: str) -> dict:
    if step == "about_you":
        care = {True: "yes", False: "no"}.get(application.care_experienced)
        return {"date_of_birth": application.date_of_birth, "care_experienced": care}
    if step == "amount":
        return {
            "amount": f"{application.amount_pence / 100:.2f}" if application.amount_pence else ""
        }
    form_class = STEP_FORMS[step][0]
    return {name: getattr(application, name) for name in form_class.base_fields}


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def step(request, uuid, step):
    application = _own(request, uuid)
    if step not in STEP_FORMS:
        return redirect("grants:check", uuid=uuid)
    if application.status not in (Application.Status.DRAFT, Application.Status.MORE_INFO):
        return redirect("grants:status", uuid=uuid)
    form_class, title = STEP_FORMS[step]
    kwargs = {"category": application.category} if form_class is AmountForm else {}
    form = form_class(request.POST or None, initial=_initial(application, step), **kwargs)
    not_eligible = None
    if request.method == "POST" and form.is_valid():
        answers = dict(form.cleaned_data)
        if step == "amount":
            answers = {"amount_pence": answers["amount"]}
        services.application_save_step(application=application, by=request.user, **answers)
        if step == "about_you":
            ok, not_eligible = eligibility(
                date_of_birth=application.date_of_birth,
                care_experienced=application.care_experienced,
            )
            if ok:
                not_eligible = None
        if not not_eligible:
            if "later" in request.POST:
                messages.success(
                    request, "Saved. You can finish your application later, on any device."
                )
                return redirect("grants:mine")
            steps = list(STEP_FORMS)
            position = steps.index(step)
            following = steps[position + 1] if position + 1 < len(steps) else "check"
            if request.GET.get("from") == "check":
                following = "check"
            return redirect(
                "grants:check" if following == "check" else "grants:step",
                uuid=uuid,
                **({} if following == "check" else {"step": following}),
            )
    steps = list(STEP_FORMS)
    return render(
        request,
        "grants/step.html",
        {
            "application": application,
            "form": form,
            "title": title,
            "step": step,
            "not_eligible": not_eligible,
            "number": steps.index(step) + 1,
            "total": len(steps) + 1,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def check(request, uuid):
    application = _own(request, uuid)
    if application.status not in (Application.Status.DRAFT, Application.Status.MORE_INFO):
        return redirect("grants:status", uuid=uuid)
    problems = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, by=request.user)
        except ValidationError as exc:
            problems = exc.messages
        else:
            return redirect("grants:status", uuid=uuid)
    return render(
        request,
        "grants/check.html",
        {
            "application": application,
            "problems": problems,
            "missing": services.missing_answers(application),
            "error_summary": problems,
        },
    )


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
        label="No Limits may share my words (with my first name changed) to encourage others to give",
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
            "history": application.status_changes.all(),
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
    with_me = forms.BooleanField(
        label="The young person is with me and wants to apply",
        error_messages={"required": "Only start an application with the young person's agreement"},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def start_for(request):
    """A worker starts an application with a young person beside them."""
    form = StartForForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start_for(
                worker=request.user,
                full_name=form.cleaned_data["full_name"],
                email=form.cleaned_data["email"],
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            return redirect("grants:step", uuid=application.uuid, step="about_you")
    return render(request, "grants/start_for.html", {"form": form})
