"""Public volunteering pages. Each view parses input and calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from nolimits import kept_lists, ratelimit
from nolimits.links import url_for_each
from nolimits.models import User
from volunteers import extensions, permissions, selectors, services
from volunteers.forms import ApplicationForm, SessionForm, WithdrawForm, session_with_offered
from volunteers.models import Volunteer


def within_limit(request, form, name: str) -> bool:
    """Public forms that write data are rate limited (settings.RATE_LIMITS); over the limit,
    the form is shown again with what was typed and a plain message."""
    if ratelimit.allow(request, name):
        return True
    form.add_error(None, ratelimit.MESSAGE)
    return False


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
    # The checklist is kept drawn until one of the records it shows changes, for the day (an
    # expiry or a renewal date is compared with today).
    drawn = kept_lists.kept(
        request,
        "checklist",
        lambda: _draw_checklist(volunteer, kept_lists.scheme_stamp(request)),
        drawn_for=(volunteer.pk, timezone.localdate().isoformat()),
        html=("body",),
    )
    return render(
        request,
        "volunteers/checklist.html",
        {"body": kept_lists.with_token(request, drawn["body"])},
    )


def _draw_checklist(volunteer, scheme_stamp: tuple) -> dict:
    """The checklist as the volunteer sees it, drawn without the request: their records (once,
    clearance.PREFETCH), the scheme's courses, handbook and settings (read once a version and a
    day in each process), what the apps above add (their young people), and a form's token as
    kept_lists.TOKEN_MARK."""
    # Read again: the one the view found came before the data versions were read.
    volunteer = Volunteer.objects.select_related("mentor").get(pk=volunteer.pk)
    context = {
        "volunteer": volunteer,
        **selectors.checklist(volunteer, context=selectors.scheme_context(scheme_stamp)),
        **{k: v for extra in extensions.checklist_context for k, v in extra(volunteer).items()},
        "csrf_token": kept_lists.TOKEN_MARK,
    }
    return {"body": render_to_string("volunteers/_checklist_body.html", context)}


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


# --- Sessions and expenses (the volunteer) -------------------------------------------------------


def _limits(request):
    from volunteers.models import VolunteeringSettings

    return VolunteeringSettings.for_request(request)


SESSIONS_PER_PAGE = 25


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def sessions(request):
    volunteer = _own(request)
    if volunteer is None:
        return redirect("volunteers:apply")
    page_number = request.GET.get("page")
    if page_number in (None, "1"):
        # The first page, the one every visit opens, and whom the form offers are kept until a
        # session, a claim or a match changes.
        logged = kept_lists.kept(
            request,
            "sessions",
            lambda: _draw_sessions(volunteer, 1),
            drawn_for=(volunteer.pk, timezone.localdate().isoformat()),
            html=("sessions", "blank_form"),
            check=lambda kept: all(len(choice) == 2 for choice in kept["with_whom"]),
        )
    else:
        logged = _draw_sessions(volunteer, page_number)
    others = [(value, label) for value, label in logged["with_whom"]]
    form = SessionForm(request.POST or None, volunteer=volunteer, others=others)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_log(volunteer=volunteer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Your session is logged. Thank you.")
            return redirect("volunteers:sessions")
    return render(
        request,
        "volunteers/sessions.html",
        {"form": form, "logged": logged, "volunteer": volunteer},
    )


def _draw_sessions(volunteer, page_number) -> dict:
    """A page of logged sessions, newest first (the model's order), counted and sliced by the
    database (a volunteer of some years has hundreds), drawn without the request."""
    logged = Paginator(
        volunteer.sessions.prefetch_related(Prefetch("expenses", to_attr="claims")),
        SESSIONS_PER_PAGE,
    ).get_page(page_number)
    claim_url = url_for_each("volunteers:claim", 987654321)
    for session in logged:
        session.claim_url = claim_url(session.pk)
    # Whom they may log time with hangs on their status: read again, as the view's copy came
    # before the data versions were read.
    volunteer = Volunteer.objects.get(pk=volunteer.pk)
    with_whom = session_with_offered(volunteer)
    return {
        "sessions": render_to_string("volunteers/_sessions_logged.html", {"sessions": logged}),
        "with_whom": with_whom,
        # The form's questions as a blank form shows them (no token, nothing typed).
        "blank_form": render_to_string(
            "volunteers/_session_fields.html",
            {"form": SessionForm(volunteer=volunteer, others=with_whom)},
        ),
    }


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def claim(request, session_pk: int):
    from django.shortcuts import get_object_or_404

    from volunteers.forms import ExpenseForm

    volunteer = _own(request)
    session = get_object_or_404(
        volunteer.sessions if volunteer else Volunteer.objects.none(), pk=session_pk
    )
    limits = _limits(request)
    form = ExpenseForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.expense_claim(
                session=session,
                by=request.user,
                kind=d["kind"],
                description=d["description"],
                limits=limits,
                miles=d.get("miles"),
                amount_pence=d.get("amount"),
                receipt=d.get("receipt"),
            )
        except ValidationError as exc:
            field = "receipt" if "receipt" in " ".join(exc.messages).lower() else None
            form.add_error(field, exc)
        else:
            messages.success(request, "Your claim is sent. A coordinator will look at it.")
            return redirect("volunteers:sessions")
    return render(
        request, "volunteers/claim.html", {"form": form, "session": session, "limits": limits}
    )


@login_required
def receipt(request, key):
    """Receipts are private: the volunteer, coordinators and finance only; always a download."""
    from django.http import Http404

    from volunteers.models import ExpenseClaim

    claim_obj = (
        ExpenseClaim.objects.select_related("session__volunteer").filter(receipt_key=key).first()
    )
    if claim_obj is None or not claim_obj.receipt:
        raise Http404("No receipt")
    if not permissions.can_see_receipt(request.user, claim_obj):
        raise Http404("No receipt")
    from nolimits.files import private_download

    extension = claim_obj.receipt.name.rsplit(".", 1)[-1]
    return private_download(
        claim_obj.receipt,
        filename=f"receipt-{claim_obj.pk}.{extension}",
        content_type=claim_obj.receipt_content_type,
    )


# --- Staff mentors ------------------------------------------------------------------------------


@login_required
@never_cache
def mentees(request):
    volunteers = (
        Volunteer.objects.filter(mentor=request.user)
        .exclude(status=Volunteer.Status.LEFT)
        .select_related("user")
        .order_by("user__full_name")
    )
    from volunteers.clearance import PREFETCH, Context, cleared_for

    context = Context.load()
    rows = [(v, cleared_for(v, context=context)) for v in volunteers.prefetch_related(*PREFETCH)]
    return render(request, "volunteers/mentees.html", {"rows": rows})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def mentee(request, volunteer_pk: int):
    from django.http import Http404

    from volunteers.clearance import cleared_for
    from volunteers.forms import SupervisionForm

    volunteer = (
        Volunteer.objects.select_related("user")
        .filter(pk=volunteer_pk, mentor=request.user)
        .first()
    )
    if volunteer is None:
        raise Http404("Not one of your volunteers")
    form = SupervisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_record(
                volunteer=volunteer, mentor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Supervision note saved.")
            return redirect("volunteers:mentee", volunteer_pk=volunteer.pk)
    return render(
        request,
        "volunteers/mentee.html",
        {
            "volunteer": volunteer,
            "cleared_for": cleared_for(volunteer),
            "form": form,
            "sessions": volunteer.sessions.all()[:20],
            "notes": volunteer.supervision_notes.all(),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def reference(request, token: str):
    """A referee's online reference, by their signed, single-use, expiring link."""
    from volunteers.forms import ReferenceAnswerForm

    try:
        found = services.reference_from_link(token)
    except services.LinkProblem as problem:
        return _link_problem(request, problem)
    form = ReferenceAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.reference_give(token=token, **form.cleaned_data)
        except services.LinkProblem as problem:
            return _link_problem(request, problem)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "volunteers/reference_given.html")
    return render(request, "volunteers/reference.html", {"form": form, "reference": found})


def _link_problem(request, problem):
    text = str(problem)
    gone = "expired" in text or "already" in text or "no longer" in text
    return render(
        request, "volunteers/link_problem.html", {"problem": text}, status=410 if gone else 400
    )


@never_cache
@require_http_methods(["GET", "POST"])
def cancel_booking(request, token: str):
    """Whoever booked cancels by the link in their confirmation email."""
    try:
        booking = services.booking_from_link(token)
    except services.LinkProblem as problem:
        return _link_problem(request, problem)
    error = ""
    if request.method == "POST":
        try:
            booking = services.booking_cancel(token=token)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "volunteers/cancel_booking.html",
        {"booking": booking, "cancelled": booking.cancelled, "error": error},
    )


# --- Come-along activities -----------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def offer(request):
    from volunteers.forms import OpportunityForm

    volunteer = _own(request)
    if volunteer is None:
        return redirect("volunteers:apply")
    form = OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.opportunity_offer(volunteer=volunteer, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, "Thank you. A coordinator will check your activity before it is published."
            )
            return redirect("volunteers:checklist")
    return render(request, "volunteers/offer.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def book(request, pk: int):
    from django.shortcuts import get_object_or_404

    from volunteers.forms import BookingForm
    from volunteers.models import Opportunity

    opportunity = get_object_or_404(Opportunity, pk=pk, status=Opportunity.Status.APPROVED)
    form = BookingForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and within_limit(request, form, "volunteers.book")
    ):
        try:
            services.booking_make(opportunity=opportunity, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(request, "volunteers/booked.html", {"opportunity": opportunity})
    left = opportunity.places - opportunity.bookings.filter(cancelled=False).count()
    return render(
        request, "volunteers/book.html", {"form": form, "opportunity": opportunity, "left": left}
    )
