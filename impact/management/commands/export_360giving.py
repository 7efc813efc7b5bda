"""`manage.py export_360giving --start 2026-04-06 --end 2027-04-05 --output grants.json`"""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from impact.threesixtygiving import NotReady, package, write


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"“{text}” is not a date: write it as YYYY-MM-DD, like 2026-04-06."
        ) from None


class Command(BaseCommand):
    help = (
        "Write the grants awarded between two dates (inclusive) as open data in the 360Giving "
        "Data Standard: JSON for a .json file, the standard's spreadsheet for .xlsx. Nothing "
        "that identifies a young person is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("--start", required=True, help="first award date, YYYY-MM-DD")
        parser.add_argument("--end", required=True, help="last award date, YYYY-MM-DD")
        parser.add_argument("--output", required=True, help="a .json or .xlsx file to write")

    def handle(self, *args, start, end, output, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("The end date is before the start date.")
        path = Path(output)
        if path.suffix not in {".json", ".xlsx"}:
            raise CommandError("Name the output file .json (JSON) or .xlsx (spreadsheet).")
        if not path.parent.is_dir():
            raise CommandError(f"There is no folder {path.parent} to write into.")
        try:
            data = package(start, end)
        except NotReady as e:
            raise CommandError(str(e)) from None
        count = len(data["grants"])
        if not count:
            self.stdout.write("No grants were awarded in that period, so no file was written.")
            return
        write(data, path)
        self.stdout.write(f"Wrote {count} grant{'s' if count != 1 else ''} to {path}.")
