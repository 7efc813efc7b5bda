"""The matching app's demo content: young people waiting, proposed and matched with the
volunteers that volunteers/demo_content.py made, so every matching screen has something in it.
Made through the services, as a coordinator would. Loaded by `manage.py load_demo` after the
volunteers' demo content (INSTALLED_APPS lists matching after volunteers)."""

import datetime as dt

from django.utils import timezone

from matching import services
from matching.models import Match, YoungPerson
from nolimits.models import HomePage, User
from volunteers.models import Volunteer

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
    coordinator = User.objects.get(email="coordinator@example.org")
    today = timezone.localdate()
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
