"""`qingdan verify-audit`: walk the audit chain; exit 0 when intact, 1 naming the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from qingdan.audit.models import AuditEvent
from qingdan.audit.queries import first_chain_break


class Command(BaseCommand):
    help = "Check the audit trail's hash chain; exits non-zero naming the first broken event."

    def handle(self, *args, **options):
        broken = first_chain_break()
        if broken is not None:
            message = f"audit chain broken at event {broken.event_id}: {broken.reason}"
            raise CommandError(message, returncode=1)
        count = AuditEvent.objects.count()
        self.stdout.write(f"audit chain intact: {count} events")
