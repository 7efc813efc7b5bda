"""The public impact page next to a content page, through the test client, on the demo with
two years of data added in bulk: 20,000 gifts, 2,000 grants paid and 500 young people matched.

The page cache is off (PAGE_CACHE_SECONDS=0): the impact page is timed with its figures cached (as nearly every visitor finds it) and cold
(the figures just forgotten, as after publishing or every IMPACT_PAGE_CACHE_SECONDS).
Prints: content_page_ms, impact_page_ms, impact_page_cold_ms (medians) and each one's queries.
"""

import datetime as dt
import os
import random
import statistics
import time

from _setup import throwaway_django

# What rendering the page costs, not the anonymous page cache's copy of it (bench_pages.py times
# the cached hit).
os.environ["PAGE_CACHE_SECONDS"] = "0"
throwaway_django("impact")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from grants.models import Application, GrantPayment  # noqa: E402
from impact.models import ImpactPage  # noqa: E402
from impact.public_figures import forget  # noqa: E402
from matching.models import Match, MatchStatusChange, YoungPerson  # noqa: E402
from nolimits.models import User  # noqa: E402
from pledges.models import Donation  # noqa: E402
from volunteers.models import Volunteer  # noqa: E402

GIFTS, GRANTS, YOUNG_PEOPLE = 20_000, 2_000, 500


def build(rng: random.Random) -> None:
    now = timezone.now()
    donors = User.objects.bulk_create(
        [User(email=f"d{i}@example.org", full_name=f"Donor {i}", kind="staff",
              directorate="children") for i in range(2_000)]
    )  # fmt: skip
    Donation.objects.bulk_create(
        [Donation(donor=rng.choice(donors), kind="monthly", amount_pence=rng.choice([500, 1000]),
                  status="succeeded", paid_at=now - dt.timedelta(days=rng.randint(0, 730)))
         for _ in range(GIFTS)],
        batch_size=2_000,
    )  # fmt: skip
    young = User.objects.create(email="yp@example.org", full_name="Y P", kind="young_person")
    finance = User.objects.get(email="finance@example.org")
    applications = Application.objects.bulk_create(
        [Application(applicant=young, status="paid", what_for="Help", amount_pence=20_000,
                     decided_at=now - dt.timedelta(days=rng.randint(3, 730)),
                     decided_amount_pence=20_000) for _ in range(GRANTS)],
        batch_size=1_000,
    )  # fmt: skip
    GrantPayment.objects.bulk_create(
        [GrantPayment(application=a, amount_pence=20_000, method="bank_transfer",
                      paid_on=timezone.localtime(a.decided_at).date(), reference=f"B{a.pk}",
                      recorded_by=finance) for a in applications],
        batch_size=1_000,
    )  # fmt: skip
    volunteer = Volunteer.objects.first()
    coordinator = User.objects.get(email="coordinator@example.org")
    people = YoungPerson.objects.bulk_create(
        [YoungPerson(first_name=f"YP{i}", date_of_birth=dt.date(2008, 1, 1), area="Thamesbrook",
                     worker_name="W", worker_email="w@example.org", consent=True)
         for i in range(YOUNG_PEOPLE)]
    )  # fmt: skip
    matches = Match.objects.bulk_create(
        [Match(young_person=p, volunteer=volunteer, status="active", proposed_by=coordinator,
               proposed_at=now - dt.timedelta(days=rng.randint(30, 700))) for p in people]
    )  # fmt: skip
    MatchStatusChange.objects.bulk_create(
        [MatchStatusChange(match=m, from_status="proposed", to_status="introduced",
                           at=m.proposed_at + dt.timedelta(days=7)) for m in matches]
    )  # fmt: skip


def timed(client: Client, path: str, before=None, n: int = 30) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(n):
        if before:
            before()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    build(random.Random(15))
    page = ImpactPage.objects.get()
    client = Client()
    for path in ("/about/", page.url):  # warm up: settings rows, the site's root paths
        client.get(path)
    content_ms, content_q = timed(client, "/about/")
    impact_ms, impact_q = timed(client, page.url)
    cold_ms, cold_q = timed(client, page.url, before=lambda: forget(page.pk), n=5)
    print(f"content_page_ms {content_ms:.1f} ms")
    print(f"impact_page_ms {impact_ms:.1f} ms")
    print(f"impact_page_cold_ms {cold_ms:.1f} ms")
    print(f"content_page_queries {content_q}")
    print(f"impact_page_queries {impact_q}")
    print(f"impact_page_cold_queries {cold_q}")


if __name__ == "__main__":
    main()
