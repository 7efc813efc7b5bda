"""The Corporate Parenting Board report for a year of data at full demo scale: PDF and ODS.

Builds, in a throwaway database and in bulk, 18 months of a busy scheme: 1,500 givers with 900
monthly pledges and 12,000 gifts by every route (some refunded), 400 volunteers at every stage
with 3,000 sessions logged, 300 young people referred and 200 matches, 600 grant applications
decided and 450 grants paid. Then times the report for the last tax year (the figures for it and
the year before, both monthly series, and writing the file), once as a PDF and once as an ODS.
Prints: board_report_pdf_s <s> s and board_report_ods_s <s> s (target: under 10 s each).
"""

import datetime as dt
import random
import time

from _setup import throwaway_django

throwaway_django("board-report")

from django.utils import timezone  # noqa: E402

from grants.models import Application, Category, GrantPayment  # noqa: E402
from impact.periods import Period  # noqa: E402
from impact.report import build_report  # noqa: E402
from impact.report.ods import write_ods  # noqa: E402
from impact.report.pdf import write_pdf  # noqa: E402
from matching.models import Match, MatchStatusChange, YoungPerson  # noqa: E402
from nolimits.models import User  # noqa: E402
from pledges.models import Adjustment, Donation, Pledge  # noqa: E402
from volunteers.models import Volunteer, VolunteerSession  # noqa: E402

GIVERS, PLEDGES, GIFTS = 1_500, 900, 12_000
VOLUNTEERS, SESSIONS = 400, 3_000
YOUNG_PEOPLE, MATCHES = 300, 200
APPLICATIONS, PAID = 600, 450

rng = random.Random(15)
now = timezone.now()
start = now - dt.timedelta(days=548)


def moment() -> dt.datetime:
    return start + dt.timedelta(seconds=rng.randrange(int((now - start).total_seconds())))


def build() -> None:
    users = User.objects.bulk_create(
        User(
            email=f"person{i}@example.org",
            full_name=f"Person {i}",
            kind=User.Kind.COUNCILLOR if i % 40 == 0 else User.Kind.STAFF,
            directorate="" if i % 40 == 0 else User.Directorate.CHILDREN,
        )
        for i in range(GIVERS + VOLUNTEERS + APPLICATIONS)
    )
    givers = users[:GIVERS]
    volunteers_users = users[GIVERS : GIVERS + VOLUNTEERS]
    applicants = users[GIVERS + VOLUNTEERS :]
    pledges = Pledge.objects.bulk_create(
        Pledge(
            donor=givers[i], method="stripe", amount_pence=rng.choice([500, 1000, 2000]),
            status=rng.choice(["active", "active", "active", "paused", "cancelled"]),
            created_at=moment(),
        )
        for i in range(PLEDGES)
    )  # fmt: skip
    gifts = Donation.objects.bulk_create(
        Donation(
            donor=rng.choice(givers),
            kind=rng.choice(["monthly", "monthly", "payroll", "campaign"]),
            amount_pence=rng.choice([500, 1000, 2000, 2500, 5000]),
            status="succeeded",
            paid_at=moment(),
            payment_method_type=rng.choice(["card", "bacs_debit"]),
            pledge=rng.choice(pledges),
        )
        for _ in range(GIFTS)
    )
    Adjustment.objects.bulk_create(
        Adjustment(
            donation=g, kind="refund", stripe_id=f"re_{g.pk}", amount_pence=-g.amount_pence,
            status="succeeded", created_at=g.paid_at + dt.timedelta(days=3),
        )
        for g in gifts[:: 100]
    )  # fmt: skip
    stages = [s.value for s in Volunteer.Status]
    volunteers = Volunteer.objects.bulk_create(
        Volunteer(
            user=u, route="one_to_one", interests="music", availability="evenings",
            area="Thamesbrook", experience="Some", status=rng.choice(stages), applied_at=moment(),
        )
        for u in volunteers_users
    )  # fmt: skip
    VolunteerSession.objects.bulk_create(
        VolunteerSession(
            volunteer=rng.choice(volunteers), date=moment().date(), minutes=rng.choice([60, 90, 120]),
            what_happened="Met up",
        )
        for _ in range(SESSIONS)
    )  # fmt: skip
    young = YoungPerson.objects.bulk_create(
        YoungPerson(
            first_name=f"Young{i}", date_of_birth=dt.date(2008, 1, 1), area="Thamesbrook",
            interests="art", availability="weekends", worker_name="Wren",
            worker_email="wren@example.org", consent=True, referred_at=moment(),
        )
        for i in range(YOUNG_PEOPLE)
    )  # fmt: skip
    matches = Match.objects.bulk_create(
        Match(
            young_person=young[i], volunteer=rng.choice(volunteers), proposed_by=users[0],
            status=rng.choice(["active", "active", "closed", "introduced"]), proposed_at=moment(),
            closed_reason=rng.choice(["Moved away", "Goals met", ""]),
        )
        for i in range(MATCHES)
    )  # fmt: skip
    MatchStatusChange.objects.bulk_create(
        MatchStatusChange(
            match=m, from_status="proposed", to_status="introduced",
            at=m.proposed_at + dt.timedelta(days=5),
        )
        for m in matches
    )  # fmt: skip
    categories = [
        Category.objects.create(
            name=name, slug=name.lower().replace(" ", "-"), max_amount_pence=100_000
        )
        for name in ["Setting up home", "Education", "Work", "Driving", "Hobbies", "Wellbeing"]
    ]
    applications = []
    for person in applicants:
        sent = moment()
        amount = rng.choice([10_000, 25_000, 50_000])
        decided = rng.choice([amount, amount // 2, None])
        applications.append(
            Application(
                applicant=person, status="approved" if decided else "declined",
                category=rng.choice(categories), what_for="Help", amount_pence=amount,
                decided_amount_pence=decided, how_it_helps="It helps", worker_name="Pat",
                worker_email="pat@example.org", submitted_at=sent,
                decided_at=min(sent + dt.timedelta(days=rng.randrange(5, 30)), now),
            )
        )  # fmt: skip
    applications = Application.objects.bulk_create(applications)
    finance = users[0]
    GrantPayment.objects.bulk_create(
        GrantPayment(
            application=a, amount_pence=a.decided_amount_pence, method="bank_transfer",
            paid_on=timezone.localdate(a.decided_at), reference=f"BACS-{a.pk}", recorded_by=finance,
        )
        for a in [a for a in applications if a.decided_amount_pence][:PAID]
    )  # fmt: skip


def timed(write) -> float:
    year = Period.tax_year_containing(timezone.localdate()).previous()
    began = time.perf_counter()
    data = write(build_report(year, author_role="Programme lead, No Limits"))
    took = time.perf_counter() - began
    assert len(data) > 1000
    return took


build()
print(f"board_report_pdf_s {timed(write_pdf):.2f} s")
print(f"board_report_ods_s {timed(write_ods):.2f} s")
