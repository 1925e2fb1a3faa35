"""qingdan screen --catalog FILE --input QUERIES.tsv --output PRED.tsv

Batch screening needs no database: this command only reads files (qingdan.screening.batch does the work,
the same as `python -m qingdan.screening`). It skips the system checks and never opens a connection, so
it runs with an unreachable DATABASE_URL too.
"""

from django.core.management.base import BaseCommand

from qingdan.screening import batch


class Command(BaseCommand):
    help = "Screen requests (id<TAB>text) against a catalog file; write one decision per request."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        batch.arguments(parser)

    def handle(self, *args, catalog, input, output, **options):
        status = batch.run(catalog, input, output, err=self.stderr._out)
        if status:
            # batch.run has explained the problem on stderr; only the exit status is left to give.
            raise SystemExit(status)
