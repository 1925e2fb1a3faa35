"""The complainant is protected: the department complained about sees what was demanded and the
decision, never who complained, unless the complainant chose to be named; reviewers see everything.

Checked on the complaint page, the list, the order page, the figures, the API and the notification.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Complaint
from qingdan.notifications.models import Notification

pytestmark = pytest.mark.django_db

WHO = ("甲村", "程家明")  # the complaining village and the cadre who filed


@pytest.fixture
def cadre(village_cadre):
    village_cadre.full_name = "程家明"
    village_cadre.save(update_fields=["full_name"])
    return village_cadre


def file_bypass(cadre, department, *, named=False) -> Complaint:
    return actions.file_complaint(
        user=cadre,
        kind="bypass",
        what="电话要求当天报送养殖户名单",
        against_unit=department,
        channel="phone",
        named=named,
    )


def shows_who(text: str) -> bool:
    return any(word in text for word in WHO)


def page(client, name, *args) -> str:
    response = client.get(reverse(f"admission:{name}", args=args))
    assert response.status_code == 200
    return response.content.decode()


def api(client, url):
    response = client.get(f"/api/v1{url}")
    assert response.status_code == 200
    return response.json()


def test_the_department_sees_what_and_the_decision_but_not_who(
    login, cadre, department, dept_clerk, county_reviewer
):
    complaint = file_bypass(cadre, department)
    actions.handle_complaint(user=county_reviewer, complaint=complaint, upheld=True, outcome="责令改正")
    client = login(dept_clerk)
    detail = page(client, "complaint_detail", complaint.pk)
    assert "电话要求当天报送养殖户名单" in detail and "责令改正" in detail
    assert "不予透露" in detail and not shows_who(detail)
    listing = page(client, "complaint_list")
    assert "电话要求当天报送养殖户名单" in listing and not shows_who(listing)
    [row] = api(client, "/complaints")["items"]
    assert row["division"] is None and row["named"] is False and row["outcome"] == "责令改正"


def test_a_complainant_who_chose_to_be_named_is_shown_to_the_department(login, cadre, department, dept_clerk):
    complaint = file_bypass(cadre, department, named=True)
    detail = page(login(dept_clerk), "complaint_detail", complaint.pk)
    assert "甲村 · 程家明" in detail
    assert api(login(dept_clerk), "/complaints")["items"][0]["division"]["name"] == "甲村"


@pytest.mark.parametrize("persona", ["county_reviewer", "supervisor", "cadre"])
def test_reviewers_supervisors_and_the_complainant_see_who(request, login, persona, cadre, department):
    complaint = file_bypass(cadre, department)
    client = login(request.getfixturevalue(persona))
    assert "甲村 · 程家明" in page(client, "complaint_detail", complaint.pk)
    assert "甲村" in page(client, "complaint_list")
    assert api(client, "/complaints?kind=bypass")["items"][0]["division"]["name"] == "甲村"


def test_an_outsider_sees_nothing_of_the_complaint(login, cadre, department, outsider):
    complaint = file_bypass(cadre, department)
    client = login(outsider)
    assert client.get(reverse("admission:complaint_detail", args=[complaint.pk])).status_code == 404
    assert api(client, "/complaints")["items"] == []


def test_the_department_is_notified_without_the_complainant(
    cadre, department, dept_clerk, county_reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        file_bypass(cadre, department)
    [to_department] = Notification.objects.filter(recipient=dept_clerk)
    assert "县农业农村局" in to_department.text and not shows_who(to_department.text)
    [to_reviewer] = Notification.objects.filter(recipient=county_reviewer)
    assert "甲村" in to_reviewer.text


def test_an_order_complaint_is_anonymous_to_the_department_on_the_order_page_and_figures(
    login, cadre, dispatched, dept_clerk, county_reviewer
):
    login(cadre).post(
        reverse("admission:complaint_create"), {"order": dispatched.order_id, "kind": "over_list"}
    )
    complaint = Complaint.objects.get()
    assert complaint.named is False and complaint.division.name == "甲村"
    client = login(dept_clerk)
    order_page = page(client, "order_detail", dispatched.order_id)
    assert reverse("admission:complaint_detail", args=[complaint.pk]) in order_page
    assert "甲村 ·" not in order_page
    # The village figures would tell which village complained: the department's count leaves it out.
    [village_row] = [r for r in api(client, "/figures")["villages"] if r["name"] == "甲村"]
    assert village_row["complaints"] == 0
    [reviewer_row] = [r for r in api(login(county_reviewer), "/figures")["villages"] if r["name"] == "甲村"]
    assert reviewer_row["complaints"] == 1


def test_the_complainant_may_choose_to_be_named_on_the_page_and_over_the_api(
    login, cadre, dispatched, department
):
    client = login(cadre)
    form = page(client, "complaint_create")
    assert 'name="named"' in form and "向被投诉部门具名" in form
    assert 'name="named"' in page(client, "task_detail", dispatched.pk)
    client.post(
        reverse("admission:complaint_create"),
        {"order": dispatched.order_id, "kind": "support_missing", "named": "on"},
    )
    response = client.post(
        "/api/v1/complaints",
        {"kind": "bypass", "what": "微信群要求报表", "against_unit": department.pk, "channel": "chat"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["named"] is False
    assert list(Complaint.objects.order_by("pk").values_list("named", flat=True)) == [True, False]
