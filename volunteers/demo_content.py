"""The volunteers app's demo content: the come-along page, training courses, the handbook, and
volunteers at work (matching/demo_content.py matches them with young people), so every
volunteering screen has something in it. Made through the services, as a coordinator would.
Loaded by `manage.py load_demo` after the demo accounts exist."""

import datetime as dt

from django.utils import timezone

from wagtail.models import Site

from nolimits import demo_nav
from nolimits.models import HomePage, User
from volunteers import services
from volunteers.models import (
    DBSCheck,
    Handbook,
    OpportunityIndexPage,
    TrainingCourse,
    TrainingRecord,
    Volunteer,
    VolunteeringSettings,
)

# Training a council would use for volunteers with children in care (name, months valid, required)
TRAINING_COURSES = [
    ("2-day induction with safeguarding", 36, True),
    ("Safeguarding refresher", 12, False),
    ("Emergency first aid", 36, False),
    ("Trauma-informed practice", None, False),
    ("Professional boundaries and lone working", None, False),
]
# Every demo volunteer's two referees (invented).
REFEREES = [
    {"name": "Robin Referee", "email": "robin.referee@example.org", "relationship": "line manager"},
    {"name": "Sky Referee", "email": "sky.referee@example.org", "relationship": "colleague"},
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


def load(home: HomePage) -> None:
    _volunteering(home)
    _volunteers_at_work()


def _volunteering(home: HomePage) -> None:
    page = OpportunityIndexPage.objects.first()
    if page is None:
        page = OpportunityIndexPage(
            title="Come along",
            slug="come-along",
            intro="<p>Things our volunteers already do that young people can join. Workers and "
            "young people can book a place.</p>",
        )
        home.add_child(instance=page)
        page.save_revision().publish()
    demo_nav.header_link_add("Come along", page, after="Give time")

    created = False
    for name, months, required in TRAINING_COURSES:
        created |= TrainingCourse.objects.get_or_create(
            name=name, defaults={"valid_for_months": months, "required": required}
        )[1]
    version, summary = HANDBOOK_VERSION
    created |= Handbook.objects.get_or_create(version=version, defaults={"summary": summary})[1]
    if created:  # a new required course or handbook changes who is cleared
        services.clearance_context_changed()


def _volunteers_at_work() -> None:
    """Volunteers at every step, most of them cleared, for matching/demo_content.py to match.
    Made through the services, as a coordinator would."""

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
            referees=REFEREES,
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
