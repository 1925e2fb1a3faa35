"""The staffing pages as owner, outsider (404) and read-only supervisor (403 on writes)."""

import io

import pytest
from python_calamine import CalamineWorkbook

from qingdan.audit.models import AuditEvent
from qingdan.sheets.writing import table_workbook
from qingdan.staffing import actions
from qingdan.staffing.models import Module, QuotaMove, StaffPerson

from .conftest import TODAY, add
from .test_reforms import small_reform

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(catalog_office, county, township, township_dispatcher, town_office):
    actions.publish_modules(
        user=catalog_office, county=county, catalogue={"大党建": ["甲模块", "乙模块", "丙模块"]}
    )
    chosen = actions.choose_modules(
        user=township_dispatcher, township=township, subs=list(Module.objects.exclude(parent=None))
    )
    leader = add(township_dispatcher, town_office, "镇长", is_leader=True, phone="13812345678")
    actions.set_module_lead(user=township_dispatcher, town_module=chosen[0], person=leader)
    position = actions.create_position(
        user=township_dispatcher, town_module=chosen[0], name="组织岗", points=90, items=[]
    )
    actions.place_person(user=township_dispatcher, person=leader, position=position)
    add(township_dispatcher, town_office, "未入岗")
    return position


def test_the_unit_list_shows_quotas_filled_and_the_over_flag(login, catalog_office, county_unit, town_office):
    page = login(catalog_office).get("/staffing/")
    text = page.content.decode()
    assert page.status_code == 200 and "甲镇党政办" in text and "县农业农村局" in text


def test_a_township_sees_only_its_own_units(
    login, township_dispatcher, county_unit, town_office, other_town_office
):
    text = login(township_dispatcher).get("/staffing/").content.decode()
    assert "甲镇党政办" in text and "乙乡党政办" not in text and "县农业农村局" not in text


def test_the_export_holds_real_numbers(login, catalog_office, county_unit):
    answer = login(catalog_office).get("/staffing/export/")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    assert rows[1][0] == "县农业农村局" and rows[1][2] == 10.0 and rows[1][4] == 20.0


def test_the_catalog_office_moves_quotas_on_the_page(login, catalog_office, county_unit, town_office):
    client = login(catalog_office)
    assert client.get("/staffing/moves/new/").status_code == 200
    data = {
        "source": county_unit.pk,
        "kind": "institution",
        "document": "咸编办〔2025〕6号",
        "moved_on": "2025-03-01",
        "target_1": town_office.pk,
        "amount_1": 3,
    }
    assert client.post("/staffing/moves/new/", data).status_code == 302
    assert "+3" in client.get("/staffing/moves/").content.decode()
    data["amount_1"] = 500
    refused = client.post("/staffing/moves/new/", data)
    assert refused.status_code == 400 and "空编" in refused.content.decode()
    assert QuotaMove.objects.count() == 1


def test_a_supervisor_and_a_township_may_not_move_quotas(login, supervisor, township_dispatcher, county_unit):
    for user in (supervisor, township_dispatcher):
        assert login(user).get("/staffing/moves/new/").status_code == 403


def test_the_reform_page_shows_the_table(login, catalog_office, supervisor, outsider, county):
    reform = small_reform(catalog_office, county)
    text = login(supervisor).get(f"/staffing/reforms/{reform.pk}/").content.decode()
    assert "党政机构" in text and "-50.0%" in text
    assert login(outsider).get(f"/staffing/reforms/{reform.pk + 1}/").status_code == 404


def test_the_town_page_names_the_unplaced(login, township_dispatcher, township, town):
    text = login(township_dispatcher).get(f"/staffing/towns/{township.code}/").content.decode()
    assert "组织岗" in text and "未入岗" in text and "50.0%" in text


def test_an_outsider_gets_404_for_the_town_page_and_the_print(login, outsider, township, town):
    client = login(outsider)
    assert client.get(f"/staffing/towns/{township.code}/").status_code == 404
    assert client.get(f"/staffing/towns/{township.code}/print/").status_code == 404


def test_placing_on_the_page_and_a_supervisor_may_not(login, township_dispatcher, supervisor, township, town):
    person = StaffPerson.objects.get(name="未入岗")
    data = {"person": person.pk, "position": town.pk, "primary": "on"}
    assert login(supervisor).post(f"/staffing/towns/{township.code}/place/", data).status_code == 403
    assert login(township_dispatcher).post(f"/staffing/towns/{township.code}/place/", data).status_code == 302
    assert "100%" in login(township_dispatcher).get(f"/staffing/towns/{township.code}/").content.decode()


def test_the_chart_prints_on_a4(login, township_dispatcher, township, town):
    answer = login(township_dispatcher).get(f"/staffing/towns/{township.code}/print/")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")


def test_the_roster_is_masked_and_a_reveal_is_audited(login, township_dispatcher, outsider, town):
    client = login(township_dispatcher)
    text = client.get("/staffing/people/").content.decode()
    assert "138****5678" in text and "13812345678" not in text
    person = StaffPerson.objects.get(name="镇长")
    answer = client.post(
        f"/staffing/people/{person.pk}/reveal/", {"field": "phone", "reason": "通知开会事宜"}
    )
    assert "13812345678" in answer.content.decode()
    assert AuditEvent.objects.filter(action="staffing.reveal_personal").count() == 1
    assert (
        login(outsider)
        .post(f"/staffing/people/{person.pk}/reveal/", {"field": "phone", "reason": "通知开会事宜"})
        .status_code
        == 404
    )


def test_the_pool_page(login, township_dispatcher, town_office):
    person = add(township_dispatcher, town_office, "超编者")
    actions.send_to_pool(user=township_dispatcher, person=person, since=TODAY, duty="乡村振兴专班")
    assert "乡村振兴专班" in login(township_dispatcher).get("/staffing/pool/").content.decode()


def _xlsx(rows) -> io.BytesIO:
    data = io.BytesIO(table_workbook("花名册", [(h, 12) for h in rows[0]], rows[1:]))
    data.name = "花名册.xlsx"
    return data


HEADER = ["姓名", "身份证号", "手机号码", "身份类别", "工作单位", "占编单位", "派出单位", "是否领导"]


def test_a_roster_with_a_bad_row_is_refused_by_row_and_column_and_nothing_is_written(
    login, township_dispatcher, town_office
):
    from .conftest import id_number

    client = login(township_dispatcher)
    rows = [
        HEADER,
        ["张三", id_number(), "", "行政编", "甲镇党政办", "", "", "否"],
        ["李四", "420102199001011235", "", "行政编", "甲镇党政办", "", "", "否"],
    ]
    answer = client.post("/staffing/import/roster/", {"file": _xlsx(rows)}, follow=True)
    text = answer.content.decode()
    assert "第3行「身份证号」" in text
    assert not StaffPerson.objects.exists()


def test_a_good_roster_is_imported_after_the_preview(login, township_dispatcher, town_office):
    from .conftest import id_number

    client = login(township_dispatcher)
    rows = [
        HEADER,
        ["张三", id_number(), "13812345678", "行政编", "甲镇党政办", "", "", "是"],
        ["王五", id_number(), "", "编外", "甲镇党政办", "", "", "否"],
    ]
    preview = client.post("/staffing/import/roster/", {"file": _xlsx(rows)}, follow=True)
    assert "全部 2 行均无误" in preview.content.decode()
    job = preview.context["job"]
    done = client.post(f"/staffing/import/jobs/{job.pk}/commit/", follow=True)
    assert done.status_code == 200 and StaffPerson.objects.count() == 2


def test_a_supervisor_may_not_import(login, supervisor):
    assert login(supervisor).get("/staffing/import/roster/").status_code == 403
