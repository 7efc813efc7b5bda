"""Back-office data at any scale, made with bulk_create (quick), for bench_admin.py and for the
query-count tests at two sizes (tests/test_admin_scale.py).

At scale 1: 100,000 gifts from 20,000 donors (refunds and disputes among them), 10,000
volunteers at every stage with DBS checks, two references and training each (some cleared, some
expiring, some lapsed), and 2,000 grant applications at every status (some paid). bulk_create
bypasses the services, so the stored clearance summary and the fund ledger are set up
afterwards the way their daily checks would (store_summaries, the ledger's reconciliation).
"""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth.models import Group
from django.utils import timezone

ROLES = [
    "Finance",
    "Volunteer coordinators",
    "Grants panel",
    "Grants panel chairs",
    "Programme leads",
]

# Every admin list, filter, report and dashboard used by finance, coordinators, the panel and
# programme leads, with the role that uses it: (role, what, URL).
VIEWS = [
    ("Finance", "dashboard", "/admin/"),
    ("Finance", "gifts", "/admin/giving/gifts/"),
    ("Finance", "gifts received", "/admin/giving/gifts/?status=succeeded"),
    ("Finance", "pledges", "/admin/giving/pledges/"),
    ("Finance", "gift aid declarations", "/admin/giving/gift-aid-declarations/"),
    ("Finance", "gift aid claims", "/admin/giving/gift-aid-claims/"),
    ("Finance", "payroll runs", "/admin/giving/payroll-runs/"),
    ("Finance", "stripe events", "/admin/giving/stripe-events/"),
    ("Finance", "reconciliation", "/admin/giving/reconciliation/"),
    ("Finance", "grant payments to make", "/admin/grants/payments/"),
    ("Finance", "grant payments made", "/admin/grants/payments-made/"),
    ("Finance", "expense claims", "/admin/volunteering/expenses/"),
    ("Volunteer coordinators", "dashboard", "/admin/"),
    ("Volunteer coordinators", "volunteers", "/admin/volunteering/volunteers/"),
    ("Volunteer coordinators", "volunteers cleared", "/admin/volunteering/volunteers/?cleared=yes"),
    (
        "Volunteer coordinators",
        "volunteers not cleared",
        "/admin/volunteering/volunteers/?cleared=no",
    ),
    (
        "Volunteer coordinators",
        "volunteers expiring in 60 days",
        "/admin/volunteering/volunteers/?expiring_within=60",
    ),
    (
        "Volunteer coordinators",
        "volunteers active",
        "/admin/volunteering/volunteers/?status=active",
    ),
    ("Volunteer coordinators", "DBS checks", "/admin/volunteering/dbs/"),
    ("Volunteer coordinators", "training", "/admin/volunteering/training/"),
    ("Volunteer coordinators", "references", "/admin/volunteering/references/"),
    ("Volunteer coordinators", "sessions", "/admin/volunteering/sessions/"),
    ("Volunteer coordinators", "report: expiring", "/admin/reports/volunteering/expiring/"),
    ("Volunteer coordinators", "report: not cleared", "/admin/reports/volunteering/not-cleared/"),
    ("Volunteer coordinators", "report: references", "/admin/reports/volunteering/references/"),
    ("Volunteer coordinators", "report: mentors", "/admin/reports/volunteering/mentors/"),
    ("Volunteer coordinators", "young people", "/admin/volunteering/young-people/"),
    ("Volunteer coordinators", "matches", "/admin/volunteering/matches/"),
    ("Grants panel", "dashboard", "/admin/"),
    ("Grants panel", "applications", "/admin/grants/applications/"),
    ("Grants panel", "applications in review", "/admin/grants/applications/?status=in_review"),
    ("Grants panel chairs", "dashboard", "/admin/"),
    ("Grants panel chairs", "applications", "/admin/grants/applications/"),
    ("Programme leads", "dashboard", "/admin/"),
]


def staff(role: str):
    """A staff member in one role, with two-factor set up (the admin requires it)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from nolimits.models import User

    slug = role.lower().replace(" ", "-")
    user, made = User.objects.get_or_create(
        email=f"{slug}@example.org",
        defaults={"full_name": f"{role} member", "kind": "staff", "directorate": "children"},
    )
    if made:
        user.groups.add(Group.objects.get(name=role))
        TOTP.activate(user, generate_totp_secret())
    return user


def seed(scale: float = 1.0, seed_value: int = 17) -> dict[str, int]:
    """Make the data; returns how many of each were made."""
    from grants.fund import rebuild_ledger
    from grants.models import Application, Category, GrantPayment, Review
    from nolimits.models import User
    from pledges.models import Adjustment, Donation, GiftAidDeclaration
    from volunteers.clearance import store_summaries
    from volunteers.models import (
        DBSCheck,
        Handbook,
        HandbookAcceptance,
        Reference,
        TrainingCourse,
        TrainingRecord,
        Volunteer,
    )

    rng = random.Random(seed_value)
    gifts, donors = int(100_000 * scale), max(1, int(20_000 * scale))
    volunteers_n, applications_n = max(1, int(10_000 * scale)), max(1, int(2_000 * scale))
    today = timezone.localdate()
    now = timezone.now()
    coordinator = staff("Volunteer coordinators")
    chair = staff("Grants panel chairs")
    for role in ROLES:
        staff(role)
    tag = f"s{int(scale * 100_000)}-{seed_value}"

    # --- giving ---------------------------------------------------------------------------
    donor_rows = User.objects.bulk_create(
        [
            User(
                email=f"donor{i}-{tag}@example.org",
                full_name=f"Donor {i}",
                kind="staff",
                directorate="children",
            )
            for i in range(donors)
        ],
        batch_size=2000,
    )
    GiftAidDeclaration.objects.bulk_create(
        [
            GiftAidDeclaration(
                donor=u,
                wording="…",
                charity_name="Foundation",
                first_name="Donor",
                last_name=f"Number-{i}",
                house_name_or_number=str(i % 200 + 1),
                postcode="SL1 2AB",
                declared_at=now - dt.timedelta(days=400),
            )
            for i, u in enumerate(donor_rows)
            if i % 2 == 0
        ],
        batch_size=2000,
    )
    statuses = ["succeeded"] * 17 + ["processing", "failed", "expired"]
    start = now - dt.timedelta(days=365)
    step = dt.timedelta(days=364) / max(gifts, 1)
    gift_rows = Donation.objects.bulk_create(
        [
            Donation(
                donor=donor_rows[i % donors],
                kind=rng.choice(["monthly", "campaign"]),
                status=(status := rng.choice(statuses)),
                amount_pence=rng.choice([500, 1000, 2000, 2500, 5000, 10000]),
                paid_at=start + step * i if status == "succeeded" else None,
                created_at=start + step * i,
            )
            for i in range(gifts)
        ],
        batch_size=5000,
    )
    Adjustment.objects.bulk_create(
        [
            Adjustment(
                donation=g,
                kind="refund" if i % 3 else "dispute",
                stripe_id=f"re_{tag}_{i}",
                amount_pence=-g.amount_pence,
                status="succeeded" if i % 3 else "lost",
                created_at=g.paid_at + dt.timedelta(days=3),
            )
            for i, g in enumerate(x for x in gift_rows[::200] if x.status == "succeeded")
        ],
        batch_size=2000,
    )

    # --- volunteering ---------------------------------------------------------------------
    course, _ = TrainingCourse.objects.get_or_create(
        name="2-day induction with safeguarding",
        defaults={"valid_for_months": 36, "required": True},
    )
    handbook = Handbook.current() or Handbook.objects.create(version="1", summary="x")
    people = User.objects.bulk_create(
        [
            User(
                email=f"volunteer{i}-{tag}@example.org",
                full_name=f"Volunteer {i:05d}",
                kind="staff",
                directorate="children",
            )
            for i in range(volunteers_n)
        ],
        batch_size=2000,
    )
    stages = ["applied", "references", "dbs", "training"] + ["active"] * 5 + ["paused", "left"]
    volunteers = Volunteer.objects.bulk_create(
        [
            Volunteer(
                user=u,
                route="one_to_one",
                status=(stage := rng.choice(stages)),
                mentor=coordinator if stage in ("active", "paused") else None,
                approved_by=coordinator if stage in ("active", "paused") else None,
                approved_at=now if stage in ("active", "paused") else None,
                interview_done_on=today if stage not in ("applied", "references") else None,
                area="Riverside",
                consent_to_checks=True,
                consent_to_data=True,
            )
            for u in people
        ],
        batch_size=2000,
    )
    DBSCheck.objects.bulk_create(
        [
            DBSCheck(
                volunteer=v,
                level="enhanced_barred",
                workforce="both",
                childrens_barred_list_checked=True,
                certificate_number=f"{i:012d}",
                # some due for renewal soon, some lapsed, most in date
                issue_date=today - dt.timedelta(days=rng.choice([100, 400, 1070, 1100])),
                decision="accepted" if v.status != "dbs" else "pending",
                decided_by=coordinator,
                decided_at=now,
                recorded_by=coordinator,
            )
            for i, v in enumerate(volunteers)
            if v.status not in ("applied", "references")
        ],
        batch_size=2000,
    )
    Reference.objects.bulk_create(
        [
            Reference(
                volunteer=v,
                name=f"Referee {j}",
                email="r@example.org",
                relationship="x",
                outcome="waiting" if v.status == "references" and j else "satisfactory",
                received_on=None if v.status == "references" and j else today,
            )
            for v in volunteers
            for j in range(2)
            if v.status != "applied"
        ],
        batch_size=4000,
    )
    TrainingRecord.objects.bulk_create(
        [
            TrainingRecord(
                volunteer=v,
                course=course,
                completed_on=(done := today - dt.timedelta(days=rng.choice([30, 400, 1070]))),
                expires_on=done + dt.timedelta(days=1095),
                recorded_by=coordinator,
            )
            for v in volunteers
            if v.status in ("active", "paused", "left")
        ],
        batch_size=2000,
    )
    HandbookAcceptance.objects.bulk_create(
        [
            HandbookAcceptance(volunteer=v, handbook=handbook)
            for v in volunteers
            if v.status in ("active", "paused", "left")
        ],
        batch_size=2000,
    )
    store_summaries()  # bulk_create bypasses the services, which store it record by record

    # --- grants ---------------------------------------------------------------------------
    category, _ = Category.objects.get_or_create(
        slug="driving", defaults={"name": "Driving lessons", "max_amount_pence": 50_000}
    )
    young = User.objects.bulk_create(
        [
            User(
                email=f"young{i}-{tag}@example.org",
                full_name=f"Young person {i}",
                kind="young_person",
                directorate="",
            )
            for i in range(applications_n)
        ],
        batch_size=2000,
    )
    kinds = ["draft", "ready_for_panel", "in_review", "approved", "part_approved"]
    kinds += ["declined", "paid", "paid", "closed", "withdrawn"]
    applications = Application.objects.bulk_create(
        [
            Application(
                applicant=u,
                status=(status := rng.choice(kinds)),
                category=category,
                what_for="Driving lessons",
                amount_pence=40_000,
                how_it_helps="To get to work",
                worker_name="Pat Worker",
                worker_email="pat@example.org",
                date_of_birth=dt.date(2006, 1, 1),
                care_experienced=True,
                submitted_at=None if status == "draft" else now - dt.timedelta(days=30),
                decided_amount_pence=(
                    30_000 if status in ("approved", "part_approved", "paid", "closed") else None
                ),
                decided_by=chair if status in ("approved", "part_approved", "paid") else None,
                decided_at=now - dt.timedelta(days=10) if status != "draft" else None,
            )
            for u in young
        ],
        batch_size=2000,
    )
    GrantPayment.objects.bulk_create(
        [
            GrantPayment(
                application=a,
                amount_pence=30_000,
                paid_on=today - dt.timedelta(days=5),
                method="bank_transfer",
                reference=f"PAY-{a.pk}",
                recorded_by=chair,
            )
            for a in applications
            if a.status in ("paid", "closed")
        ],
        batch_size=2000,
    )
    panel = staff("Grants panel")
    Review.objects.bulk_create(
        [
            Review(application=a, reviewer=panel, recommendation="approve", comment="Good")
            for a in applications[::3]
            if a.status not in ("draft", "ready_for_panel")
        ],
        batch_size=2000,
    )
    rebuild_ledger()  # from the full sums, as reconcile_fund --repair would after bulk writes
    return {
        "gifts": gifts,
        "volunteers": volunteers_n,
        "applications": applications_n,
    }
