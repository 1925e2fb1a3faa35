"""Complaints through the pages (one click on a task; a bypassing demand; handling) and the figures page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from qingdan.admission import actions
from qingdan.admission.models import Complaint
from qingdan.testing import in_days

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def bypass_data(department, **overrides) -> dict:
    data = {
        "against_unit": department.pk,
        "against_name": "",
        "what": "微信群里要求村里当天报送养殖户名单",
        "happened_on": in_days(-2).isoformat(),
        "channel": "chat",
    }
    return {**data, **overrides}


def test_the_task_page_offers_one_click_complaints(login, village_cadre, dispatched):
    text = body(login(village_cadre).get(reverse("admission:task_detail", args=[dispatched.pk])))
    assert reverse("admission:complaint_create") in text
    assert 'value="over_list"' in text and 'value="support_missing"' in text


def test_one_click_files_a_complaint_against_the_orders_department(
    login, village_cadre, dispatched, department
):
    response = login(village_cadre).post(
        reverse("admission:complaint_create"), {"order": dispatched.order_id, "kind": "support_missing"}
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admission:complaint_detail", args=[complaint.pk])
    assert complaint.kind == "support_missing" and complaint.against_unit == department
    assert complaint.order_id == dispatched.order_id and complaint.what


def test_a_complaint_about_an_order_that_never_reached_the_village_is_404(login, outsider, dispatched):
    response = login(outsider).post(
        reverse("admission:complaint_create"), {"order": dispatched.order_id, "kind": "over_list"}
    )
    assert response.status_code == 404
    assert not Complaint.objects.exists()


def test_a_village_reports_a_demand_that_bypassed_the_platform(login, village_cadre, department):
    client = login(village_cadre)
    page = client.get(reverse("admission:complaint_create"))
    assert page.status_code == 200 and department.name in body(page)
    response = client.post(reverse("admission:complaint_create"), bypass_data(department))
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert (complaint.kind, complaint.channel, complaint.against_unit) == ("bypass", "chat", department)


def test_a_bypass_complaint_naming_nobody_or_in_the_future_is_refused_in_chinese(
    login, village_cadre, department
):
    client = login(village_cadre)
    response = client.post(
        reverse("admission:complaint_create"), bypass_data(department, against_unit="", against_name="")
    )
    assert response.status_code == 400 and "请选择部门" in body(response)
    response = client.post(
        reverse("admission:complaint_create"), bypass_data(department, happened_on=in_days(3).isoformat())
    )
    assert response.status_code == 400 and "将来" in body(response)
    assert not Complaint.objects.exists()


def test_supervisor_and_clerk_may_not_file_complaints(login, supervisor, dept_clerk, department):
    for person in (supervisor, dept_clerk):
        client = login(person)
        assert client.get(reverse("admission:complaint_create")).status_code == 403
        assert client.post(reverse("admission:complaint_create"), bypass_data(department)).status_code == 403
    assert not Complaint.objects.exists()


@pytest.fixture
def complaint(village_cadre, department):
    return actions.file_complaint(
        user=village_cadre,
        kind="bypass",
        what="电话要求村里填报表格",
        against_unit=department,
        channel="phone",
    )


def test_the_complaint_list_shows_complaints_in_scope_only(
    login, village_cadre, outsider, county_reviewer, complaint
):
    assert "电话要求村里填报表格" in body(login(village_cadre).get(reverse("admission:complaint_list")))
    assert "电话要求村里填报表格" in body(login(county_reviewer).get(reverse("admission:complaint_list")))
    assert "电话要求村里填报表格" not in body(login(outsider).get(reverse("admission:complaint_list")))
    assert login(outsider).get(reverse("admission:complaint_detail", args=[complaint.pk])).status_code == 404


def test_the_complaint_list_costs_the_same_queries_for_many_complaints(
    login, county_reviewer, village_cadre, department, django_assert_max_num_queries
):
    client = login(county_reviewer)

    def file(n):
        actions.file_complaint(
            user=village_cadre,
            kind="bypass",
            what=f"第{n}条绕开平台的要求",
            against_unit=department,
            channel="phone",
        )

    file(0)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("admission:complaint_list"))
    for n in range(1, 10):
        file(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("admission:complaint_list"))
    assert "第9条" in body(response)


def test_the_reviewer_upholds_a_complaint_with_an_outcome(login, county_reviewer, village_cadre, complaint):
    client = login(county_reviewer)
    assert reverse("admission:complaint_handle", args=[complaint.pk]) in body(
        client.get(reverse("admission:complaint_detail", args=[complaint.pk]))
    )
    response = client.post(
        reverse("admission:complaint_handle", args=[complaint.pk]),
        {"outcome_kind": "upheld", "outcome": "已约谈县农业农村局,责令改正"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "upheld" and complaint.outcome == "已约谈县农业农村局,责令改正"
    assert "已约谈" in body(
        login(village_cadre).get(reverse("admission:complaint_detail", args=[complaint.pk]))
    )


def test_handling_without_an_outcome_is_refused_in_chinese(login, county_reviewer, complaint):
    response = login(county_reviewer).post(
        reverse("admission:complaint_handle", args=[complaint.pk]),
        {"outcome_kind": "dismissed", "outcome": ""},
    )
    assert response.status_code == 400 and "处理" in body(response)
    complaint.refresh_from_db()
    assert complaint.status == "open"


def test_supervisor_and_filer_may_not_handle_a_complaint(login, supervisor, village_cadre, complaint):
    data = {"outcome_kind": "upheld", "outcome": "不应生效"}
    for person in (supervisor, village_cadre):
        assert (
            login(person).post(reverse("admission:complaint_handle", args=[complaint.pk]), data).status_code
            == 403
        )
    complaint.refresh_from_db()
    assert complaint.status == "open"


def test_the_department_sees_complaints_against_it(login, dept_clerk, complaint):
    assert (
        login(dept_clerk).get(reverse("admission:complaint_detail", args=[complaint.pk])).status_code == 200
    )


# --- figures ------------------------------------------------------------------------------------


def test_the_figures_page_counts_per_department_and_village(login, county_reviewer, village_cadre, received):
    actions.complete_task(user=village_cadre, task=received, note="完成")
    response = login(county_reviewer).get(reverse("admission:figures"))
    assert response.status_code == 200
    text = body(response)
    assert "县农业农村局" in text and "甲村" in text
    assert "乙村" not in text and "另有 2 个村（社区）尚无任何派单" in text  # 乙村 and 甲社区: nothing yet
    assert "5,000.00" in text  # money committed by the approved order
    assert 'id="load"' in text


def test_a_village_sees_only_its_own_figures(login, outsider, village_cadre, received):
    assert "甲村" in body(login(village_cadre).get(reverse("admission:figures")))
    text = body(login(outsider).get(reverse("admission:figures")))
    assert "甲村" not in text and "县农业农村局" not in text


def test_the_figures_page_costs_the_same_queries_for_more_villages(
    login, county_reviewer, county, township, received, django_assert_max_num_queries
):
    from qingdan.orgs.choices import DivisionKind, Level
    from qingdan.orgs.models import Division

    client = login(county_reviewer)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("admission:figures"))
    for n in range(3, 13):
        Division.objects.create(
            code=f"4299011000{n:02d}",
            name=f"新村{n}",
            level=Level.VILLAGE,
            kind=DivisionKind.VILLAGE,
            parent=township,
            county=county,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "另有 12 个村（社区）尚无任何派单" in body(client.get(reverse("admission:figures")))
