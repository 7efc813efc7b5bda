"""The demo gateway's pages (no Stripe keys): its checkout and its card-or-bank-details page,
plainly labelled "demo — no real money". They answer 404 when Stripe keys are set or in
production."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from pledges import demo
from pledges.models import Donation, Pledge


def _demo_only():
    try:
        demo.ensure_allowed()
    except PermissionError as exc:
        raise Http404("No demo here") from exc


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def demo_checkout(request, session_id):
    _demo_only()
    target = demo.find_session(session_id)
    if target is None or target.donor_id != request.user.pk:
        raise Http404("No such checkout")
    is_pledge = isinstance(target, Pledge)
    done = (
        (target.checkout_completed_at or target.checkout_expired_at)
        if is_pledge
        else target.status != Donation.Status.AWAITING_PAYMENT
    )
    if done:  # like Stripe: a checkout session is used once
        messages.info(request, "This payment page has already been used.")
        return redirect(
            "pledges:pledge_thanks" if is_pledge else "pledges:gift_thanks", target.uuid
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("card", "bacs_debit"):
            demo.complete_checkout(session_id, action)
            name = "pledges:pledge_thanks" if is_pledge else "pledges:gift_thanks"
            return redirect(name, target.uuid)
        demo.abandon_checkout(session_id)
        messages.info(
            request, "You left the payment page. Nothing was set up and no money was taken."
        )
        return redirect("pledges:give" if is_pledge else target.campaign.url)
    return render(request, "pledges/demo_checkout.html", {"target": target, "is_pledge": is_pledge})


@login_required
def demo_portal(request):
    _demo_only()
    return render(request, "pledges/demo_portal.html")
