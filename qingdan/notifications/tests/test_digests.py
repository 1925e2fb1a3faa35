"""Daily readers get one digest a day; everyone else each notification; reading and choosing delivery."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.notifications import actions, queries
from qingdan.notifications.models import Delivery, Notification, Preference

NOW = timezone.now()


def told(user, text, *, hours_ago=1.0, read=False):
    note = Notification.objects.create(recipient=user, verb="admission.x", text=text)
    Notification.objects.filter(pk=note.pk).update(
        created_at=NOW - datetime.timedelta(hours=hours_ago), read_at=NOW if read else None
    )
    return note


@pytest.fixture
def daily(county_reviewer):
    Preference.objects.create(user=county_reviewer, delivery=Delivery.DAILY)
    return county_reviewer


def test_a_daily_readers_last_day_is_folded_into_one_digest(daily, dept_clerk):
    parts = [told(daily, f"第{i}件") for i in range(3)]
    old = told(daily, "前天的", hours_ago=50)
    single = told(dept_clerk, "给每事通知的人")
    with translation.override("en"):
        assert actions.send_digests(now=NOW, url="/notifications/") == 1
    digest = Notification.objects.get(is_digest=True)
    assert digest.recipient == daily and digest.url == "/notifications/" and digest.read_at is None
    assert set(digest.parts.all()) == set(parts)
    assert digest.text.startswith("3 notifications in the last day:") and "第0件" in digest.text
    for untouched in (old, single):
        untouched.refresh_from_db()
        assert untouched.digest is None
    assert AuditEvent.objects.get(action="notifications.send_digests").changes == {"digests": [None, 1]}


def test_running_the_digest_twice_folds_nothing_twice(daily):
    told(daily, "一件")
    assert actions.send_digests(now=NOW) == 1
    assert actions.send_digests(now=NOW) == 0
    assert Notification.objects.filter(is_digest=True).count() == 1


def test_a_digest_of_read_notifications_is_read(daily):
    told(daily, "已读", read=True)
    actions.send_digests(now=NOW)
    assert Notification.objects.get(is_digest=True).read_at is not None


def test_nobody_without_a_daily_preference_gets_a_digest(dept_clerk):
    told(dept_clerk, "一件")
    assert actions.send_digests(now=NOW) == 0
    assert not Notification.objects.filter(is_digest=True).exists()


def test_the_list_shows_digests_to_daily_readers_and_single_notifications_to_others(daily, dept_clerk):
    told(daily, "一件")
    mine = told(dept_clerk, "给书记员")
    actions.send_digests(now=NOW)
    assert [n.is_digest for n in queries.inbox(daily)] == [True]
    assert list(queries.inbox(dept_clerk)) == [mine]
    assert queries.unread_count(daily) == 1


def test_reading_a_digest_reads_its_parts(daily):
    parts = [told(daily, "一件"), told(daily, "两件")]
    actions.send_digests(now=NOW)
    digest = Notification.objects.get(is_digest=True)
    assert actions.mark_read(user=daily, notifications=Notification.objects.filter(pk=digest.pk)) == 3
    for part in parts:
        part.refresh_from_db()
        assert part.read_at is not None


def test_a_person_marks_only_their_own_notifications_read(daily, dept_clerk):
    theirs = told(dept_clerk, "别人的")
    assert actions.mark_read(user=daily, notifications=Notification.objects.filter(pk=theirs.pk)) == 0
    assert actions.mark_read(user=dept_clerk) == 1


def test_choosing_a_daily_digest_is_saved_and_audited(dept_clerk):
    actions.set_delivery(user=dept_clerk, delivery="daily")
    assert actions.delivery_of(dept_clerk) == Delivery.DAILY
    actions.set_delivery(user=dept_clerk, delivery="daily")  # no change, no second event
    event = AuditEvent.objects.get(action="notifications.set_delivery")
    assert event.changes == {"delivery": ["each", "daily"]} and event.actor == dept_clerk


def test_an_unknown_delivery_is_refused(dept_clerk):
    with pytest.raises(ActionRefused):
        actions.set_delivery(user=dept_clerk, delivery="hourly")
    assert not Preference.objects.exists()


def test_the_command_sends_the_digests(daily):
    told(daily, "一件")
    out = StringIO()
    with translation.override("en"):
        call_command("send-digests", stdout=out)
    assert out.getvalue().strip() == "1 digests sent."
    assert Notification.objects.filter(is_digest=True, recipient=daily).count() == 1
