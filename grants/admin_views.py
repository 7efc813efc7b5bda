"""The panel's and finance's screens in the Wagtail admin. Each form calls one service."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from grants import permissions, services
from grants.history import history_for, viewer_for
from grants.models import Application, GrantPayment, Review, ThankYou
from grants.selectors import panel_applications
from nolimits.files import private_download
from nolimits.forms import ADMIN_DATE_HINT, PoundsField, date_field, pounds_text


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
    amount = PoundsField(
        required=False,
        label="Amount to give (pounds)",
        help_text="For an approval, in pounds, like 300 or 249.99.",
    )
    message = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Message to the applicant",
        help_text="Leave blank to use the wording for this decision (Snippets → Decision templates).",
    )


class PaymentForm(forms.Form):
    """One form per approved application (prefixed by its id), so errors show by its fields."""

    application = forms.IntegerField(widget=forms.HiddenInput)
    amount = PoundsField(
        label="Amount paid (pounds)",
        error_messages={"required": "Enter the amount paid, in pounds"},
    )
    paid_on = date_field(
        "Paid on",
        "Enter the date it was paid",
        name="The date it was paid",
        help_text=ADMIN_DATE_HINT,
    )
    method = forms.ChoiceField(
        choices=GrantPayment.Method.choices,
        label="Method",
        error_messages={"required": "Choose how it was paid"},
    )
    reference = forms.CharField(
        max_length=100,
        label="Payment reference",
        error_messages={"required": "Enter the payment reference, like the BACS reference"},
    )

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError("The date it was paid cannot be in the future")
        return paid_on


def _refusal(exc: Exception) -> str:
    """A service's refusal (ValidationError or PermissionDenied) in one line for the form."""
    return " ".join(getattr(exc, "messages", [str(exc)]))


def _refusal_on_fields(form, exc: ValidationError, names: dict[str, str]) -> None:
    """A service's refusal on the form: by the field it names (the service's name for it mapped
    through `names`), and so in the error summary too; otherwise above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for key, errors in exc.error_dict.items():
        field = names.get(key, key)
        form.add_error(field if field in form.fields else None, errors)


def _attempt(form, action) -> bool:
    """Run a service; a refusal goes on the form (what was typed stays). Whether it was done."""
    try:
        action()
    except (ValidationError, PermissionDenied) as exc:
        form.add_error(None, _refusal(exc))
        return False
    return True


def application_file(request, pk: int):
    if not permissions.can_see_applications(request.user):
        raise PermissionDenied
    application = get_object_or_404(
        Application.objects.filter(submitted_at__isnull=False).select_related(
            "category", "applicant"
        ),
        pk=pk,
    )
    if not panel_applications(request.user).filter(pk=pk).exists():
        messages.info(
            request,
            "This application is hidden from you: you declared a conflict of interest on it, "
            "or it is your own.",
        )
        return redirect("grants_applications:index")
    review_form = ReviewForm(request.POST if request.POST.get("action") == "review" else None)
    decision_form = DecisionForm(request.POST if request.POST.get("action") == "decide" else None)
    if request.POST.get("action") == "review" and review_form.is_valid():
        done = _attempt(
            review_form,
            lambda: services.review_record(
                application=application, reviewer=request.user, **review_form.cleaned_data
            ),
        )
        if done:
            messages.success(request, "Your review is recorded.")
            return redirect("grants_application", pk=pk)
    if request.POST.get("action") == "decide" and decision_form.is_valid():
        d = decision_form.cleaned_data
        done = _attempt(
            decision_form,
            lambda: services.application_decide(
                application=application,
                by=request.user,
                outcome=d["outcome"],
                amount_pence=d["amount"],
                message=d["message"],
            ),
        )
        if done:
            messages.success(request, "Decision recorded and sent to the applicant.")
            return redirect("grants_application", pk=pk)
    services.application_viewed(application=application, by=request.user)
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
            "can_decide": permissions.can_decide(request.user, application)[0],
            "history": history_for(application, viewer_for(request.user, application)),
        },
    )


PAYMENTS_PER_PAGE = 20


def payments(request):
    if not permissions.can_record_payment(request.user)[0]:
        raise PermissionDenied
    waiting = (
        Application.objects.filter(
            status__in=[Application.Status.APPROVED, Application.Status.PART_APPROVED]
        )
        .select_related("category")
        .order_by("-created_at", "pk")
    )
    # A page at a time, so the screen costs the same however many wait to be paid.
    page = Paginator(waiting, PAYMENTS_PER_PAGE).get_page(request.GET.get("p"))
    to_pay = list(page.object_list)
    posted = request.POST.get("application") if request.method == "POST" else None
    if posted and posted.isdigit() and all(str(a.pk) != posted for a in to_pay):
        to_pay[:0] = list(waiting.filter(pk=posted))  # the one being paid, from any page
    forms_by_application = []
    failed = None
    for application in to_pay:
        initial = {
            "application": application.pk,
            "amount": pounds_text(application.decided_amount_pence or 0),
            "paid_on": timezone.localdate(),
            "method": GrantPayment.Method.BANK_TRANSFER,
        }
        bound = posted == str(application.pk)
        form = PaymentForm(
            request.POST if bound else None, initial=initial, auto_id=f"pay-{application.pk}-%s"
        )
        if bound:
            if form.is_valid():
                d = form.cleaned_data
                try:
                    services.payment_record(
                        application=application,
                        by=request.user,
                        amount_pence=d["amount"],
                        paid_on=d["paid_on"],
                        method=d["method"],
                        reference=d["reference"],
                    )
                except ValidationError as exc:
                    _refusal_on_fields(form, exc, {"amount_pence": "amount"})
                else:
                    messages.success(request, f"Payment recorded for {application.reference}.")
                    return redirect("grants_payments")
            failed = (application, form)
        forms_by_application.append((application, form))
    return TemplateResponse(
        request,
        "grants/admin/payments.html",
        {
            "to_pay": forms_by_application,
            "page": page,
            "failed": failed,
            "paid": GrantPayment.objects.select_related("application")[:30],
        },
        status=400 if failed else 200,
    )


def proof_download(request, key):
    """Proof of spending: the panel and finance only, always as a download."""
    if not permissions.works_on_grants(request.user):
        raise PermissionDenied
    application = get_object_or_404(Application, uuid=key)
    if not application.proof_of_spend:
        raise Http404("No proof of spending")
    services.application_viewed(application=application, by=request.user)
    extension = application.proof_of_spend.name.rsplit(".", 1)[-1]
    return private_download(
        application.proof_of_spend,
        filename=f"proof-{application.reference}.{extension}",
        content_type=application.proof_of_spend_content_type,
    )


def thank_you_story(request, pk: int):
    """Make a draft story page from a thank-you shared with consent, then open it for editing."""
    if not permissions.can_make_stories(request.user):
        raise PermissionDenied
    thank_you = get_object_or_404(ThankYou.objects.select_related("application__applicant"), pk=pk)
    problem = ""
    if request.method == "POST":
        try:
            story = services.story_draft_from_thank_you(thank_you=thank_you, by=request.user)
        except (ValidationError, PermissionDenied) as exc:
            problem = _refusal(exc)
        else:
            messages.success(
                request,
                "Draft story made, with the young person's first name only and their consent "
                "recorded. Check it, then publish it.",
            )
            return redirect("wagtailadmin_pages:edit", story.pk)
    return TemplateResponse(
        request,
        "grants/admin/thank_you_story.html",
        {"thank_you": thank_you, "problem": problem},
        status=400 if problem else 200,
    )
