"""The participation screens in the Wagtail admin: a champion's directorate, every directorate
side by side for programme leads, the encouragement to share, and appointing champions. Each
view reads a selector or calls a service; the scope is checked there."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from impact import permissions
from impact.champions import selectors, services
from impact.champions.models import DirectorateChampion
from impact.figures.directorates import COLUMNS
from nolimits.models import User


def _period(request):
    """The period asked for (?period=), or this reporting period, and the choices to offer."""
    choices = selectors.period_choices()
    key = request.GET.get("period") or next(iter(choices))
    if key not in choices:
        messages.error(request, "Choose a period from the list.")
        key = next(iter(choices))
    return key, choices[key], choices


def participation(request):
    """Programme leads: every directorate side by side. A champion: their own directorate."""
    if permissions.can_see_every_directorate(request.user):
        key, period, choices = _period(request)
        found = selectors.every_directorate(user=request.user, period=period)
        return TemplateResponse(
            request,
            "impact/champions/every_directorate.html",
            {
                "found": found,
                "giving_by_month": found.month_rows(0),
                "columns": COLUMNS,
                "key": key,
                "choices": choices,
            },
        )
    own = permissions.champion_directorate(request.user)
    if own is not None:
        return redirect("impact_directorate", key=own)
    raise PermissionDenied


def directorate(request, key: str):
    period_key, period, choices = _period(request)
    group = selectors.one_directorate(user=request.user, key=key, period=period)
    return TemplateResponse(
        request,
        "impact/champions/directorate.html",
        {
            "group": group,
            "headline": list(zip(COLUMNS, group.counts.shown(), strict=True)),
            "period": period,
            "columns": COLUMNS,
            "key": period_key,
            "choices": choices,
            "every": permissions.can_see_every_directorate(request.user),
        },
    )


def encouragement(request):
    label, found = selectors.encouragement_for(user=request.user)
    return TemplateResponse(
        request,
        "impact/champions/encouragement.html",
        {
            "label": label,
            "found": found,
            "can_edit": request.user.has_perm("impact.change_encouragement"),
        },
    )


class AppointForm(forms.Form):
    directorate = forms.ChoiceField(
        choices=[("", "Choose a directorate"), *User.Directorate.choices],
        error_messages={"required": "Choose the directorate they will be champion for."},
    )
    email = forms.EmailField(
        label="Their email address",
        help_text="The address they sign in with. They must be council staff.",
        error_messages={
            "required": "Enter the champion's email address.",
            "invalid": "Enter an email address, like sam.smith@example.org.",
        },
    )


def champions(request):
    """Programme leads appoint one champion per directorate, and remove them."""
    form = AppointForm(request.POST if request.POST.get("action") == "appoint" else None)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if not permissions.can_manage_champions(request.user):
            raise PermissionDenied
        champion = get_object_or_404(DirectorateChampion, pk=request.POST.get("champion") or 0)
        services.champion_remove(by=request.user, champion=champion)
        messages.success(request, f"{champion} removed.")
        return redirect(reverse("impact_champions"))
    if form.is_bound and form.is_valid():
        try:
            champion = services.champion_appoint(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{champion.user.get_full_name()} appointed: {champion}.")
            return redirect(reverse("impact_champions"))
    rows = selectors.champions(user=request.user)
    return TemplateResponse(
        request, "impact/champions/champions.html", {"rows": rows, "form": form}
    )
