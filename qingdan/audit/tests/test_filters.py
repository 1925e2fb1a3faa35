from datetime import timedelta

from django.utils import timezone

from qingdan.audit.filters import EventFilter
from qingdan.audit.models import AuditEvent


def _filter(params):
    return EventFilter(params, queryset=AuditEvent.objects.all())


def test_the_filter_returns_the_accepted_values_and_the_errors(db):
    events = _filter(
        {"actor": " zhang ", "date_from": "2025/3/1", "date_to": "not a date", "division": "420881100000"}
    )
    assert events.accepted() == {"actor": "zhang", "division": "420881100000", "date_from": "2025-03-01"}
    assert set(events.problems()) == {"date_to"}


def test_the_filter_refuses_days_that_do_not_exist(db):
    events = _filter({"date_from": "2025-02-30"})
    assert list(events.problems()) == ["date_from"]
    assert events.accepted() == {}


def test_the_filter_rejects_absurd_years(db):
    events = _filter({"date_to": "9999-12-31"})
    assert "date_to" in events.problems()
    assert events.accepted() == {}


def test_empty_parameters_filter_nothing(db):
    events = _filter({"actor": "", "action": None})
    assert (events.accepted(), events.problems()) == ({}, {})
    assert str(events.qs.query) == str(AuditEvent.objects.all().query)


def test_an_end_before_the_start_is_refused_and_only_the_start_applies(db, village, event):
    event(division=village, actor_name="today")
    today = timezone.localdate()
    events = _filter({"date_from": today.isoformat(), "date_to": (today - timedelta(days=3)).isoformat()})
    assert events.problems() == {"date_to": "结束日期早于开始日期。"}
    assert events.accepted() == {"date_from": today.isoformat()}
    assert events.qs.count() == 1


def test_a_refused_value_is_left_out_and_the_others_still_narrow(db, village, other_village, event):
    event(division=village, actor_name="zhangsan", action="duties.import_catalog")
    event(division=other_village, actor_name="zhangsi", action="duties.import_catalog")
    event(division=village, actor_name="lisi", action="accounts.login")
    events = _filter({"actor": "zhang", "division": village.code, "action": "DROP TABLE"})
    assert set(events.problems()) == {"action"}
    assert "未知的操作" in events.problems()["action"]
    assert sorted(events.qs.values_list("actor_name", flat=True)) == ["zhangsan"]


def test_an_app_label_means_every_action_of_that_app(db, village, event):
    event(division=village, actor_name="a", action="duties.import_catalog")
    event(division=village, actor_name="b", action="duties.publish_template")
    event(division=village, actor_name="c", action="dutiesx.other")
    events = _filter({"action": "duties"})
    assert sorted(events.qs.values_list("actor_name", flat=True)) == ["a", "b"]


def test_an_object_type_needs_its_app_and_model(db):
    assert "未知的对象类型" in _filter({"object_type": "orgs"}).problems()["object_type"]
    assert _filter({"object_type": "orgs.division"}).problems() == {}


def test_a_too_long_user_name_is_refused_in_chinese(db):
    assert _filter({"actor": "x" * 151}).problems() == {"actor": "要查找的用户名最多 150 个字符。"}
    assert _filter({"actor": "x" * 150}).problems() == {}


def test_days_are_read_as_offices_write_them(db):
    for written in ("2025-03-01", "2025/3/1", "2025.3.1", "2025年3月1日"):
        assert _filter({"date_from": written}).accepted() == {"date_from": "2025-03-01"}, written
    assert "date_from" in _filter({"date_from": "2025-03"}).problems()  # a month is not a day
