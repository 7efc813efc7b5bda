"""The panel's and finance's screens in the Wagtail admin. Each form calls one service."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from wagtail.log_actions import log

from grants import permissions, services
from grants.models import Application, GrantPayment, Review


class ReviewForm(forms.Form):
    conflict_of_interest = forms.BooleanField(
        required=False,
        label="I have a conflict of interest (I know this young person, or could gain from the decision)",
    )
    recommendation = forms.ChoiceField(
        required=False,
        choices=[("", "Choose"), *Review.Recommendation.choices],
        label="My recommendation",
    )
    comment = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            ("approve", "Approve (all or part)"),
            ("decline", "Decline"),
            ("more_info", "Ask for more information"),
        ]
    )
    amount = forms.DecimalField(
        required=False, min_value=0, decimal_places=2, label="Amount to give (pounds)"
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Message to the applicant",
        help_text="Leave blank to use the wording for this decision (Snippets → Decision templates).",
    )


class PaymentForm(forms.Form):
    application = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.DecimalField(min_value=0, decimal_places=2, label="Amount paid (pounds)")
    paid_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), label="Paid on")
    method = forms.ChoiceField(choices=GrantPayment.Method.choices)
    reference = forms.CharField(max_length=100, label="Payment reference")


def application_file(request, pk: int):
    if not request.user.has_perm("grants.view_application"):
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.select_related("category", "applicant"), pk=pk
    )
    if application.reviews.filter(reviewer=request.user, conflict_of_interest=True).exists():
        messages.info(
            request,
            "You declared a conflict of interest on this application, so it is hidden from you.",
        )
        return redirect("grants_applications:index")
    review_form = ReviewForm(request.POST if request.POST.get("action") == "review" else None)
    decision_form = DecisionForm(request.POST if request.POST.get("action") == "decide" else None)
    if request.POST.get("action") == "review" and review_form.is_valid():
        d = review_form.cleaned_data
        try:
            services.review_record(
                application=application,
                reviewer=request.user,
                conflict_of_interest=d["conflict_of_interest"],
                recommendation=d["recommendation"],
                comment=d["comment"],
            )
        except (ValidationError, PermissionDenied) as exc:
            review_form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Your review is recorded.")
            return redirect("grants_application", pk=pk)
    if request.POST.get("action") == "decide" and decision_form.is_valid():
        d = decision_form.cleaned_data
        try:
            services.application_decide(
                application=application,
                by=request.user,
                outcome=d["outcome"],
                amount_pence=int(d["amount"] * 100) if d["amount"] is not None else None,
                message=d["message"],
            )
        except (ValidationError, PermissionDenied) as exc:
            decision_form.add_error(None, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "Decision recorded and sent to the applicant.")
            return redirect("grants_application", pk=pk)
    log(instance=application, action="grants.application_viewed", user=request.user)
    return TemplateResponse(
        request,
        "grants/admin/application.html",
        {
            "application": application,
            "show_identity": permissions.can_see_identity(request.user),
            "endorsement": application.endorsements.first(),
            "reviews": application.reviews.select_related("reviewer"),
            "review_form": review_form,
            "decision_form": decision_form,
            "can_decide": request.user.has_perm("grants.decide_application"),
            "history": application.status_changes.all(),
        },
    )


def payments(request):
    if not request.user.has_perm("grants.record_grant_payment"):
        raise PermissionDenied
    form = PaymentForm(request.POST or None, initial={"paid_on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        application = get_object_or_404(Application, pk=d["application"])
        try:
            services.payment_record(
                application=application,
                by=request.user,
                amount_pence=int(d["amount"] * 100),
                paid_on=d["paid_on"],
                method=d["method"],
                reference=d["reference"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Payment recorded for {application.reference}.")
            return redirect("grants_payments")
    to_pay = Application.objects.filter(
        status__in=[Application.Status.APPROVED, Application.Status.PART_APPROVED]
    ).select_related("category")
    return TemplateResponse(
        request,
        "grants/admin/payments.html",
        {
            "to_pay": to_pay,
            "form": form,
            "paid": GrantPayment.objects.select_related("application")[:30],
        },
    )


def proof_download(request, key):
    """Proof of spending: the panel and finance only, always as a download."""
    from django.http import Http404

    if not (
        request.user.has_perm("grants.view_application")
        or request.user.has_perm("grants.record_grant_payment")
    ):
        raise PermissionDenied
    application = get_object_or_404(Application, uuid=key)
    if not application.proof_of_spend:
        raise Http404("No proof of spending")
    from nolimits.files import private_download

    log(instance=application, action="grants.application_viewed", user=request.user)
    extension = application.proof_of_spend.name.rsplit(".", 1)[-1]
    return private_download(
        application.proof_of_spend,
        filename=f"proof-{application.reference}.{extension}",
        content_type=application.proof_of_spend_content_type,
    )
