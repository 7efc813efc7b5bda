"""Public giving pages. Each view parses input and calls one service."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from nolimits import kept_lists
from nolimits.models import SiteSettings, User
from pledges import gateway, selectors, services
from pledges.forms import (
    ChangeAmountForm,
    DeclarationForm,
    GiftForm,
    PayrollPledgeForm,
    PledgeForm,
)
from pledges.models import CampaignPage, Donation, GivingSettings, Pledge

log = logging.getLogger(__name__)
UNREACHABLE = (
    "We could not reach our payment provider, so nothing has been set up and no money has been "
    "taken. Please try again in a few minutes."
)


def _charity(request) -> str:
    return SiteSettings.for_request(request).fund_holder_name


def _url(request, name, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


# --- Stripe webhook ---------------------------------------------------------------------------


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event, is_new = services.stripe_event_ingest(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature"),
            secret=gateway.webhook_secret(),
        )
    except services.BadWebhook as exc:
        log.warning("Rejected a Stripe webhook: %s", exc)
        return HttpResponseBadRequest("Invalid Stripe event")
    return HttpResponse("ok" if is_new else "duplicate", content_type="text/plain")


# --- Monthly pledges --------------------------------------------------------------------------


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def give(request):
    limits = GivingSettings.for_request(request)
    form = PledgeForm(
        request.POST or None,
        limits=limits,
        charity_name=_charity(request),
        in_force=services.declaration_in_force(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            pledge, url = services.pledge_create(
                donor=request.user,
                amount_pence=form.cleaned_data["amount_pence"],
                limits=limits,
                declaration=form.declaration(),
                charity_name=_charity(request),
                success_url=lambda p: _url(request, "pledges:pledge_thanks", p.uuid),
                cancel_url=_url(request, "pledges:give"),
            )
        except gateway.GatewayUnavailable:
            form.add_error(None, UNREACHABLE)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(url)
    return render(
        request,
        "pledges/give.html",
        {
            "form": form,
            "limits": limits,
            "demo": gateway.is_demo(),
            "is_staff_member": request.user.kind == User.Kind.STAFF,
        },
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def give_payroll(request):
    if request.user.kind != User.Kind.STAFF:
        messages.info(
            request,
            "Giving from your pay is for council staff. You can give by card or Direct Debit.",
        )
        return redirect("pledges:give")
    limits = GivingSettings.for_request(request)
    form = PayrollPledgeForm(request.POST or None, limits=limits)
    if request.method == "POST" and form.is_valid():
        try:
            pledge = services.payroll_pledge_create(
                donor=request.user,
                amount_pence=form.cleaned_data["amount"],
                employee_number=form.cleaned_data["employee_number"],
                start_month=form.cleaned_data["start_month"],
                limits=limits,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Thank you. {pledge.amount} a month will be taken from your pay from {pledge.payroll_start_month:%B %Y}.",
            )
            return redirect("pledges:my_giving")
    return render(request, "pledges/give_payroll.html", {"form": form})


@login_required
@never_cache
def pledge_thanks(request, pledge_uuid):
    pledge = get_object_or_404(Pledge, uuid=pledge_uuid, donor=request.user)
    return render(request, "pledges/pledge_thanks.html", {"pledge": pledge})


@login_required
@never_cache
def gift_thanks(request, donation_uuid):
    donation = get_object_or_404(Donation, uuid=donation_uuid, donor=request.user)
    return render(request, "pledges/gift_thanks.html", {"donation": donation})


# --- Campaign gifts ---------------------------------------------------------------------------


def _gift_form(request, page: CampaignPage, data=None) -> GiftForm:
    user = request.user
    return GiftForm(
        data,
        campaign=page,
        limits=GivingSettings.for_request(request),
        charity_name=_charity(request),
        in_force=services.declaration_in_force(user) if user.is_authenticated else None,
    )


def campaign(request, page: CampaignPage):
    """A campaign page, at its own address: Wagtail routes the request to the page, and
    wagtail_hooks hands it here. A POST is a gift: make the gift row, then go to Checkout
    (payment mode); anything else shows the page with its totals and the gift form."""
    request.is_preview = False
    form = None
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(page.url)
        form = _gift_form(request, page, request.POST)
        if form.is_valid():
            try:
                donation, url = services.gift_create(
                    donor=request.user,
                    campaign=page,
                    amount_pence=form.cleaned_data["amount_pence"],
                    limits=GivingSettings.for_request(request),
                    declaration=form.declaration(),
                    charity_name=_charity(request),
                    success_url=lambda d: _url(request, "pledges:gift_thanks", d.uuid),
                    cancel_url=request.build_absolute_uri(page.url),
                )
            except gateway.GatewayUnavailable:
                form.add_error(
                    None,
                    "We could not reach our payment provider, so no money has been taken. "
                    "Please try again in a few minutes.",
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect(url)
    context = page.get_context(request)
    context.update(
        totals=selectors.campaign_totals(page),
        # A visitor who is not signed in is asked to sign in, not shown the form.
        form=form or (_gift_form(request, page) if request.user.is_authenticated else None),
        demo=gateway.is_demo(),
    )
    return TemplateResponse(request, page.get_template(request), context)


# --- My giving --------------------------------------------------------------------------------

GIFTS_PER_PAGE = 25


def _draw_my_giving(user, page_number) -> dict:
    """My giving's lists, drawn without the request (so no form or message can be in them)."""
    lists = {
        **selectors.my_giving(user, GIFTS_PER_PAGE, page_number),
        "declaration": services.declaration_in_force(user),
    }
    return {
        "pledges": render_to_string("pledges/_my_giving_pledges.html", lists),
        "has_stripe_customer": lists["has_stripe_customer"],
        "gifts": render_to_string("pledges/_my_giving_gifts.html", lists),
    }


@login_required
@never_cache
def my_giving(request):
    user = request.user
    page_number = request.GET.get("page")
    if page_number in (None, "1"):
        # The first page, the one every visit opens, is kept until the giver's data changes.
        lists = kept_lists.kept(
            request, "my_giving", lambda: _draw_my_giving(user, 1), html=("pledges", "gifts")
        )
    else:
        lists = _draw_my_giving(user, page_number)
    return render(request, "pledges/my_giving.html", {"lists": lists, "demo": gateway.is_demo()})


def _own_pledge(request, pledge_uuid) -> Pledge:
    return get_object_or_404(Pledge, uuid=pledge_uuid, donor=request.user)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def change_amount(request, pledge_uuid):
    pledge = _own_pledge(request, pledge_uuid)
    limits = GivingSettings.for_request(request)
    form = ChangeAmountForm(
        request.POST or None, limits=limits, initial={"amount": f"{pledge.amount_pence / 100:.2f}"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_change_amount(
                pledge=pledge,
                by=request.user,
                amount_pence=form.cleaned_data["amount"],
                limits=limits,
            )
        except gateway.GatewayUnavailable:
            form.add_error(None, UNREACHABLE.replace("set up", "changed"))
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                f"Your monthly gift is now {pledge.amount}. The new amount applies from your next payment.",
            )
            return redirect("pledges:my_giving")
    return render(request, "pledges/change_amount.html", {"form": form, "pledge": pledge})


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def cancel(request, pledge_uuid):
    pledge = _own_pledge(request, pledge_uuid)
    error = None
    if request.method == "POST":
        try:
            services.pledge_cancel(pledge=pledge, by=request.user)
        except gateway.GatewayUnavailable:
            error = UNREACHABLE.replace(
                "nothing has been set up and no money has been taken",
                "your pledge has not been cancelled yet",
            )
        except (ValidationError, PermissionDenied) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(
                request, "Your monthly gift has been cancelled. No more payments will be taken."
            )
            return redirect("pledges:my_giving")
    return render(
        request,
        "pledges/cancel.html",
        {"pledge": pledge, "error": error, "error_summary": [error] if error else []},
    )


@login_required
@require_POST
def portal(request):
    try:
        url = services.portal_url(by=request.user, return_url=_url(request, "pledges:my_giving"))
    except gateway.GatewayUnavailable:
        messages.error(
            request, "We could not reach our payment provider. Please try again in a few minutes."
        )
        return redirect("pledges:my_giving")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("pledges:my_giving")
    return redirect(url)


@login_required
def receipt(request, donation_uuid):
    donation = get_object_or_404(
        Donation.objects.select_related("campaign", "donor", "gift_aid_claim").prefetch_related(
            "adjustments"
        ),
        uuid=donation_uuid,
        donor=request.user,
        status=Donation.Status.SUCCEEDED,
    )
    site = SiteSettings.for_request(request)
    return render(
        request,
        "pledges/receipt.html",
        {
            "donation": donation,
            "charity": site.fund_holder_name,
            "charity_number": site.fund_holder_charity_number,
            "gift_aid": selectors.gift_aid_status(donation),
        },
    )


@login_required
def statement(request, year: int):
    if not 2000 <= year <= 2100:
        raise Http404("No such tax year")
    data = selectors.donor_statement(request.user, year)
    if not data["gifts"]:
        raise Http404("No gifts in that tax year")
    return render(
        request, "pledges/statement.html", {"statement": data, "charity": _charity(request)}
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def declaration(request):
    current = services.declaration_in_force(request.user)
    if current is not None:  # changing details: start from what we hold
        initial = {
            "title": current.title,
            "first_name": current.first_name,
            "last_name": current.last_name,
            "house_name_or_number": current.house_name_or_number,
            "postcode": current.postcode,
        }
    else:
        initial = {
            "first_name": request.user.full_name.split(" ")[0],
            "last_name": " ".join(request.user.full_name.split(" ")[1:]),
        }
    form = DeclarationForm(request.POST or None, charity_name=_charity(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        services.declaration_make(
            donor=request.user, details=form.declaration(), charity_name=_charity(request)
        )
        messages.success(request, "Thank you. Gift Aid will be added to your gifts.")
        return redirect("pledges:my_giving")
    return render(
        request,
        "pledges/declaration.html",
        {"form": form, "current": current},
    )


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def declaration_cancel(request):
    """Asks first; only the confirming POST cancels."""
    current = services.declaration_in_force(request.user)
    if request.method == "GET":
        if current is None:
            messages.info(request, "You have no Gift Aid declaration to cancel.")
            return redirect("pledges:my_giving")
        return render(request, "pledges/declaration_cancel.html", {"current": current})
    try:
        services.declaration_cancel(donor=request.user, reason="Cancelled by the donor")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "Your Gift Aid declaration is cancelled. Gifts from now on will not have Gift Aid added.",
        )
    return redirect("pledges:my_giving")
