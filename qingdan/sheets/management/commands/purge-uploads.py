"""qingdan purge-uploads: delete staged uploads whose preview was abandoned (run hourly from cron)."""

from django.core.management.base import BaseCommand

from qingdan.sheets import staging


class Command(BaseCommand):
    help = "Delete uploaded files kept for a preview that was never committed or cancelled."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=float,
            default=staging.KEEP_SECONDS / 3600,
            help="delete files kept longer than this many hours (default 24)",
        )

    def handle(self, *args, hours: float, **options):
        removed = staging.purge(older_than=hours * 3600)
        self.stdout.write(f"{removed}\n")
