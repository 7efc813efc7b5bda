"""The data protection screens in the Wagtail admin: find a person, download everything about
them (subject access), or erase them. Thin: each calls a service, which checks permission."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from dataprotection import access, erasure, permissions, selectors
from dataprotection.forms import ErasureForm, FindPersonForm
from dataprotection.registry import Subject
from matching.models import YoungPerson
from nolimits.models import User

KINDS = {"user": User, "young-person": YoungPerson}


def _require(request, rule) -> None:
    if not rule(request.user):
        raise PermissionDenied


def subject_from(kind: str, pk: int) -> Subject:
    found = get_object_or_404(KINDS[kind], pk=pk)
    return Subject(user=found) if kind == "user" else Subject(referral=found)


def find_person(request):
    _require(request, permissions.can_find_people)
    form = FindPersonForm(request.GET if "q" in request.GET else None)
    users, referrals = [], []
    if form.is_bound and form.is_valid():
        users, referrals = selectors.people_matching(form.cleaned_data["q"])
    return TemplateResponse(
        request,
        "dataprotection/admin/find.html",
        {
            "form": form,
            "users": users,
            "referrals": referrals,
            "searched": form.is_bound and form.is_valid(),
            "can_export": permissions.can_export(request.user)[0],
            "can_erase": permissions.can_erase(request.user)[0],
        },
    )


def export(request, kind: str, pk: int):
    """GET: what the download holds; POST: the ZIP, logged."""
    _require(request, lambda user: permissions.can_export(user)[0])
    subject = subject_from(kind, pk)
    if request.method == "POST":
        record, content = access.subject_access_export(by=request.user, subject=subject)
        response = HttpResponse(content, content_type="application/zip")
        name = f"subject-access-{kind}-{pk}-{record.requested_at:%Y%m%d-%H%M}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return TemplateResponse(
        request, "dataprotection/admin/export.html", {"subject": subject, "kind": kind, "pk": pk}
    )


def erase(request, kind: str, pk: int):
    """GET: what will be deleted, anonymised and kept; POST with a reason: the erasure."""
    _require(request, lambda user: permissions.can_erase(user)[0])
    subject = subject_from(kind, pk)
    form = ErasureForm(request.POST or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            record = erasure.erase(
                by=request.user, subject=subject, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            problems = exc.messages
        else:
            messages.success(request, f"Erased {record.subject_reference}.")
            return redirect("dataprotection_erased", pk=record.pk)
    plan = erasure.erasure_plan(subject)
    return TemplateResponse(
        request,
        "dataprotection/admin/erase.html",
        {"subject": subject, "plan": plan, "form": form, "problems": problems},
    )


def erased(request, pk: int):
    """The confirmation: what was done, and what was kept and why (as the person was told)."""
    _require(request, lambda user: permissions.can_erase(user)[0])
    from dataprotection.models import Erasure

    record = get_object_or_404(Erasure, pk=pk)
    return TemplateResponse(request, "dataprotection/admin/erased.html", {"record": record})
