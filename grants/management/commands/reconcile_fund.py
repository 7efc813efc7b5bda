"""Check the fund's ledger against the full sums of every gift, refund, dispute and grant."""

from django.core.management.base import BaseCommand, CommandError

from grants.fund import reconcile_ledger
from nolimits.money import pounds

NAMES = ("received", "committed", "paid")


class Command(BaseCommand):
    help = "Compare the fund ledger with the full sums; --repair sets it to them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="set the ledger to the sums")

    def handle(self, *args, repair=False, **options):
        result = reconcile_ledger(repair=repair)
        if result.agrees:
            self.stdout.write("The fund ledger agrees with the full sums.")
            return
        for name, kept, summed in zip(NAMES, result.kept, result.summed, strict=True):
            if kept != summed:
                self.stdout.write(
                    f"{name}: the ledger says {pounds(kept, exact=True)},"
                    f" the sum is {pounds(summed, exact=True)}"
                )
        if repair:
            self.stdout.write("The ledger now holds the full sums.")
            return
        raise CommandError("The fund ledger differs from the full sums (run with --repair).")
