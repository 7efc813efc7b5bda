"""Public volunteering pages. Each view parses input and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from nolimits.models import User
from volunteers import selectors, services
from volunteers.forms import ApplicationForm, WithdrawForm
from volunteers.models import Volunteer


def _own(request) -> Volunteer | None:
    return (
        Volunteer.objects.filter(user=request.user)
        .exclude(status=Volunteer.Status.LEFT)
        .select_related("mentor")
        .first()
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def apply(request):
    if _own(request):
        return redirect("volunteers:checklist")
    if request.user.kind not in (User.Kind.STAFF, User.Kind.COUNCILLOR):
        return render(request, "volunteers/not_eligible.html", status=200)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.volunteer_apply(
                user=request.user,
                route=d["route"],
                interests=d["interests"],
                availability=d["availability"],
                area=d["area"],
                experience=d["experience"],
                volunteering_in_paid_time=d["volunteering_in_paid_time"],
                referees=form.referees(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Thank you for applying. Here is what happens next.")
            return redirect("volunteers:checklist")
    return render(request, "volunteers/apply.html", {"form": form})


@login_required
@never_cache
def checklist(request):
    volunteer = _own(request)
    if volunteer is None:
        return redirect("volunteers:apply")
    return render(
        request,
        "volunteers/checklist.html",
        {"volunteer": volunteer, **selectors.checklist(volunteer)},
    )


@login_required
@require_POST
def accept_handbook(request):
    volunteer = _own(request)
    if volunteer is None:
        return redirect("volunteers:apply")
    try:
        services.handbook_accept(volunteer=volunteer, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Thank you for reading and accepting the handbook.")
    return redirect("volunteers:checklist")


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request):
    volunteer = _own(request)
    if volunteer is None:
        return redirect("volunteers:apply")
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.volunteer_withdraw(
            volunteer=volunteer, by=request.user, reason=form.cleaned_data["reason"] or "Withdrew"
        )
        messages.success(
            request,
            "You have stopped volunteering. Thank you for your time. You can apply again whenever you like.",
        )
        return redirect("/")
    return render(request, "volunteers/withdraw.html", {"form": form})
