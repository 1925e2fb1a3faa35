"""`qingdan worker`: run queued jobs (django-tasks' database worker), failing a dead worker's first."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from qingdan.jobs import runner


class Command(BaseCommand):
    help = "Run queued background jobs until stopped (Ctrl-C or SIGTERM finishes the current job first)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at the queue")
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument("--reload", action="store_true", help="restart on code changes (development)")

    def handle(self, *, interval: float, batch: bool, reload: bool, verbosity: int, **options):
        reaped = runner.reap()
        if reaped and verbosity:
            self.stderr.write(f"marked {reaped} job(s) of a stopped worker as failed")
        call_command(
            "db_worker",
            interval=interval,
            batch=batch,
            reload=reload,
            startup_delay=False,
            verbosity=verbosity,
        )
