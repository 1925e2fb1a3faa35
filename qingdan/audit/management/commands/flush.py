"""Django's `flush`, which on this project's database must pass the audit trail's triggers.

Production refuses it as far as the audit trail goes (the triggers stop it: the trail is never emptied).
Where QINGDAN_AUDIT_FLUSH_ALLOWED is set (the test settings: tests that commit are cleaned up by a
flush), the triggers are lifted for the flush and put back after it.
"""

from importlib import import_module

from django.conf import settings
from django.core.management.commands import flush
from django.db import connections

APPEND_ONLY = import_module("qingdan.audit.migrations.0002_append_only_triggers")


class Command(flush.Command):
    def handle(self, **options):
        if not getattr(settings, "QINGDAN_AUDIT_FLUSH_ALLOWED", False):
            return super().handle(**options)
        connection = connections[options["database"]]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_truncate")
            elif connection.vendor == "sqlite":
                for sql in APPEND_ONLY.DROP["sqlite"]:
                    cursor.execute(sql.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
        try:
            return super().handle(**options)
        finally:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_no_truncate")
                elif connection.vendor == "sqlite":
                    for sql in APPEND_ONLY.SQLITE:
                        cursor.execute(sql.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS"))
