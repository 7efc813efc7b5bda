"""Our SQLite settings let several processes write at once without "database is locked".

Django's default (DEFERRED transactions) fails most read-then-write transactions at once when
processes overlap, whatever the busy timeout. Runs against a real file, because the in-memory
test database hides locking. (Verified: with DEFERRED transactions this test fails.)
"""

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKERS, ROUNDS = 4, 300

SCRIPT = """
import os, time
import django
django.setup()
from django.db import connection, transaction
connection.ensure_connection()
time.sleep(max(0, float(os.environ["START_AT"]) - time.time()))  # all start together
errors = 0
for _ in range(int(os.environ["ROUNDS"])):
    try:
        with transaction.atomic():
            with connection.cursor() as c:
                c.execute("SELECT n FROM counter WHERE id = 1")
                (n,) = c.fetchone()
                c.execute("UPDATE counter SET n = %s WHERE id = 1", [n + 1])
    except Exception as exc:
        errors += 1
print(errors)
"""


def test_four_processes_update_one_row_with_no_lock_errors_and_no_lost_updates(tmp_path):
    import sqlite3

    path = tmp_path / "locking.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        db.execute("INSERT INTO counter VALUES (1, 0)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "nolimits.settings.test"}
    env["DATABASE_URL"] = f"sqlite:///{path}"
    env["ROUNDS"] = str(ROUNDS)
    env["START_AT"] = str(time.time() + 6)
    workers = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(WORKERS)
    ]
    errors = [int(w.communicate(timeout=120)[0].strip().splitlines()[-1]) for w in workers]
    assert errors == [0] * WORKERS
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT n FROM counter").fetchone()[0] == WORKERS * ROUNDS
    journal = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
