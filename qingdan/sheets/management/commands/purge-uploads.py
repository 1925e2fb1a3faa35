"""qingdan purge-uploads: delete staged uploads whose preview was abandoned, and exported files once they
have been kept long enough to download (run hourly from cron)."""

from django.core.management.base import BaseCommand

from qingdan.sheets import staging


class Command(BaseCommand):
    help = (
        "Delete uploaded files kept for a preview that was never committed or cancelled, and exported "
        "files older than their keeping time."
    )

    def add_arguments(self, parser):
        from qingdan.jobs import exports

        parser.add_argument(
            "--hours",
            type=float,
            default=staging.KEEP_SECONDS / 3600,
            help="delete uploads kept longer than this many hours (default 24)",
        )
        parser.add_argument(
            "--export-hours",
            type=float,
            default=exports.KEEP_SECONDS / 3600,
            help="delete exported files kept longer than this many hours (default 2)",
        )

    def handle(self, *args, hours: float, export_hours: float, **options):
        from qingdan.jobs import exports

        removed = staging.purge(older_than=hours * 3600) + exports.purge(older_than=export_hours * 3600)
        self.stdout.write(f"{removed}\n")
