import pytest
from django.db import DatabaseError, connection, transaction

from qingdan.audit.models import AppendOnlyError, AuditEvent


@pytest.fixture
def stored(village, event):
    return event(division=village, actor_name="zhangsan", note="原文")


def test_the_model_refuses_to_change_an_event(stored):
    stored.note = "改过"
    with pytest.raises(AppendOnlyError):
        stored.save()


def test_the_model_refuses_to_delete_an_event(stored):
    with pytest.raises(AppendOnlyError):
        stored.delete()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_auditevent SET note = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ],
)
def test_the_database_refuses_raw_updates_and_deletes(stored, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [stored.pk])
    stored.refresh_from_db()
    assert stored.note == "原文"


def test_the_database_refuses_bulk_updates_and_deletes_through_the_orm(stored):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=stored.pk).update(note="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=stored.pk).delete()
    assert AuditEvent.objects.filter(pk=stored.pk, note="原文").exists()
