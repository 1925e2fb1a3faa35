"""The hash chain: `qingdan verify-audit` passes an intact trail and names the first row of a tampered one."""

import io
import itertools
from importlib import import_module

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from qingdan.audit.models import AuditEvent
from qingdan.audit.queries import first_chain_break

APPEND_ONLY = import_module("qingdan.audit.migrations.0002_append_only_triggers")


@pytest.fixture
def trail(village, event):
    return [
        event(division=village, actor_name=f"user{i}", note=f"第{i}件", changes={"n": [i, i + 1.5]})
        for i in range(5)
    ]


def raw(sql, params=()):
    """Run SQL with the append-only triggers out of the way, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")
            try:
                cursor.execute(sql, params)
            finally:
                cursor.execute("SET session_replication_role = DEFAULT")
        else:
            for drop in APPEND_ONLY.DROP["sqlite"]:
                cursor.execute(drop)
            try:
                cursor.execute(sql, params)
            finally:
                for create in APPEND_ONLY.SQLITE:
                    cursor.execute(create)


def verify():
    call_command("verify_audit", stdout=io.StringIO())


def broken_at(trail_event_id):
    with pytest.raises(CommandError) as caught:
        verify()
    assert f"event {trail_event_id}:" in str(caught.value)
    assert caught.value.returncode == 1


def test_an_intact_trail_verifies(trail):
    assert first_chain_break() is None
    verify()


def test_each_event_links_to_the_one_before(trail):
    rows = list(AuditEvent.objects.order_by("id"))
    assert rows[0].prev_hash == "0" * 64
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(rows))
    assert len({r.hash for r in rows}) == len(rows)


def test_a_changed_row_is_named(trail):
    raw("UPDATE audit_auditevent SET note = 'x' WHERE id = %s", [trail[2].pk])
    broken_at(trail[2].pk)


def test_a_changed_time_is_named(trail):
    raw("UPDATE audit_auditevent SET actor_name = 'someone else' WHERE id = %s", [trail[1].pk])
    broken_at(trail[1].pk)


def test_a_deleted_row_is_named_by_the_row_after_it(trail):
    raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[2].pk])
    broken_at(trail[3].pk)


def test_a_deleted_last_row_is_found_by_the_chain_head(trail):
    raw("DELETE FROM audit_auditevent WHERE id = %s", [trail[4].pk])
    broken_at(trail[4].pk)


def test_a_forged_insert_is_named(trail):
    last = trail[-1]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id, object_repr, ip,"
            " changes, note, prev_hash, hash) VALUES (%s, 'forger', 'x', '', '', '', NULL, '{}', '', %s, %s)",
            [last.at, last.hash, "f" * 64],
        )
    forged = AuditEvent.objects.order_by("-id").first()
    broken_at(forged.pk)


def test_a_forged_insert_copying_a_real_rows_hash_is_named(trail):
    last = trail[-1]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_name, action, object_type, object_id, object_repr, ip,"
            " changes, note, prev_hash, hash) VALUES (%s, %s, %s, '', '', '', NULL, '{}', 'forged', %s, %s)",
            [last.at, last.actor_name, last.action, last.prev_hash, last.hash],
        )
    forged = AuditEvent.objects.order_by("-id").first()
    broken_at(forged.pk)


def test_events_after_tampering_still_chain_but_the_break_stays_named(trail, village, event):
    raw("UPDATE audit_auditevent SET note = 'x' WHERE id = %s", [trail[0].pk])
    event(division=village)
    broken_at(trail[0].pk)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate(trail):
    with pytest.raises(DatabaseError, match="TRUNCATE"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.count() == 5


def test_the_data_migration_chains_rows_already_there(trail):
    raw("UPDATE audit_auditevent SET prev_hash = '', hash = ''")
    with pytest.raises(CommandError):
        verify()
    migration = import_module("qingdan.audit.migrations.0004_chain_existing_events")
    from django.apps import apps

    class Editor:  # the two things the migration asks of a schema editor
        def __init__(self):
            self.connection = connection

        def execute(self, sql):
            with connection.cursor() as cursor:
                cursor.execute(sql)

    if connection.vendor == "postgresql":  # the test's own inserts leave foreign key checks pending
        Editor().execute("SET CONSTRAINTS ALL IMMEDIATE")
    migration.chain_existing(apps, Editor())
    verify()


@pytest.mark.django_db(transaction=True)
def test_committed_events_chain_and_the_test_flush_may_empty_the_trail(county):
    from qingdan.audit.actions import record

    record(actor=None, actor_name="a", action="x", division=county)
    record(actor=None, actor_name="b", action="y", division=county)
    verify()  # the flush after this test must pass the TRUNCATE trigger (test settings allow it)
