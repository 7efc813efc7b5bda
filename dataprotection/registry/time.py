"""Where the registry finds a volunteer's records and a referred young person's."""

from __future__ import annotations

from wagtail.models import ModelLogEntry

from dataprotection.registry.base import (
    LOG,
    STATUS_FIELDS,
    STATUS_WITHOUT_REASON,
    Source,
    first_name_of,
    log_entries_about,
    of_referral,
    of_user,
)
from matching.models import (
    Match,
    MatchReview,
    MatchSession,
    MatchStatusChange,
    YoungPerson,
    YoungPersonStatusChange,
)
from volunteers.models import (
    Booking,
    DBSCheck,
    DBSStatusCheck,
    ExpenseClaim,
    ExpenseClaimStatusChange,
    HandbookAcceptance,
    Opportunity,
    OpportunityStatusChange,
    Reference,
    SupervisionNote,
    TrainingRecord,
    Volunteer,
    VolunteerSession,
    VolunteerStatusChange,
)

TIME_AND_MATCHES: list[Source] = [
    # --- giving time ---
    Source(
        Volunteer,
        "Volunteer record",
        of_user(lambda u: Volunteer.objects.filter(user=u)),
        extra={
            "staff mentor": lambda v: v.mentor.full_name if v.mentor_id else "",
            "approved by": lambda v: v.approved_by.full_name if v.approved_by_id else "",
        },
    ),
    Source(
        VolunteerStatusChange,
        "Your steps as a volunteer",
        of_user(lambda u: VolunteerStatusChange.objects.filter(volunteer__user=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Reference,
        "References",
        of_user(lambda u: Reference.objects.filter(volunteer__user=u)),
        withheld={"email": "The referee's own contact details."},
    ),
    Source(
        DBSCheck,
        "DBS checks (what we keep about the certificate)",
        of_user(lambda u: DBSCheck.objects.filter(volunteer__user=u)),
        extra={"decided by": lambda c: c.decided_by.full_name if c.decided_by_id else ""},
    ),
    Source(
        DBSStatusCheck,
        "DBS Update Service checks",
        of_user(lambda u: DBSStatusCheck.objects.filter(dbs_check__volunteer__user=u)),
    ),
    Source(
        ModelLogEntry,
        "Who viewed your DBS records",
        of_user(
            lambda u: log_entries_about(
                DBSCheck, DBSCheck.objects.filter(volunteer__user=u).values_list("pk", flat=True)
            )
        ),
        fields=("action", "timestamp"),
        extra=LOG,
    ),
    Source(
        TrainingRecord,
        "Training",
        of_user(lambda u: TrainingRecord.objects.filter(volunteer__user=u)),
        extra={"course": lambda r: r.course.name},
    ),
    Source(
        HandbookAcceptance,
        "Handbook accepted",
        of_user(lambda u: HandbookAcceptance.objects.filter(volunteer__user=u)),
        extra={"handbook": lambda a: a.handbook.version},
    ),
    Source(
        SupervisionNote,
        "Supervision notes about you",
        of_user(lambda u: SupervisionNote.objects.filter(volunteer__user=u)),
        extra={"mentor": lambda n: n.mentor.full_name},
    ),
    Source(
        VolunteerSession,
        "Time you gave",
        of_user(lambda u: VolunteerSession.objects.filter(volunteer__user=u)),
    ),
    Source(
        ExpenseClaim,
        "Expense claims",
        of_user(lambda u: ExpenseClaim.objects.filter(session__volunteer__user=u)),
        withheld={"receipt_content_type": "The receipt file's type (the file is included)."},
    ),
    Source(
        ExpenseClaimStatusChange,
        "Decisions on your expenses",
        of_user(
            lambda u: ExpenseClaimStatusChange.objects.filter(claim__session__volunteer__user=u)
        ),
        fields=STATUS_FIELDS,
    ),
    Source(
        Opportunity,
        "Come-along activities you offered",
        of_user(lambda u: Opportunity.objects.filter(volunteer__user=u)),
    ),
    Source(
        OpportunityStatusChange,
        "Decisions on your activities",
        of_user(lambda u: OpportunityStatusChange.objects.filter(opportunity__volunteer__user=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Booking,
        "Places you booked on come-along activities",
        of_user(lambda u: Booking.objects.filter(booker_email__iexact=u.email)),
        extra={"activity": lambda b: b.opportunity.title},
    ),
    Source(
        Match,
        "Your matches with young people",
        of_user(lambda u: Match.objects.filter(volunteer__user=u)),
        fields=(
            "status",
            "proposed_at",
            "first_meeting_on",
            "closed_reason",
            "volunteer_wants_new_match",
        ),
        extra={"young person (first name)": lambda m: m.young_person.first_name},
    ),  # fmt: skip
    Source(
        MatchStatusChange,
        "Changes to your matches",
        of_user(lambda u: MatchStatusChange.objects.filter(match__volunteer__user=u)),
        fields=STATUS_WITHOUT_REASON,
    ),
    Source(
        MatchReview,
        "Reviews of your matches",
        of_user(lambda u: MatchReview.objects.filter(match__volunteer__user=u)),
        fields=("kind", "due_on", "done_on"),
    ),
    # --- a young person referred for a mentor (no account) ---
    Source(
        YoungPerson,
        "Your referral",
        of_referral(lambda yp: YoungPerson.objects.filter(pk=yp.pk)),
        withheld={
            "worker_email": "Your worker's own contact details.",
            "worker_phone": "Your worker's own contact details.",
        },
    ),
    Source(
        YoungPersonStatusChange,
        "Changes to your referral",
        of_referral(lambda yp: yp.status_changes.all()),
        fields=STATUS_FIELDS,
    ),
    Source(
        Match,
        "Your matches with a volunteer",
        of_referral(lambda yp: yp.matches.all()),
        fields=(
            "status",
            "proposed_at",
            "first_meeting_on",
            "closed_reason",
            "young_person_wants_new_match",
        ),
        extra={"volunteer (first name)": lambda m: first_name_of(m.volunteer.user)},
    ),  # fmt: skip
    Source(
        MatchStatusChange,
        "Changes to your matches",
        of_referral(lambda yp: MatchStatusChange.objects.filter(match__young_person=yp)),
        fields=STATUS_FIELDS,
    ),
    Source(
        MatchReview,
        "Reviews of your matches",
        of_referral(lambda yp: MatchReview.objects.filter(match__young_person=yp)),
    ),
    Source(
        MatchSession,
        "Times you met your volunteer",
        of_referral(lambda yp: MatchSession.objects.filter(match__young_person=yp)),
        fields=(),
        extra={"date": lambda s: s.session.date, "minutes": lambda s: s.session.minutes},
    ),
]
