"""Chain the events already in the trail, in id order, and set the chain head.

The append-only triggers are lifted for this one migration (on SQLite dropped and made again, on
PostgreSQL disabled and enabled inside the migration's transaction). On SQLite, 0003 rebuilt the table
(that is how SQLite alters a column), which dropped its triggers: they are made again here.
"""

from importlib import import_module

from django.db import migrations

from qingdan.audit import chain

TRIGGERS = import_module("qingdan.audit.migrations.0002_append_only_triggers")


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditChainHead = apps.get_model("audit", "AuditChainHead")
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in TRIGGERS.DROP["sqlite"]:
            schema_editor.execute(sql.replace("DROP TRIGGER", "DROP TRIGGER IF EXISTS"))
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
    prev, last_id = chain.GENESIS, None
    rows = AuditEvent.objects.order_by("id").values("id", *chain.FIELDS)
    for row in rows.iterator(chunk_size=2000):
        digest = chain.event_hash(row, prev)
        AuditEvent.objects.filter(pk=row["id"]).update(prev_hash=prev, hash=digest)
        prev, last_id = digest, row["id"]
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_id": last_id, "last_hash": prev})
    if vendor == "sqlite":
        for sql in TRIGGERS.SQLITE:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_chain")]
    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop)]
