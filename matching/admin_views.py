"""Coordinators' matching screens in the Wagtail admin: suggestions, a match's file, a cohort.

The coordinator decides every match; each button calls one service, and the services check the
clearance rule and the hard filters again, whatever request arrives.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from matching import permissions, services
from matching.models import Match, YoungPerson
from matching.suggestions import suggest
from volunteers.admin_forms import admin_date
from volunteers.models import Volunteer


def _require(request) -> None:
    if not permissions.can_manage_matches(request.user)[0]:
        raise PermissionDenied


def _pk(value) -> int | None:
    """A record id typed into a form or a URL, or None if it is not a whole number."""
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def suggestions(request, pk: int):
    _require(request)
    young_person = get_object_or_404(YoungPerson, pk=pk)
    if request.method == "POST":
        volunteer_pk = _pk(request.POST.get("volunteer"))
        if volunteer_pk is None:
            return HttpResponseBadRequest("Choose a volunteer from the list.")
        volunteer = get_object_or_404(Volunteer.objects.select_related("user"), pk=volunteer_pk)
        action = request.POST.get("action")
        if action == "exclude" and request.POST.get("confirm") != "yes":
            return TemplateResponse(
                request,
                "matching/admin/conflict_confirm.html",
                {"young_person": young_person, "volunteer": volunteer},
            )
        if action == "exclude":
            services.conflict_declare(
                young_person=young_person, volunteer=volunteer, by=request.user
            )
            messages.success(
                request,
                f"Conflict of interest recorded: {volunteer} will not be suggested for "
                f"{young_person.first_name}. You can undo this below.",
            )
            return redirect("volunteers_suggestions", pk=pk)
        if action == "unexclude":
            services.conflict_withdraw(
                young_person=young_person, volunteer=volunteer, by=request.user
            )
            messages.success(
                request, f"{volunteer} can be suggested for {young_person.first_name} again."
            )
            return redirect("volunteers_suggestions", pk=pk)
        if action != "propose":
            return HttpResponseBadRequest(
                "Choose to propose a match or record a conflict of interest."
            )
        score = (request.POST.get("score") or "0").strip()
        if not score.isdigit() or int(score) > 100:
            return HttpResponseBadRequest("The score must be a whole number from 0 to 100.")
        try:
            match = services.match_propose(
                young_person=young_person, volunteer=volunteer, by=request.user, score=int(score)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Match proposed: {volunteer} with {young_person.first_name}."
            )
            return redirect("volunteers_match", pk=match.pk)
    open_matches = list(
        young_person.matches.filter(status__in=Match.OPEN).select_related("volunteer__user")
    )
    ranked, filtered = ([], {}) if open_matches else suggest(young_person)
    return TemplateResponse(
        request,
        "matching/admin/suggestions.html",
        {
            "young_person": young_person,
            "ranked": ranked,
            "filtered": sorted(filtered.items(), key=lambda kv: -kv[1]),
            "open_matches": open_matches,
            "excluded": young_person.excluded_volunteers.select_related("user"),
        },
    )


class MoveMatchForm(forms.Form):
    to = forms.ChoiceField(label="Move to")
    reason = forms.CharField(max_length=300, error_messages={"required": "Give a reason"})
    first_meeting_on = admin_date(
        "First meeting (when introducing)",
        "Enter the date of the first meeting",
        required=False,
        not_future=False,
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
    done_on = admin_date("Review held on", "Enter the date the review was held")
    notes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


def _review_form(review) -> ReviewDoneForm:
    return ReviewDoneForm(initial={"review": review.pk}, auto_id=f"review-{review.pk}-%s")


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
    review_form, review_pk = None, None
    if request.POST.get("action") == "review":
        review_pk = _pk(request.POST.get("review"))
        review_form = ReviewDoneForm(request.POST, auto_id=f"review-{review_pk}-%s")
        if review_form.is_valid():
            review = get_object_or_404(match.reviews, pk=review_form.cleaned_data["review"])
            services.review_record(
                review=review,
                by=request.user,
                done_on=review_form.cleaned_data["done_on"],
                notes=review_form.cleaned_data["notes"],
            )
            messages.success(request, "Review recorded.")
            return redirect("volunteers_match", pk=pk)
    return TemplateResponse(
        request,
        "matching/admin/match.html",
        {
            "match": match,
            "form": form,
            # Each review not yet held has its own form; the one posted comes back with its errors.
            "reviews": [
                (review, review_form if review.pk == review_pk else _review_form(review))
                for review in match.reviews.all()
            ],
            "review_form": review_form,
            "history": match.status_changes.select_related("by"),
            "sessions": match.sessions.all()[:20],
            "young_person": match.young_person,
        },
    )


def cohort(request):
    _require(request)
    waiting = list(
        YoungPerson.objects.filter(status=YoungPerson.Status.WAITING)
        .exclude(matches__status__in=Match.OPEN)
        .prefetch_related("excluded_volunteers")
        .order_by("referred_at")[:300]
    )
    if request.method == "POST":
        pairs = []
        for value in request.POST.getlist("pair"):
            parts = value.split(":")
            if len(parts) != 3 or not all(p.isdigit() for p in parts):
                return HttpResponseBadRequest(
                    "Each ticked pair must be a young person, a volunteer and a score."
                )
            pairs.append(tuple(int(p) for p in parts))
        made, problems = 0, []
        for yp_pk, volunteer_pk, score in pairs:
            young_person = YoungPerson.objects.filter(pk=yp_pk).first()
            volunteer = Volunteer.objects.filter(pk=volunteer_pk).first()
            if young_person is None or volunteer is None:
                problems.append("A ticked pair is no longer there: refresh the page.")
                continue
            try:
                services.match_propose(
                    young_person=young_person,
                    volunteer=volunteer,
                    by=request.user,
                    score=min(score, 100),
                )
                made += 1
            except ValidationError as exc:
                problems.append(" ".join(exc.messages))
        if made:
            messages.success(request, f"{made} match{'es' if made != 1 else ''} proposed.")
        for problem in problems:
            messages.error(request, problem)
        return redirect("volunteers_cohort")
    # Imported here: the cohort needs numpy and scipy (50 MB and a second or two to load), and
    # every wagtail_hooks module is imported at start-up, so every command would pay for them.
    from matching.cohort import propose_cohort

    proposals = propose_cohort(waiting) if waiting else []
    return TemplateResponse(
        request, "matching/admin/cohort.html", {"proposals": proposals, "waiting": len(waiting)}
    )
