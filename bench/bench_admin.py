"""The back office at full scale: p50/p95 and queries of every admin list, filter, report and
dashboard used by finance, coordinators, the panel and programme leads.

Seeds 100,000 gifts, 10,000 volunteers (DBS checks, references, training) and 2,000 grant
applications in a throwaway SQLite database (bench/admin_seed.py), then requests each view
through Django's test client signed in as the role that uses it (with two-factor set up, as the
admin requires): one warm-up, then 20 timed requests. Prints one line per view:
admin <role> <view> p50 <ms> ms p95 <ms> ms <queries> queries, and the slowest p95.
`--scale 0.1` seeds a tenth of the data (the query counts must be the same).
"""

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _setup import throwaway_django  # noqa: E402

TARGET_MS = 300
REQUESTS = 20


def measure(client, url: str) -> tuple[int, list[float], list[float], int]:
    """Wall times and this process's CPU times (ms) of REQUESTS requests, and the queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(url)  # warm-up (and the status)
    wall, cpu = [], []
    for _ in range(REQUESTS):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return first.status_code, wall, cpu, len(queries)


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--db", type=Path, help="an already seeded database: time it again")
    args = parser.parse_args()
    throwaway_django("admin", db=args.db)
    from django.test import Client

    import admin_seed
    from admin_seed import VIEWS

    if not args.db:
        started = time.perf_counter()
        made = admin_seed.seed(args.scale)
        print(
            f"admin_seed {made['gifts']} gifts, {made['volunteers']} volunteers, "
            f"{made['applications']} applications in {time.perf_counter() - started:.0f} s"
        )
    # As nolimits/wsgi.py does in each worker once Django is loaded: what is loaded now is set
    # aside from the garbage collector's full passes (the URL patterns load on the first request).
    Client().get("/healthz")
    gc.collect()
    gc.freeze()
    clients = {}
    worst = (0.0, "")
    for role, name, url in VIEWS:
        if role not in clients:
            clients[role] = Client()
            clients[role].force_login(admin_seed.staff(role))
        status, wall, cpu, queries = measure(clients[role], url)
        flag = "" if p95(wall) <= TARGET_MS else "  over target"
        if status != 200:
            flag += f"  (HTTP {status})"
        print(
            f"admin {role} | {name} p50 {statistics.median(wall):.0f} ms p95 {p95(wall):.0f} ms"
            f" (cpu p95 {p95(cpu):.0f} ms) {queries} queries{flag}",
            flush=True,
        )
        if status == 200:
            worst = max(worst, (p95(wall), f"{role} | {name}"))
    print(f"admin_slowest_p95 {worst[0]:.0f} ms ({worst[1]})")


if __name__ == "__main__":
    main()
