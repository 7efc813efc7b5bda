"""Where each person's data lives: for every model that holds something about a person, how to
find that person's rows and which fields are theirs.

A person is a `Subject`: someone with an account (a donor, a volunteer, a young person who
applies for grants, a booker, a member of staff) or a young person referred for a mentor, who has
no account (matching.YoungPerson). Each `Source` finds one kind of row for one of them.

What a person's copy shows of other people (decided here, tested in
tests/dataprotection/test_isolation.py):
- A match shows the other side by first name only (the volunteer to the young person, the young
  person to the volunteer), never contact details or what was recorded about them.
- The volunteer's session notes, the coordinator's review notes and the reasons given for a
  match's changes are the young person's story as much as the volunteer's: review notes and match
  reasons go to the young person; session notes (the volunteer wrote them) to the volunteer; the
  young person sees the dates and lengths of the sessions with them.
- Workers' and referees' contact details (email, phone) are theirs and are withheld; their names
  are shown (who referred you, who gave you a reference).
- Panel members' reviews of an application are shown without the reviewer's name; staff who
  opened a record are named in the audit log lines (they acted for the council).

Models of our apps with text or file fields that are not here are in NOT_PERSONAL with the
reason; the completeness test fails for a model in neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast

from wagtail.models import ModelLogEntry

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from dataprotection.models import AccessExport
from grants.models import (
    Application,
    ApplicationLogEntry,
    ApplicationStatusChange,
    Endorsement,
    GrantPayment,
    Review,
    ThankYou,
)
from matching.models import (
    Match,
    MatchReview,
    MatchSession,
    MatchStatusChange,
    YoungPerson,
    YoungPersonStatusChange,
)
from nolimits.models import OutboxMessage, User
from pledges.models import (
    Adjustment,
    Donation,
    DonationStatusChange,
    GiftAidDeclaration,
    Pledge,
    PledgeStatusChange,
    StripeEvent,
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


@dataclass(frozen=True)
class Subject:
    """The person a copy is about: an account, or a referral without one."""

    user: User | None = None
    referral: YoungPerson | None = None

    @property
    def reference(self) -> str:
        """How logs name them: never the name."""
        return f"user {self.user.pk}" if self.user else f"referral {self.referral.pk}"

    @property
    def label(self) -> str:
        if self.user:
            return f"{self.user.full_name} <{self.user.email}>"
        return f"{self.referral.first_name}, referred by {self.referral.worker_name}"


Finder = Callable[[Subject], models.QuerySet]


@dataclass(frozen=True)
class Source:
    """One kind of row about a person. `fields` None means every concrete field except the
    relations and `withheld`; `extra` adds labelled values (a related name, worded)."""

    model: type[models.Model]
    heading: str
    find: Finder
    fields: tuple[str, ...] | None = None
    withheld: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Callable[[models.Model], object]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.model._meta.label_lower + ":" + self.heading

    def shown_fields(self) -> list[models.Field]:
        out = []
        for f in self.model._meta.concrete_fields:
            if self.fields is not None:
                if f.name in self.fields:
                    out.append(f)
                continue
            if f.is_relation or f.primary_key or f.name in self.withheld:
                continue
            out.append(f)
        return out

    def file_fields(self) -> list[models.FileField]:
        return [f for f in self.shown_fields() if isinstance(f, models.FileField)]


def _user(finder: Callable[[User], models.QuerySet]) -> Finder:
    """A finder for people with an account (nothing for a referral)."""

    def find(subject: Subject):
        return finder(subject.user) if subject.user else None

    return find


def _referral(finder: Callable[[YoungPerson], models.QuerySet]) -> Finder:
    def find(subject: Subject):
        return finder(subject.referral) if subject.referral else None

    return find


def _first_name(user: User | None) -> str:
    return user.get_short_name() if user else ""


def stripe_events_about(user: User):
    """Events Stripe sent about their payments: found by their Stripe customer ids or email."""
    ids = set(
        user.pledges.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    ids |= set(
        user.donations.exclude(stripe_customer_id="").values_list("stripe_customer_id", flat=True)
    )
    needles = models.Q(text__icontains=user.email)
    for customer in ids:
        needles |= models.Q(text__icontains=customer)
    return StripeEvent.objects.annotate(text=Cast("payload", models.TextField())).filter(needles)


def log_entries_about(model, ids):
    content_type = ContentType.objects.get_for_model(model)
    return ModelLogEntry.objects.filter(
        content_type=content_type, object_id__in=[str(pk) for pk in ids]
    )


# impact sits beside this app on the top floor and neither imports the other: its one model
# about a person is named here, not imported.
OpenGrantReference = apps.get_model("impact", "OpenGrantReference")

LOG = {
    "what": lambda entry: entry.message,
    "by": lambda entry: entry.user.full_name if entry.user_id else "the system",
}
STATUS_FIELDS = ("from_status", "to_status", "reason", "at")
STATUS_WITHOUT_REASON = ("from_status", "to_status", "at")

SOURCES: list[Source] = [
    # --- the account ---
    Source(
        User,
        "Your account",
        _user(lambda u: User.objects.filter(pk=u.pk)),
        withheld={"password": "A one-way scramble of the password: it cannot be read."},
        extra={"roles": lambda u: ", ".join(u.groups.values_list("name", flat=True))},
    ),
    Source(EmailAddress, "Email addresses", _user(lambda u: EmailAddress.objects.filter(user=u))),
    Source(
        Authenticator,
        "Two-factor authentication",
        _user(lambda u: Authenticator.objects.filter(user=u)),
        fields=("type", "created_at", "last_used_at"),
        withheld={"data": "The secret your authenticator app holds: never shown."},
    ),
    Source(
        OutboxMessage,
        "Emails and text messages we sent you",
        _user(lambda u: OutboxMessage.objects.filter(to__icontains=u.email)),
        withheld={
            "last_error": "The mail server's technical reply.",
            "provider_reference": "GOV.UK Notify's id for the message.",
        },
    ),
    Source(
        AccessExport,
        "Copies of your data made before",
        _user(lambda u: AccessExport.objects.filter(subject_user=u)),
        withheld={"file": "The earlier copy itself."},
        extra={"requested by": lambda e: e.requested_by.full_name},
    ),
    # --- giving money ---
    Source(Pledge, "Monthly pledges", _user(lambda u: u.pledges.all())),
    Source(
        PledgeStatusChange,
        "Changes to your pledges",
        _user(lambda u: PledgeStatusChange.objects.filter(pledge__donor=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Donation,
        "Gifts",
        _user(lambda u: u.donations.all()),
        extra={
            "campaign": lambda d: d.campaign.title if d.campaign_id else "",
            "receipt number": lambda d: d.receipt_number,
            "Gift Aid claim": lambda d: d.gift_aid_claim.reference if d.gift_aid_claim_id else "",
        },
    ),
    Source(
        DonationStatusChange,
        "Changes to your gifts",
        _user(lambda u: DonationStatusChange.objects.filter(donation__donor=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Adjustment,
        "Refunds and disputes",
        _user(lambda u: Adjustment.objects.filter(donation__donor=u)),
    ),
    Source(
        GiftAidDeclaration, "Gift Aid declarations", _user(lambda u: u.gift_aid_declarations.all())
    ),
    Source(
        StripeEvent,
        "What Stripe told us about your payments",
        _user(stripe_events_about),
        fields=("event_id", "type", "created", "payload", "received_at"),
        withheld={"error": "Our own processing notes."},
    ),
    # --- giving time ---
    Source(
        Volunteer,
        "Volunteer record",
        _user(lambda u: Volunteer.objects.filter(user=u)),
        extra={
            "staff mentor": lambda v: v.mentor.full_name if v.mentor_id else "",
            "approved by": lambda v: v.approved_by.full_name if v.approved_by_id else "",
        },
    ),
    Source(
        VolunteerStatusChange,
        "Your steps as a volunteer",
        _user(lambda u: VolunteerStatusChange.objects.filter(volunteer__user=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Reference,
        "References",
        _user(lambda u: Reference.objects.filter(volunteer__user=u)),
        withheld={"email": "The referee's own contact details."},
    ),
    Source(
        DBSCheck,
        "DBS checks (what we keep about the certificate)",
        _user(lambda u: DBSCheck.objects.filter(volunteer__user=u)),
        extra={"decided by": lambda c: c.decided_by.full_name if c.decided_by_id else ""},
    ),
    Source(
        DBSStatusCheck,
        "DBS Update Service checks",
        _user(lambda u: DBSStatusCheck.objects.filter(dbs_check__volunteer__user=u)),
    ),
    Source(
        ModelLogEntry,
        "Who viewed your DBS records",
        _user(
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
        _user(lambda u: TrainingRecord.objects.filter(volunteer__user=u)),
        extra={"course": lambda r: r.course.name},
    ),
    Source(
        HandbookAcceptance,
        "Handbook accepted",
        _user(lambda u: HandbookAcceptance.objects.filter(volunteer__user=u)),
        extra={"handbook": lambda a: a.handbook.version},
    ),
    Source(
        SupervisionNote,
        "Supervision notes about you",
        _user(lambda u: SupervisionNote.objects.filter(volunteer__user=u)),
        extra={"mentor": lambda n: n.mentor.full_name},
    ),
    Source(
        VolunteerSession,
        "Time you gave",
        _user(lambda u: VolunteerSession.objects.filter(volunteer__user=u)),
    ),
    Source(
        ExpenseClaim,
        "Expense claims",
        _user(lambda u: ExpenseClaim.objects.filter(session__volunteer__user=u)),
        withheld={"receipt_content_type": "The receipt file's type (the file is included)."},
    ),
    Source(
        ExpenseClaimStatusChange,
        "Decisions on your expenses",
        _user(lambda u: ExpenseClaimStatusChange.objects.filter(claim__session__volunteer__user=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Opportunity,
        "Come-along activities you offered",
        _user(lambda u: Opportunity.objects.filter(volunteer__user=u)),
    ),
    Source(
        OpportunityStatusChange,
        "Decisions on your activities",
        _user(lambda u: OpportunityStatusChange.objects.filter(opportunity__volunteer__user=u)),
        fields=STATUS_FIELDS,
    ),
    Source(
        Booking,
        "Places you booked on come-along activities",
        _user(lambda u: Booking.objects.filter(booker_email__iexact=u.email)),
        extra={"activity": lambda b: b.opportunity.title},
    ),
    Source(
        Match,
        "Your matches with young people",
        _user(lambda u: Match.objects.filter(volunteer__user=u)),
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
        _user(lambda u: MatchStatusChange.objects.filter(match__volunteer__user=u)),
        fields=STATUS_WITHOUT_REASON,
    ),
    Source(
        MatchReview,
        "Reviews of your matches",
        _user(lambda u: MatchReview.objects.filter(match__volunteer__user=u)),
        fields=("kind", "due_on", "done_on"),
    ),
    # --- a young person referred for a mentor (no account) ---
    Source(
        YoungPerson,
        "Your referral",
        _referral(lambda yp: YoungPerson.objects.filter(pk=yp.pk)),
        withheld={
            "worker_email": "Your worker's own contact details.",
            "worker_phone": "Your worker's own contact details.",
        },
    ),
    Source(
        YoungPersonStatusChange,
        "Changes to your referral",
        _referral(lambda yp: yp.status_changes.all()),
        fields=STATUS_FIELDS,
    ),
    Source(
        Match,
        "Your matches with a volunteer",
        _referral(lambda yp: yp.matches.all()),
        fields=(
            "status",
            "proposed_at",
            "first_meeting_on",
            "closed_reason",
            "young_person_wants_new_match",
        ),
        extra={"volunteer (first name)": lambda m: _first_name(m.volunteer.user)},
    ),  # fmt: skip
    Source(
        MatchStatusChange,
        "Changes to your matches",
        _referral(lambda yp: MatchStatusChange.objects.filter(match__young_person=yp)),
        fields=STATUS_FIELDS,
    ),
    Source(
        MatchReview,
        "Reviews of your matches",
        _referral(lambda yp: MatchReview.objects.filter(match__young_person=yp)),
    ),
    Source(
        MatchSession,
        "Times you met your volunteer",
        _referral(lambda yp: MatchSession.objects.filter(match__young_person=yp)),
        fields=(),
        extra={"date": lambda s: s.session.date, "minutes": lambda s: s.session.minutes},
    ),
    # --- grants ---
    Source(
        Application,
        "Grant applications",
        _user(lambda u: u.grant_applications.all()),
        withheld={
            "proof_of_spend_content_type": "The file's type (the file is included).",
            "worker_email": "Your worker's own contact details.",
        },
        extra={
            "reference": lambda a: a.reference,
            "category": lambda a: a.category.name if a.category_id else "",
        },
    ),
    Source(
        ApplicationStatusChange,
        "Steps of your grant applications",
        _user(lambda u: ApplicationStatusChange.objects.filter(application__applicant=u)),
        fields=("from_status", "to_status", "event", "at", "data"),
        withheld={"reason": "Always empty here: these steps carry no free text."},
    ),
    Source(
        Endorsement,
        "Your worker's endorsements",
        _user(lambda u: Endorsement.objects.filter(application__applicant=u)),
        withheld={"sent_to": "Your worker's own email address."},
    ),
    Source(
        Review,
        "The panel's reviews of your applications",
        _user(lambda u: Review.objects.filter(application__applicant=u)),
    ),
    Source(
        GrantPayment,
        "Grant payments",
        _user(lambda u: GrantPayment.objects.filter(application__applicant=u)),
    ),
    Source(
        ThankYou,
        "Your thank-yous",
        _user(lambda u: ThankYou.objects.filter(application__applicant=u)),
    ),
    Source(
        OpenGrantReference,
        "How your grants are published as open data (no name)",
        _user(lambda u: OpenGrantReference.objects.filter(application__applicant=u)),
    ),
    Source(
        ApplicationLogEntry,
        "Who opened your grant applications",
        _user(lambda u: ApplicationLogEntry.objects.filter(application__applicant=u)),
        fields=("label", "action", "timestamp"),
        withheld={"data": "Technical details of the log entry.", "uuid": "Technical."},
        extra=LOG,
    ),
]

# Our models with text or file fields that hold nothing about a person, and why.
PAGES = "Published page content editors write, not a record about a person."
SETTINGS = "Site settings editors keep for the whole site."
SYSTEM = "System records: ids and machine words, nothing about a person."
NOT_PERSONAL: dict[str, str] = {
    "nolimits.HomePage": PAGES,
    "nolimits.ContentPage": PAGES,
    "nolimits.StoryIndexPage": PAGES,
    "nolimits.StoryPage": PAGES
    + " A story made from a thank-you is published only with the young person's consent; the"
    " thank-you itself is in their copy.",
    "pledges.CampaignPage": PAGES,
    "volunteers.OpportunityIndexPage": PAGES,
    "grants.FundPage": PAGES,
    "nolimits.SiteSettings": SETTINGS,
    "nolimits.NavigationSettings": SETTINGS,
    "pledges.GivingSettings": SETTINGS,
    "impact.OpenDataSettings": SETTINGS,
    "nolimits.WorkerHeartbeat": SYSTEM,
    "nolimits.OutboxStatusChange": SYSTEM + " (sending attempts of a message)",
    "pledges.StripeEventStatusChange": SYSTEM + " (processing of a Stripe event)",
    "pledges.StripeProduct": SYSTEM,
    "pledges.PayoutLine": "Stripe payout lines: amounts and Stripe ids, joined to a gift by id.",
    "pledges.GiftAidClaim": "A claim sent to HMRC: a reference and totals; the gifts in it are in"
    " each donor's copy.",
    "volunteers.ReminderSent": SYSTEM + " (keys like dbs-recheck-12-30)",
    "volunteers.Handbook": "The handbook's versions: the same for everyone.",
    "volunteers.TrainingCourse": "The courses offered: the same for everyone.",
    "grants.Category": "Grant categories: the same for everyone.",
    "grants.Round": "Funding rounds: the same for everyone.",
    "grants.DecisionTemplate": "Wording templates for decisions: the same for everyone.",
    "dataprotection.Erasure": "Names the erased person by a reference only (user 42), never by"
    " name.",
}

OUR_APPS = ("nolimits", "pledges", "volunteers", "matching", "grants", "impact", "dataprotection")


def sources_for(subject: Subject) -> list[tuple[Source, models.QuerySet]]:
    """Each source with the subject's rows (sources that cannot hold them are left out)."""
    out = []
    for source in SOURCES:
        rows = source.find(subject)
        if rows is not None:
            out.append((source, rows.order_by("pk")))
    return out
