"""The volunteers app's demo content: the come-along page, training courses, the handbook, and
volunteers at work with young people waiting, proposed and matched, so every volunteering and
matching screen has something in it. Made through the services, as a coordinator would. Loaded
by `manage.py load_demo` after the demo accounts exist."""

import datetime as dt

from django.utils import timezone

from wagtail.models import Site

from nolimits.models import HomePage, User
from volunteers import services
from volunteers.models import (
    DBSCheck,
    Handbook,
    Match,
    OpportunityIndexPage,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
    YoungPerson,
)

# Training a council would use for volunteers with children in care (name, months valid, required)
TRAINING_COURSES = [
    ("2-day induction with safeguarding", 36, True),
    ("Safeguarding refresher", 12, False),
    ("Emergency first aid", 36, False),
    ("Trauma-informed practice", None, False),
    ("Professional boundaries and lone working", None, False),
]
HANDBOOK_VERSION = (
    "2026.1",
    "The volunteers' handbook: roles, boundaries, safeguarding, expenses, who to call.",
)

# Volunteers a coordinator can match, beside volunteer@example.org (all invented; no logins).
# (email, full name, interests, availability, area, gender, DBS workforce, fully cleared?)
DEMO_VOLUNTEERS = [
    (
        "volunteer@example.org",
        "Val Volunteer",
        "football, cooking, music",
        "Tuesday evenings, weekends",
        "Thamesbrook",
        "woman",
        "both",
        True,
    ),
    (
        "ade.okafor@example.org",
        "Ade Okafor",
        "football, gaming, cycling",
        "Tuesday evenings, Saturday mornings",
        "Thamesbrook",
        "man",
        "both",
        True,
    ),
    (
        "bea.lindqvist@example.org",
        "Bea Lindqvist",
        "baking, art, reading",
        "weekends",
        "Thamesbrook",
        "woman",
        "both",
        True,
    ),
    (
        "chris.murray@example.org",
        "Chris Murray",
        "music, coding, chess",
        "Monday evenings, Friday evenings",
        "Riverside",
        "man",
        "both",
        True,
    ),
    (
        "dee.hart@example.org",
        "Dee Hart",
        "swimming, cooking, drama",
        "Wednesday afternoons, weekends",
        "Thamesbrook",
        "woman",
        "adult",
        True,
    ),
    (
        "eli.grant@example.org",
        "Eli Grant",
        "football, music",
        "Tuesday evenings",
        "Thamesbrook",
        "man",
        "both",
        False,
    ),
]
# Young people referred by workers (invented first names). (first name, age, area, interests,
# availability, what a volunteer must know, the demo state: waiting / proposed:<email> / active:<email>)
DEMO_YOUNG_PEOPLE = [
    (
        "Jordan",
        15,
        "Thamesbrook",
        "football, gaming",
        "Tuesday evenings",
        "Supports Thamesbrook Town; shy at first.",
        "waiting",
    ),
    ("Priya", 17, "Thamesbrook", "baking, art", "weekends", "", "waiting"),
    (
        "Kai",
        19,
        "Thamesbrook",
        "swimming, cooking",
        "Saturday mornings, weekends",
        "Lives in supported lodgings.",
        "waiting",
    ),
    (
        "Mia",
        16,
        "Riverside",
        "music, coding",
        "Friday evenings",
        "",
        "proposed:chris.murray@example.org",
    ),
    (
        "Tyler",
        16,
        "Thamesbrook",
        "football, music, cooking",
        "Tuesday evenings",
        "Has a younger brother he looks after on Thursdays.",
        "active:volunteer@example.org",
    ),
]


def load(home: HomePage) -> None:
    _volunteering(home)
    _volunteers_and_matches()


def _volunteering(home: HomePage) -> None:
    if not OpportunityIndexPage.objects.exists():
        page = OpportunityIndexPage(
            title="Come along",
            slug="come-along",
            intro="<p>Things our volunteers already do that young people can join. Workers and "
            "young people can book a place.</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()

    created = False
    for name, months, required in TRAINING_COURSES:
        created |= TrainingCourse.objects.get_or_create(
            name=name, defaults={"valid_for_months": months, "required": required}
        )[1]
    version, summary = HANDBOOK_VERSION
    created |= Handbook.objects.get_or_create(version=version, defaults={"summary": summary})[1]
    if created:  # a new required course or handbook changes who is cleared
        services.clearance_context_changed()


def _volunteers_and_matches() -> None:
    """Volunteers at work and young people waiting, proposed and matched: every
    matching screen has something in it. Made through the services, as a coordinator would."""

    from volunteers.models import (
        Handbook,
        TrainingCourse,
    )

    site = Site.objects.filter(is_default_site=True).first()
    if site:
        VolunteeringSettings.for_site(site).save()  # the row a used demo has
    coordinator = User.objects.get(email="coordinator@example.org")
    mentor = User.objects.get(email="mentor@example.org")
    today = timezone.localdate()
    induction = TrainingCourse.objects.filter(required=True).first()
    handbook = Handbook.current()
    for (
        email,
        name,
        interests,
        availability,
        area,
        gender,
        workforce,
        cleared,
    ) in DEMO_VOLUNTEERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, full_name=name, kind="staff", directorate="children")
            user.set_unusable_password()
            user.save()
        if Volunteer.objects.filter(user=user).exists():
            continue
        volunteer = services.volunteer_apply(
            user=user,
            route=Volunteer.Route.ONE_TO_ONE,
            interests=interests,
            availability=availability,
            area=area,
            experience="",
            volunteering_in_paid_time=False,
            referees=[
                {
                    "name": "Robin Referee",
                    "email": "robin.referee@example.org",
                    "relationship": "line manager",
                },
                {
                    "name": "Sky Referee",
                    "email": "sky.referee@example.org",
                    "relationship": "colleague",
                },
            ],
        )
        Volunteer.objects.filter(pk=volunteer.pk).update(
            gender=gender, applied_at=timezone.now() - dt.timedelta(days=120)
        )
        if not cleared:
            continue  # applied, references on their way: a file at its first step
        for reference in volunteer.references.all():
            services.reference_record(
                reference=reference,
                by=coordinator,
                outcome="satisfactory",
                received_on=today - dt.timedelta(days=100),
            )
        services.interview_record(
            volunteer=volunteer, by=coordinator, done_on=today - dt.timedelta(days=95)
        )
        check = (
            services.dbs_check_record(
                volunteer=volunteer,
                by=coordinator,
                level=DBSCheck.Level.ENHANCED_BARRED,
                workforce=workforce,
                childrens_barred_list_checked=workforce != "adult",
                adults_barred_list_checked=False,
                certificate_number=f"00{volunteer.pk:010d}",
                issue_date=today - dt.timedelta(days=80),
            )
            if workforce != "adult"
            else services.dbs_check_record(
                volunteer=volunteer,
                by=coordinator,
                level=DBSCheck.Level.ENHANCED,
                workforce=workforce,
                certificate_number=f"00{volunteer.pk:010d}",
                issue_date=today - dt.timedelta(days=80),
            )
        )
        services.dbs_check_decide(check=check, by=coordinator, decision="accepted")
        if induction:
            TrainingRecord.objects.filter(volunteer=volunteer, course=induction).exists() or (
                services.training_record_add(
                    volunteer=volunteer,
                    course=induction,
                    completed_on=today - dt.timedelta(days=60),
                    by=coordinator,
                )
            )
        if handbook:
            services.handbook_accept(volunteer=volunteer, by=volunteer.user)
        services.mentor_assign(volunteer=volunteer, mentor=mentor, by=coordinator)
        services.volunteer_approve(volunteer=volunteer, by=coordinator)

    for (
        first_name,
        age,
        area,
        interests,
        availability,
        must_know,
        state,
    ) in DEMO_YOUNG_PEOPLE:
        if YoungPerson.objects.filter(
            first_name=first_name, worker_email="wren.worker@example.org"
        ).exists():
            continue
        born = today.replace(year=today.year - age, day=1) - dt.timedelta(days=40)
        young_person = services.young_person_refer(
            first_name=first_name,
            date_of_birth=born,
            area=area,
            interests=interests,
            availability=availability,
            must_know=must_know,
            worker_name="Wren Worker",
            worker_email="wren.worker@example.org",
            consent=True,
        )
        if state == "waiting":
            continue
        kind, email = state.split(":")
        volunteer = Volunteer.objects.get(user__email=email)
        match = services.match_propose(
            young_person=young_person, volunteer=volunteer, by=coordinator, score=70
        )
        if kind == "active":
            services.match_move(
                match=match,
                to=Match.Status.INTRODUCED,
                by=coordinator,
                reason="Introduced with their worker",
                first_meeting_on=today - dt.timedelta(days=45),
            )
            services.match_move(
                match=match, to=Match.Status.ACTIVE, by=coordinator, reason="Going well"
            )
