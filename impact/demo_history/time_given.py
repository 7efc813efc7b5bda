"""The demo's volunteering history: volunteers who applied over the months and reached every
stage (applied, references, DBS, training, active, paused, left) with their references,
interviews, DBS checks, training and a staff mentor; and come-along activities with bookings.
Everything goes through the volunteers app's services, as a coordinator and the volunteers would
have done it, each on its own past day."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from impact.demo_history.common import History, at, people
from nolimits.models import User
from volunteers import services
from volunteers.demo_content import REFEREES
from volunteers.models import DBSCheck, Opportunity, TrainingCourse, Volunteer

V = Volunteer.Status
# Where each volunteer's story ends today, in the order they applied.
STAGES = (
    [V.ACTIVE] * 4 + [V.LEFT] + [V.ACTIVE] * 3 + [V.PAUSED] + [V.ACTIVE] * 2 + [V.LEFT] + [V.ACTIVE]
    + [V.TRAINING, V.DBS, V.REFERENCES, V.APPLIED, V.TRAINING, V.DBS]
)  # fmt: skip
INTERESTS = [
    "football, cooking, music", "art, baking, reading", "swimming, gaming, cycling",
    "music, coding, chess", "drama, dance, singing", "running, football, films",
]  # fmt: skip
ACTIVITIES = [
    ("Saturday parkrun and breakfast", "Thamesbrook Park", "Running shoes"),
    ("Behind the scenes at the library", "Central Library", ""),
    ("Five-a-side football", "Riverside Leisure Centre", "Trainers"),
    ("Community choir", "St Mary's Hall", ""),
    ("Cook a curry for four", "Civic Offices kitchen", "An apron"),
    ("Planning office open morning", "Civic Offices", ""),
    ("Bike repair workshop", "Thamesbrook Bike Hub", "Your bike, if you have one"),
    ("Litter pick and picnic", "Riverside Gardens", "Warm clothes"),
]
BOOKERS = [
    ("Wren Worker", "wren.worker@example.org"),
    ("Sam Adviser", "sam.adviser@example.org"),
    ("Jo Carer", "jo.carer@example.org"),
]
YOUNG_FIRST_NAMES = ["Alfie", "Bea", "Cody", "Demi", "Eli", "Frankie", "Gio", "Hollie", "Ike"]


def build(history: History) -> list[Volunteer]:
    """The volunteers (returned in order of applying, for the matches) and the come-along."""
    coordinator = User.objects.get(email="coordinator@example.org")
    mentor = User.objects.get(email="mentor@example.org")
    induction = TrainingCourse.objects.filter(required=True).order_by("pk").first()
    users = people("vol", len(STAGES), User.Kind.STAFF, offset=5)
    volunteers = []
    late = len([s for s in STAGES if s not in (V.ACTIVE, V.PAUSED, V.LEFT)])
    settled = len(STAGES) - late
    for n, (user, stage) in enumerate(zip(users, STAGES, strict=True)):
        # Those cleared long ago applied across the first year; those still applying, lately.
        if n < settled:
            applied = history.day(n * 330 / settled + 1, hour=9)
        else:
            applied = history.day(history.days - 75 + (n - settled) * 5, hour=9)
        volunteer = _volunteer(history, user, stage, applied, coordinator, mentor, induction, n)
        volunteers.append(volunteer)
    _come_along(
        history, [v for v, s in zip(volunteers, STAGES, strict=True) if s == V.ACTIVE], coordinator
    )
    return volunteers


def _volunteer(history, user, stage, applied, coordinator, mentor, induction, n) -> Volunteer:
    day = timezone.localdate
    with at(applied):
        volunteer = services.volunteer_apply(
            user=user,
            route=Volunteer.Route.BOTH if n % 4 == 0 else Volunteer.Route.ONE_TO_ONE,
            interests=INTERESTS[n % len(INTERESTS)],
            availability="Tuesday evenings, weekends" if n % 2 else "Saturday mornings, weekends",
            area="Thamesbrook",
            experience="",
            volunteering_in_paid_time=n % 3 == 0,
            referees=REFEREES,
        )
    Volunteer.objects.filter(pk=volunteer.pk).update(gender="woman" if n % 2 else "man")
    if stage == V.APPLIED:
        return volunteer
    if stage == V.LEFT and n == 4:  # changed their mind before the references came
        with at(applied + dt.timedelta(days=9)):
            services.volunteer_withdraw(volunteer=volunteer, by=user, reason="Changed job")
        return volunteer
    with at(applied + dt.timedelta(days=2)):
        services.volunteer_move(
            volunteer=volunteer, to=V.REFERENCES, by=coordinator, reason="References asked for"
        )
    if stage == V.REFERENCES:
        return volunteer
    with at(applied + dt.timedelta(days=16)):
        for reference in volunteer.references.all():
            services.reference_record(
                reference=reference,
                by=coordinator,
                outcome="satisfactory",
                received_on=day() - dt.timedelta(days=2),
            )
        services.interview_record(volunteer=volunteer, by=coordinator, done_on=day())
        services.volunteer_move(
            volunteer=volunteer, to=V.DBS, by=coordinator, reason="References and interview done"
        )
    with at(applied + dt.timedelta(days=30)):
        check = services.dbs_check_record(
            volunteer=volunteer,
            by=coordinator,
            level=DBSCheck.Level.ENHANCED_BARRED,
            workforce="both",
            childrens_barred_list_checked=True,
            adults_barred_list_checked=False,
            certificate_number=f"01{volunteer.pk:010d}",
            issue_date=day() - dt.timedelta(days=3),
        )
    if stage == V.DBS:
        return volunteer
    with at(applied + dt.timedelta(days=33)):
        services.dbs_check_decide(check=check, by=coordinator, decision="accepted")
        volunteer.refresh_from_db()
        services.volunteer_move(
            volunteer=volunteer, to=V.TRAINING, by=coordinator, reason="DBS check accepted"
        )
    if stage == V.TRAINING:
        return volunteer
    with at(applied + dt.timedelta(days=50)):
        if induction:
            services.training_record_add(
                volunteer=volunteer,
                course=induction,
                completed_on=day() - dt.timedelta(days=1),
                by=coordinator,
            )
        services.handbook_accept(volunteer=volunteer, by=user)
        services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
        volunteer.refresh_from_db()
        services.volunteer_approve(volunteer=volunteer, by=coordinator)
    if stage == V.PAUSED:
        with at(history.day(history.days - 40 - n, hour=14)):
            services.volunteer_move(
                volunteer=volunteer,
                to=V.PAUSED,
                by=coordinator,
                reason="Taking a break after an operation",
            )
    elif stage == V.LEFT:
        with at(history.day(history.days - 90 + n, hour=14)):
            services.volunteer_withdraw(
                volunteer=volunteer, by=user, reason="Moved away from the area"
            )
    volunteer.refresh_from_db()
    return volunteer


def _come_along(history: History, volunteers: list[Volunteer], coordinator: User) -> None:
    """An activity about every six weeks, offered three weeks ahead, most approved and booked;
    one declined; the last few still to come (the come-along page lists them)."""
    rng = history.rng
    starts = list(range(100, history.days + 50, 42))
    for n, start_day in enumerate(starts):
        volunteer = volunteers[n % len(volunteers)]
        title, location, bring = ACTIVITIES[n % len(ACTIVITIES)]
        starts_at = timezone.localtime(history.start + dt.timedelta(days=start_day)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
        with at(min(starts_at - dt.timedelta(days=21), history.now - dt.timedelta(hours=3))):
            opportunity = services.opportunity_offer(
                volunteer=volunteer,
                by=volunteer.user,
                title=title,
                description=f"{title}, with No Limits volunteers. Come on your own or with a friend.",
                location=location,
                starts_at=starts_at,
                places=rng.choice([6, 8, 10, 12]),
                min_age=14,
                max_age=25,
                what_to_bring=bring,
            )
        with at(min(starts_at - dt.timedelta(days=19), history.now - dt.timedelta(hours=2))):
            declined = n % 7 == 3
            services.opportunity_decide(
                opportunity=opportunity,
                by=coordinator,
                approve=not declined,
                reason="It clashes with the summer fair; please offer another date"
                if declined
                else "",
            )
        if declined:
            continue
        bookings = rng.randint(2, opportunity.places - 1)
        for b in range(bookings):
            moment = starts_at - dt.timedelta(days=18 - b)
            if moment >= history.now - dt.timedelta(hours=1):
                break
            booker, email = BOOKERS[b % len(BOOKERS)]
            with at(moment):
                services.booking_make(
                    opportunity=Opportunity.objects.get(pk=opportunity.pk),
                    young_person_first_name=YOUNG_FIRST_NAMES[(n + b) % len(YOUNG_FIRST_NAMES)],
                    young_person_age=15 + (n + b) % 9,
                    booker_name=booker,
                    booker_email=email,
                )
