from qingdan.audit.filters import filter_events
from qingdan.audit.models import AuditEvent


def test_filter_events_returns_the_accepted_values_and_the_errors(db):
    _, cleaned, errors = filter_events(
        AuditEvent.objects.all(),
        {"actor": " zhang ", "date_from": "2025/3/1", "date_to": "not a date", "division": "420881100000"},
    )
    assert cleaned == {"actor": "zhang", "division": "420881100000", "date_from": "2025-03-01"}
    assert set(errors) == {"date_to"}


def test_filter_events_refuses_days_that_do_not_exist(db):
    _, cleaned, errors = filter_events(AuditEvent.objects.all(), {"date_from": "2025-02-30"})
    assert list(errors) == ["date_from"]
    assert cleaned == {}


def test_filter_events_rejects_absurd_years(db):
    _, cleaned, errors = filter_events(AuditEvent.objects.all(), {"date_to": "9999-12-31"})
    assert "date_to" in errors
    assert cleaned == {}


def test_empty_parameters_filter_nothing(db):
    events, cleaned, errors = filter_events(AuditEvent.objects.all(), {"actor": "", "action": None})
    assert (cleaned, errors) == ({}, {})
    assert str(events.query) == str(AuditEvent.objects.all().query)
