"""No way around admission: a township can send an approved order only to the villages it was screened
and approved for (未经审核的非清单内事项,不得交由村(社区)承担), on the page and over the API alike.

The `assignment` fixture is 甲镇's share of an approved order that names 甲村 only; 甲社区 is a village of
the same township that the reviewer never saw.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission.models import Assignment, VillageTask
from qingdan.audit.models import AuditEvent
from qingdan.notifications.models import Notification

pytestmark = pytest.mark.django_db

REFUSAL = "未经审核的非清单内事项，不得交由村（社区）承担"


def page(assignment) -> str:
    return reverse("admission:assignment_dispatch", args=[assignment.pk])


def api_dispatch(client, assignment, *villages):
    return client.post(
        f"/api/v1/assignments/{assignment.pk}/dispatch",
        {"villages": [v.code for v in villages]},
        content_type="application/json",
    )


def nothing_sent(assignment) -> bool:
    assignment.refresh_from_db()
    return (
        not VillageTask.objects.exists()
        and assignment.status == "pending"
        and not AuditEvent.objects.filter(action="admission.dispatch").exists()
        and not Notification.objects.filter(verb="admission.task_sent").exists()
    )


def test_the_page_marks_the_villages_the_order_was_not_reviewed_for(
    login, township_dispatcher, assignment, village, community
):
    text = login(township_dispatcher).get(page(assignment)).content.decode()
    after_village = text.split(f'value="{village.pk}"')[1].split("</label>")[0]
    after_community = text.split(f'value="{community.pk}"')[1].split("</label>")[0]
    assert "未经审核" not in after_village
    assert "未经审核" in after_community


def test_the_page_refuses_a_village_outside_the_approved_targets_and_sends_nothing(
    login, township_dispatcher, assignment, village, community
):
    response = login(township_dispatcher).post(page(assignment), {"villages": [village.pk, community.pk]})
    assert response.status_code == 400
    text = response.content.decode()
    assert "甲社区不在本工单经筛查和审核的派发对象内" in text
    assert REFUSAL in text
    assert "须由县农业农村局将其列入工单，报送筛查和审核" in text
    assert nothing_sent(assignment)


def test_the_page_still_sends_to_the_approved_village(login, township_dispatcher, assignment, village):
    response = login(township_dispatcher).post(page(assignment), {"villages": [village.pk]})
    assert response.status_code == 302
    assert list(VillageTask.objects.values_list("village__name", flat=True)) == ["甲村"]


def test_the_api_refuses_a_village_outside_the_approved_targets_with_409_and_sends_nothing(
    login, township_dispatcher, assignment, village, community
):
    response = api_dispatch(login(township_dispatcher), assignment, village, community)
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith("甲社区不在本工单经筛查和审核的派发对象内") and REFUSAL in detail
    assert nothing_sent(assignment)


def test_the_api_still_sends_to_the_approved_village(login, township_dispatcher, assignment, village):
    response = api_dispatch(login(township_dispatcher), assignment, village)
    assert response.status_code == 200
    assert [t["village"]["code"] for t in response.json()] == [village.code]


def test_an_outsider_gets_404_and_a_supervisor_403_for_an_unreviewed_village_too(
    login, outsider, supervisor, assignment, community
):
    assert login(outsider).post(page(assignment), {"villages": [community.pk]}).status_code == 404
    assert api_dispatch(login(outsider), assignment, community).status_code == 404
    assert login(supervisor).post(page(assignment), {"villages": [community.pk]}).status_code == 403
    assert api_dispatch(login(supervisor), assignment, community).status_code == 403
    assert nothing_sent(Assignment.objects.get(pk=assignment.pk))
