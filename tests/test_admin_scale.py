"""The back office costs the same number of queries whatever the data (issue 17 item 4).

Every admin list, filter, report and dashboard that finance, coordinators, the panel and
programme leads use (bench/admin_seed.py VIEWS, the same list bench/bench_admin.py times) is
requested as that role, with two-factor set up, on the back-office data at two sizes (every
kind of row at both: gifts received, refunded and disputed, volunteers at every stage, cleared,
expiring and lapsed, applications at every status, some paid). The count must not grow, and
stays within the pinned budget.
"""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

import pytest

from bench.admin_seed import VIEWS, seed, staff

pytestmark = pytest.mark.django_db

# The most queries each view may take (the counts measured on SQLite, with a little room for
# PostgreSQL's savepoints); what matters most is that they are the same at both sizes.
BUDGET = 40
# The DBS list writes one audit-log row per certificate shown (Section 124 Police Act: who saw
# which record), all in one INSERT (volunteers.services.dbs_records_viewed).
BUDGETS = {("Volunteer coordinators", "DBS checks"): 20}


def query_counts(clients: dict[str, Client]) -> dict[tuple[str, str], int]:
    counts = {}
    for role, name, url in VIEWS:
        client = clients[role]
        client.get(url)  # the session's and the site's first-request work
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (role, name, response.status_code)
        counts[(role, name)] = len(queries)
    return counts


def test_every_admin_view_takes_the_same_queries_at_two_sizes(home):
    seed(0.005)  # 500 gifts, 50 volunteers, 10 applications
    clients = {}
    for role, _, _ in VIEWS:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(staff(role))
    small = query_counts(clients)
    seed(0.02, seed_value=18)  # and 2,000 more gifts, 200 volunteers, 40 applications
    large = query_counts(clients)
    grew = {view: (small[view], n) for view, n in large.items() if n != small[view]}
    assert not grew, grew
    over = {view: n for view, n in large.items() if n > BUDGETS.get(view, BUDGET)}
    assert not over, over
