"""The demo's grants history: care leavers' applications at every status (draft, sent, with the
panel, more information asked, approved, part approved, declined, paid, withdrawn, closed), sent
over the months and decided two to five weeks later. Through the grants services (the applicant
sends, the panel reviews, the chair decides, finance pays), each on its own past day; the worker's
endorsement is logged as grants.services.endorsement_record logs it (its signed link is for a
person's email)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from grants import services
from grants.models import Application, ApplicationStatusChange, Category, Endorsement, Review
from impact.demo_history.common import History, at, people
from nolimits import states
from nolimits.models import User

A = Application.Status
Event = ApplicationStatusChange.Event
# (category slug, what for, pounds asked, where it ends: a status, or "part" for part approved)
APPLICATIONS = [
    ("setting-up-home", "A bed, bedding and a kettle for my first flat", 350, A.PAID),
    ("driving", "Ten driving lessons", 300, A.PAID),
    ("education", "A laptop for my college course", 400, A.CLOSED),
    ("work", "Interview clothes and shoes", 120, A.PAID),
    ("hobbies", "A season of boxing club fees", 150, A.DECLINED),
    ("wellbeing", "A year of gym membership", 200, "part"),
    ("setting-up-home", "Pans, plates and a microwave", 180, A.PAID),
    ("education", "Books and a calculator for my access course", 90, A.PAID),
    ("driving", "My theory and practical tests", 150, A.WITHDRAWN),
    ("work", "Steel-toe boots and a hi-vis jacket", 80, A.PAID),
    ("hobbies", "A second-hand guitar and lessons", 200, "part"),
    ("setting-up-home", "A washing machine", 300, A.DECLINED),
    ("education", "Art materials for my portfolio", 120, A.APPROVED),
    ("wellbeing", "Swimming lessons", 90, A.PAID),
    ("work", "Travel to work for my first month", 140, A.PAID),
    ("driving", "Five more driving lessons", 150, A.MORE_INFO),
    ("setting-up-home", "Curtains and a rug", 100, A.APPROVED),
    ("hobbies", "Football boots and club subs", 110, A.IN_REVIEW),
    ("education", "A bus pass for my apprenticeship", 160, A.AWAITING_ENDORSEMENT),
    ("work", "A food hygiene course", 60, A.READY_FOR_PANEL),
    ("wellbeing", "A bike to get about", 180, A.DRAFT),
    ("setting-up-home", "A fridge freezer", 250, A.DRAFT),
]


def build(history: History) -> None:
    chair = User.objects.get(email="chair@example.org")
    panel = User.objects.get(email="panel@example.org")
    finance = User.objects.get(email="finance@example.org")
    categories = {c.slug: c for c in Category.objects.all()}
    applicants = people("yp", len(APPLICATIONS), User.Kind.YOUNG_PERSON, offset=17)
    span = history.days - 130
    for n, (slug, what_for, pounds, ending) in enumerate(APPLICATIONS):
        category = categories.get(slug)
        if category is None:
            continue
        late = ending in (
            A.DRAFT,
            A.AWAITING_ENDORSEMENT,
            A.READY_FOR_PANEL,
            A.IN_REVIEW,
            A.MORE_INFO,
        )
        started = history.day(history.days - 60 + n if late else 60 + n * span / len(APPLICATIONS))
        applicant = applicants[n]
        with at(started):
            application = services.application_start(applicant=applicant)
            today = timezone.localdate()
            services.application_save_step(
                application=application,
                by=applicant,
                date_of_birth=today.replace(year=today.year - 17 - n % 7, day=1),
                care_experienced=True,
                category=category,
                what_for=what_for,
                amount_pence=min(pounds * 100, category.max_amount_pence),
                how_it_helps="It will help me get settled and keep going with my plans.",
                worker_name="Sam Adviser",
                worker_email="sam.adviser@example.org",
            )
        if ending == A.DRAFT:
            continue
        sent = started + dt.timedelta(days=1)
        with at(sent):
            services.application_submit(application=application, by=applicant)
        if ending == A.WITHDRAWN:
            with at(sent + dt.timedelta(days=3)):
                application.refresh_from_db()  # as the view finds it: sent
                services.application_withdraw(application=application, by=applicant)
            continue
        if ending == A.AWAITING_ENDORSEMENT:
            continue
        _endorse(application, sent + dt.timedelta(days=4))
        if ending == A.READY_FOR_PANEL:
            continue
        decided = sent + dt.timedelta(days=14 + (n * 5) % 22)
        with at(decided - dt.timedelta(days=3)):
            services.review_record(
                application=application,
                reviewer=panel,
                conflict_of_interest=False,
                recommendation=Review.Recommendation.NO
                if ending == A.DECLINED
                else Review.Recommendation.YES,
                comment="Clear plan and a realistic cost.",
            )
        if ending == A.IN_REVIEW:
            continue
        _decide(history, application, ending, decided, chair, finance)


def _endorse(application: Application, moment: dt.datetime) -> None:
    """The worker supports it (grants.services.endorsement_record's record and log)."""
    with at(moment):
        endorsement = Endorsement.objects.filter(application=application).latest("sent_at")
        endorsement.endorsed, endorsement.care_experienced_confirmed = True, True
        endorsement.comment = "I know them well and support this."
        endorsement.used_at = timezone.now()
        endorsement.save()
        application.refresh_from_db()
        states.move(application, A.READY_FOR_PANEL, event=Event.ENDORSED, endorsement=endorsement)


def _decide(history, application, ending, decided, chair, finance) -> None:
    asked = application.amount_pence
    if ending == A.MORE_INFO:
        with at(decided):
            services.application_decide(
                application=application,
                by=chair,
                outcome="more_info",
                message="Could you send a quote from the driving school?",
            )
        return
    outcome = "decline" if ending == A.DECLINED else "approve"
    amount = asked * 2 // 3 // 100 * 100 if ending == "part" else asked
    with at(decided):
        services.application_decide(
            application=application,
            by=chair,
            outcome=outcome,
            amount_pence=None if outcome == "decline" else amount,
            message="The panel has decided: see the amount above."
            if outcome == "approve"
            else "The panel could not fund this from No Limits this time; your adviser can help "
            "with other grants.",
        )
    if ending in (A.PAID, A.CLOSED):
        paid_on = min(decided + dt.timedelta(days=6), history.now - dt.timedelta(hours=2))
        with at(paid_on):
            services.payment_record(
                application=application,
                by=finance,
                amount_pence=amount,
                paid_on=timezone.localdate(),
                method="bank_transfer" if application.pk % 2 else "supplier",
                reference=f"NL-GRANT-{application.pk:05d}",
            )
    if ending == A.CLOSED:
        with at(min(decided + dt.timedelta(days=40), history.now - dt.timedelta(hours=1))):
            application.refresh_from_db()
            states.move(application, A.CLOSED, event=Event.CLOSED, by=finance)
