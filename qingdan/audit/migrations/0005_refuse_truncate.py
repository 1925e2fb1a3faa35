"""On PostgreSQL, TRUNCATE empties a table without firing row triggers: a statement trigger refuses it.

(SQLite has no TRUNCATE; its DELETE without WHERE fires the row trigger.) Django's `flush` empties every
table with TRUNCATE; qingdan.audit's own `flush` command lifts this trigger only where the settings allow
it (the test settings), so a production database's trail cannot be flushed.
"""

from django.db import migrations

CREATE = [
    """CREATE FUNCTION audit_event_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only: TRUNCATE is refused'; END $$""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate()""",
]
DROP = [
    "DROP TRIGGER audit_event_no_truncate ON audit_auditevent",
    "DROP FUNCTION audit_event_no_truncate()",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_events")]
    operations = [migrations.RunPython(create, drop)]
