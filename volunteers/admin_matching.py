"""Coordinators' matching screens in the Wagtail admin: suggestions, a match's file, a cohort.

The coordinator decides every match; each button calls one service, and the services check the
clearance rule and the hard filters again, whatever request arrives.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from volunteers import matching, services
from volunteers.admin_forms import AdminDateInput
from volunteers.models import Match, Volunteer, YoungPerson


def _require(request) -> None:
    if not request.user.has_perm("volunteers.manage_matches"):
        raise PermissionDenied


def suggestions(request, pk: int):
    _require(request)
    young_person = get_object_or_404(YoungPerson, pk=pk)
    if request.method == "POST":
        volunteer = get_object_or_404(Volunteer, pk=request.POST.get("volunteer"))
        if request.POST.get("action") == "exclude":
            young_person.excluded_volunteers.add(volunteer)
            messages.success(
                request, f"{volunteer} will never be suggested for {young_person.first_name}."
            )
            return redirect("volunteers_suggestions", pk=pk)
        try:
            match = services.match_propose(
                young_person=young_person,
                volunteer=volunteer,
                by=request.user,
                score=int(request.POST.get("score") or 0),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Match proposed: {volunteer} with {young_person.first_name}."
            )
            return redirect("volunteers_match", pk=match.pk)
    ranked, filtered = matching.suggest(young_person)
    return TemplateResponse(
        request,
        "volunteers/admin/suggestions.html",
        {
            "young_person": young_person,
            "ranked": ranked,
            "filtered": sorted(filtered.items(), key=lambda kv: -kv[1]),
            "open_matches": young_person.matches.filter(status__in=Match.OPEN).select_related(
                "volunteer__user"
            ),
        },
    )


class MoveMatchForm(forms.Form):
    to = forms.ChoiceField(label="Move to")
    reason = forms.CharField(max_length=300, error_messages={"required": "Give a reason"})
    first_meeting_on = forms.DateField(
        required=False, widget=AdminDateInput, label="First meeting (when introducing)"
    )
    young_person_wants_new_match = forms.BooleanField(
        required=False, label="The young person would like a new volunteer (when closing)"
    )
    volunteer_wants_new_match = forms.BooleanField(
        required=False, label="The volunteer would like a new young person (when closing)"
    )

    def __init__(self, *args, match: Match, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (s.value, s.label) for s in Match.Status if s in Match.TRANSITIONS[match.status]
        ]


class ReviewDoneForm(forms.Form):
    review = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(widget=AdminDateInput, label="Review held on")
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


def match_file(request, pk: int):
    _require(request)
    match = get_object_or_404(
        Match.objects.select_related("young_person", "volunteer__user"), pk=pk
    )
    form = MoveMatchForm(
        request.POST if request.POST.get("action") == "move" else None, match=match
    )
    if request.POST.get("action") == "move" and form.is_valid():
        try:
            services.match_move(match=match, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Match updated.")
            return redirect("volunteers_match", pk=pk)
    if request.POST.get("action") == "review":
        review_form = ReviewDoneForm(request.POST)
        if review_form.is_valid():
            review = get_object_or_404(match.reviews, pk=review_form.cleaned_data["review"])
            review.done_on, review.notes = (
                review_form.cleaned_data["done_on"],
                review_form.cleaned_data["notes"],
            )
            review.save()
            messages.success(request, "Review recorded.")
            return redirect("volunteers_match", pk=pk)
    return TemplateResponse(
        request,
        "volunteers/admin/match.html",
        {
            "match": match,
            "form": form,
            "reviews": match.reviews.all(),
            "history": match.status_changes.select_related("by"),
            "sessions": match.sessions.all()[:20],
            "young_person": match.young_person,
        },
    )


def cohort(request):
    _require(request)
    waiting = list(
        YoungPerson.objects.filter(status=YoungPerson.Status.WAITING)
        .prefetch_related("excluded_volunteers")
        .order_by("referred_at")[:300]
    )
    if request.method == "POST":
        made, problems = 0, []
        for value in request.POST.getlist("pair"):
            yp_pk, volunteer_pk, score = (int(x) for x in value.split(":"))
            try:
                services.match_propose(
                    young_person=YoungPerson.objects.get(pk=yp_pk),
                    volunteer=Volunteer.objects.get(pk=volunteer_pk),
                    by=request.user,
                    score=score,
                )
                made += 1
            except ValidationError as exc:
                problems.append(" ".join(exc.messages))
        if made:
            messages.success(request, f"{made} match{'es' if made != 1 else ''} proposed.")
        for problem in problems:
            messages.error(request, problem)
        return redirect("volunteers_cohort")
    proposals = matching.propose_cohort(waiting) if waiting else []
    return TemplateResponse(
        request, "volunteers/admin/cohort.html", {"proposals": proposals, "waiting": len(waiting)}
    )
