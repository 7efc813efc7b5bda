"""The 360Giving codelists this site publishes codes from (copied from the standard, see
codelists/README.md)."""

import csv
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "codelists"


@cache
def codelist(name: str) -> dict[str, str]:
    """Code → title, in the standard's order."""
    with open(FOLDER / f"{name}.csv", newline="", encoding="utf-8") as f:
        return {row["Code"]: row["Title"] for row in csv.DictReader(f)}


def choices(name: str) -> list[tuple[str, str]]:
    return [(code, f"{title} ({code})") for code, title in codelist(name).items()]


# The local-authority kinds a council can be (a subset of the geoCodeType codelist).
LOCAL_AUTHORITY_TYPES = ["UA", "NMD", "MD", "LONB", "CTY", "CA"]
