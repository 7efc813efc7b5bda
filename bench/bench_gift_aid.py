"""The Gift Aid schedule for 100,000 gifts: wall time and peak memory of the real command.

Builds 20,000 donors with declarations and 100,000 gifts (a third of them £20 or less) in a
throwaway database, then runs `manage.py gift_aid_schedule` in a child process and reads its
peak resident memory. The parent never loads Django, so the figure is the command's own.
Prints: gift_aid_schedule_100k <s> s and gift_aid_schedule_100k_peak <MiB> MiB.
"""

import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DONORS, GIFTS = 20_000, 100_000


def build() -> None:
    """Run in a child process: make the database and the data."""
    import datetime as dt
    import random

    from _setup import throwaway_django

    throwaway_django("giftaid", db=Path(os.environ["BENCH_DB"]))
    from django.utils import timezone

    from nolimits.models import User
    from pledges.models import Donation, GiftAidDeclaration

    rng = random.Random(7)
    users = User.objects.bulk_create(
        [
            User(
                email=f"donor{i}@example.org",
                full_name=f"Donor {i}",
                kind="staff",
                directorate="children",
            )
            for i in range(DONORS)
        ],
        batch_size=2000,
    )
    declared = timezone.make_aware(dt.datetime(2025, 1, 1))
    GiftAidDeclaration.objects.bulk_create(
        [
            GiftAidDeclaration(
                donor=u,
                wording="…",
                charity_name="Foundation",
                first_name="Donor",
                last_name=f"Number-{u.pk}",
                house_name_or_number=str(u.pk % 200 + 1),
                postcode="SL1 2AB",
                declared_at=declared,
            )
            for u in users
        ],
        batch_size=2000,
    )
    start = timezone.make_aware(dt.datetime(2026, 4, 6, 9))
    Donation.objects.bulk_create(
        [
            Donation(
                donor=users[i % DONORS],
                kind="monthly",
                status="succeeded",
                amount_pence=rng.choice([500, 1000, 2000, 2500, 5000, 10000]),
                paid_at=start + dt.timedelta(minutes=i * 5),
            )
            for i in range(GIFTS)
        ],
        batch_size=5000,
    )


def main() -> None:
    db = Path(tempfile.mkdtemp(prefix="nolimits-giftaid-")) / "bench.sqlite3"
    env = {
        **os.environ,
        "BENCH_DB": str(db),
        "DATABASE_URL": f"sqlite:///{db}",
        "DEBUG": "false",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run([sys.executable, __file__, "--build"], env=env, check=True)  # noqa: S603
    out = db.parent / "claim.ods"
    started = time.perf_counter()
    command = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "gift_aid_schedule",
            "--start",
            "2026-04-06",
            "--end",
            "2027-04-05",
            "--output",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(command.pid, 0)  # this child's own peak, not the build's
    elapsed = time.perf_counter() - started
    assert os.waitstatus_to_exitcode(status) == 0
    peak_mib = usage.ru_maxrss / 1024
    with sqlite3.connect(db) as conn:
        claimed = conn.execute(
            "SELECT COUNT(*) FROM pledges_donation WHERE gift_aid_claim_id IS NOT NULL"
        ).fetchone()[0]
    assert claimed == GIFTS, claimed
    print(f"gift_aid_schedule_100k {elapsed:.2f} s")
    print(f"gift_aid_schedule_100k_peak {peak_mib:.0f} MiB")
    # The command's own CPU time: on a shared machine the steadier figure (wall waits for CPU).
    print(f"gift_aid_schedule_100k_cpu {usage.ru_utime + usage.ru_stime:.2f} s")


if __name__ == "__main__":
    if "--build" in sys.argv:
        sys.path.insert(0, str(Path(__file__).parent))
        build()
    else:
        main()
