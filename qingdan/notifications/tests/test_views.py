"""Notification pages: the list (digests for daily readers), marking read, the delivery choice, the badge."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.notifications import actions
from qingdan.notifications.models import Notification, Preference

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def note(user, text="你有一个新的派单待审核", url="/orders/1/", **fields) -> Notification:
    return Notification.objects.create(
        recipient=user, verb="admission.order_submitted", text=text, url=url, **fields
    )


def test_a_person_sees_their_own_notifications_only(login, county_reviewer, village_cadre):
    note(county_reviewer, "派单待审核")
    note(village_cadre, "新任务已派发")
    text = body(login(county_reviewer).get(reverse("notifications:list")))
    assert "派单待审核" in text and "新任务已派发" not in text


def test_the_unread_count_shows_in_the_navigation(login, county_reviewer):
    note(county_reviewer)
    note(county_reviewer, read_at="2025-01-01T00:00:00+08:00")
    text = body(login(county_reviewer).get(reverse("notifications:list")))
    assert '<span class="count unread-count"' in text
    assert 'unread-count" aria-label="1' in text or ">1</span>" in text


def test_a_daily_reader_sees_digests_not_single_events(login, county_reviewer):
    Preference.objects.create(user=county_reviewer, delivery="daily")
    note(county_reviewer, "单条通知甲")
    actions.send_digests()
    text = body(login(county_reviewer).get(reverse("notifications:list")))
    assert "badge" in text and "单条通知甲" in text  # inside the digest, not as its own row
    assert text.count('id="notification-') == 1


def test_marking_one_read_with_htmx_swaps_the_row(login, county_reviewer):
    n = note(county_reviewer)
    response = login(county_reviewer).post(
        reverse("notifications:mark_read"), {"pk": n.pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    text = body(response)
    assert f'id="notification-{n.pk}"' in text and "notification unread" not in text
    assert 'id="inbox-link" hx-swap-oob="true"' in text and "unread-count" not in text  # badge cleared
    n.refresh_from_db()
    assert n.read_at is not None


def test_opening_a_notification_marks_it_read_and_follows_its_link(login, county_reviewer):
    n = note(county_reviewer, url="/orders/7/")
    response = login(county_reviewer).post(reverse("notifications:mark_read"), {"pk": n.pk, "go": "1"})
    assert response.status_code == 302 and response["Location"] == "/orders/7/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_link_to_another_site_is_not_followed(login, county_reviewer):
    n = note(county_reviewer, url="//evil.example/")
    response = login(county_reviewer).post(reverse("notifications:mark_read"), {"pk": n.pk, "go": "1"})
    assert response["Location"] == reverse("notifications:list")


def test_marking_all_read(login, county_reviewer):
    for _ in range(3):
        note(county_reviewer)
    login(county_reviewer).post(reverse("notifications:mark_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_404_and_stays_unread(login, outsider, county_reviewer):
    n = note(county_reviewer)
    assert login(outsider).post(reverse("notifications:mark_read"), {"pk": n.pk}).status_code == 404
    n.refresh_from_db()
    assert n.read_at is None


def test_choosing_a_daily_digest(login, village_cadre):
    response = login(village_cadre).post(reverse("notifications:preference"), {"delivery": "daily"})
    assert response.status_code == 302
    assert Preference.objects.get(user=village_cadre).delivery == "daily"


def test_a_supervisor_may_choose_their_own_delivery(login, supervisor):
    # Reading one's own notifications is not a write to anything in scope: the read-only role may do it.
    login(supervisor).post(reverse("notifications:preference"), {"delivery": "daily"})
    assert Preference.objects.get(user=supervisor).delivery == "daily"


def test_the_list_costs_the_same_queries_for_many_notifications(
    login, county_reviewer, django_assert_max_num_queries
):
    client = login(county_reviewer)
    note(county_reviewer)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("notifications:list"))
    for n in range(20):
        note(county_reviewer, f"第{n}条通知")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "第19条通知" in body(client.get(reverse("notifications:list")))


def test_signing_in_is_required(client):
    assert client.get(reverse("notifications:list")).status_code == 302
