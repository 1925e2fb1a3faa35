"""Stored choice codes read as their Chinese labels in the trail."""

from qingdan.audit.models import AuditEvent
from qingdan.audit.queries import changes_of


def test_a_status_change_reads_in_chinese():
    event = AuditEvent(object_type="duties.amendment", changes={"status": ["applied", "consulted"]})
    [change] = changes_of(event)
    assert (change.field, change.old, change.new) == ("状态", "已申请", "已会商")


def test_values_of_fields_without_choices_are_shown_as_they_are():
    event = AuditEvent(object_type="duties.catalog", changes={"version": [None, 2]})
    [change] = changes_of(event)
    assert (change.old, change.new) == ("—", "2")


def test_events_written_before_residents_moved_to_registers_read_in_chinese():
    from qingdan.audit.labels import object_type_label

    assert object_type_label("forms.resident") == object_type_label("registers.resident")
    assert object_type_label("forms.resident") != "forms.resident"
    event = AuditEvent(object_type="forms.resident", changes={"name": ["张三", "张三丰"]})
    [change] = changes_of(event)
    assert change.field != "name"
