"""Write the month's payroll deductions for the payroll team.

    python manage.py payroll_export --month 2026-12 --output deductions-2026-12.csv

Finance then confirms the run in the admin (Giving → Payroll runs), which records each gift.
"""

import csv
import datetime as dt
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from nolimits.money import pounds
from pledges import services

COLUMNS = ["employee_number", "name", "amount", "month", "pledge_reference"]


class Command(BaseCommand):
    help = "Write the payroll deduction file (CSV) for a month."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM")
        parser.add_argument("--output", required=True, help="CSV file to write")

    def handle(self, *args, month, output, **options):
        try:
            first = dt.date.fromisoformat(f"{month}-01")
        except ValueError as exc:
            raise CommandError(f"{month!r} is not a month: use YYYY-MM") from exc
        rows = services.payroll_export_rows(month=first)
        with open(output, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS)
            writer.writeheader()
            writer.writerows(rows)
        total = sum(int(Decimal(r["amount"]) * 100) for r in rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {len(rows)} deductions, {pounds(total, exact=True)} in all, to {output}"
            )
        )
