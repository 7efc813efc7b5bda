"""Shared set-up for benchmarks: a throwaway SQLite database, migrated, outside the project."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def throwaway_django(prefix: str, db: Path | None = None) -> Path:
    """Point Django at a new temporary database and set it up. Returns the database path."""
    db = db or Path(tempfile.mkdtemp(prefix=f"nolimits-{prefix}-")) / "bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "nolimits.settings.dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ["DEBUG"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    return db
