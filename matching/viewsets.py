"""The matching records in the admin's Volunteering menu (read-only lists; the matching
screens in matching/admin_views.py change them, through the services)."""

from matching.models import Match, MatchReview, YoungPerson
from nolimits.admin_viewsets import ReadOnlyViewSet, register_read_only
from volunteers.viewsets import LinkColumn

register_read_only(MatchReview, YoungPerson, Match)


class YoungPersonViewSet(ReadOnlyViewSet):
    model = YoungPerson
    icon = "user"
    menu_label = "Young people"
    url_prefix = "volunteering/young-people"
    url_namespace = "volunteering_young_people"
    list_display = [
        "first_name",
        "area",
        "status",
        "referred_at",
        LinkColumn(
            "suggest", label="Suggestions", url_name="volunteers_suggestions", text="Suggestions"
        ),
    ]
    list_filter = ["status", "area"]
    search_fields = ["first_name", "area", "worker_name", "worker_email"]
    list_export = [
        "first_name",
        "date_of_birth",
        "area",
        "status",
        "worker_name",
        "worker_email",
        "referred_at",
    ]


class MatchViewSet(ReadOnlyViewSet):
    model = Match
    icon = "link"
    menu_label = "Matches"
    url_prefix = "volunteering/matches"
    url_namespace = "volunteering_matches"
    list_display = [
        "young_person",
        "volunteer",
        "status",
        "score",
        "proposed_at",
        LinkColumn("open", label="Match", url_name="volunteers_match", text="Open"),
    ]
    list_filter = ["status"]
    search_fields = ["young_person__first_name", "volunteer__user__full_name"]
    list_export = [
        "young_person.first_name",
        "volunteer.user.full_name",
        "status",
        "score",
        "proposed_at",
        "first_meeting_on",
        "closed_reason",
    ]
    select_related = ("young_person", "volunteer__user")


class ReviewViewSet(ReadOnlyViewSet):
    model = MatchReview
    icon = "date"
    menu_label = "Match reviews"
    url_prefix = "volunteering/reviews"
    url_namespace = "volunteering_reviews"
    list_display = ["match", "kind", "due_on", "done_on"]
    list_filter = ["kind", "done_on"]
    search_fields = ["match__young_person__first_name", "match__volunteer__user__full_name"]
    list_export = ["match", "kind", "due_on", "done_on", "notes"]
    select_related = ("match__young_person", "match__volunteer__user")


VIEWSETS = [YoungPersonViewSet, MatchViewSet, ReviewViewSet]
