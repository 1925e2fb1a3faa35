"""A county's staff already over the quota (seed 002) are recorded straight into the turnover pool, by
add_person and by the roster import; a new hire without the pool fields still needs a vacancy."""

import io

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.sheets.writing import table_workbook
from qingdan.staffing.choices import QuotaKind
from qingdan.staffing.models import StaffedUnit, StaffPerson
from qingdan.staffing.queries import filled, is_over, with_filled
from qingdan.testing import nothing_written

from .conftest import TODAY, add, id_number, snapshot

pytestmark = pytest.mark.django_db

HEADER = [
    "姓名",
    "身份证号",
    "手机号码",
    "身份类别",
    "工作单位",
    "占编单位",
    "派出单位",
    "是否领导",
    "转入周转池日期",
    "现从事工作",
]


def _fill(user, unit) -> None:
    for n in range(unit.administrative_quota):
        add(user, unit, f"干部{n}")


def test_an_over_quota_person_recorded_into_the_pool_is_taken_and_not_counted(
    township_dispatcher, town_office
):
    _fill(township_dispatcher, town_office)
    person = add(township_dispatcher, town_office, "超编干部", pool_since=TODAY, pool_duty="协助乡村振兴专班")
    person.refresh_from_db()
    assert (person.in_pool, person.pool_since, person.pool_duty) == (True, TODAY, "协助乡村振兴专班")
    assert filled(town_office, QuotaKind.ADMINISTRATIVE) == town_office.administrative_quota
    assert not is_over(with_filled(StaffedUnit.objects.filter(pk=town_office.pk)).get())
    audit = AuditEvent.objects.filter(object_id=str(person.pk)).values_list("action", flat=True)
    assert set(audit) >= {"staffing.add_person", "staffing.send_to_pool"}


def test_an_over_quota_person_without_the_pool_fields_is_refused_and_nothing_written(
    township_dispatcher, town_office
):
    _fill(township_dispatcher, town_office)
    with nothing_written() as refused:
        add(township_dispatcher, town_office, "超编干部")
    assert "不得超编进人" in refused.value.message and "周转池" in refused.value.message


@pytest.mark.parametrize("pool", [{"pool_since": TODAY}, {"pool_duty": "协助乡村振兴专班"}])
def test_half_a_pool_entry_is_refused_and_nothing_written(township_dispatcher, town_office, pool):
    with nothing_written():
        add(township_dispatcher, town_office, "干部", **pool)


def _roster(rows) -> io.BytesIO:
    data = io.BytesIO(table_workbook("花名册", [(h, 12) for h in HEADER], rows))
    data.name = "花名册.xlsx"
    return data


def test_a_roster_whose_two_over_quota_rows_go_to_the_pool_is_imported_whole(
    login, township_dispatcher, town_office
):
    quota = town_office.administrative_quota
    rows = [[f"干部{n}", id_number(), "", "行政编", "甲镇党政办", "", "", "否", "", ""] for n in range(quota)]
    rows += [
        [f"超编{n}", id_number(), "", "行政编", "甲镇党政办", "", "", "否", "2019-03-20", "协助乡村振兴专班"]
        for n in range(2)
    ]
    client = login(township_dispatcher)
    assert "记入干部周转池" in client.get("/staffing/import/roster/").content.decode()
    preview = client.post("/staffing/import/roster/", {"file": _roster(rows)}, follow=True)
    assert preview.status_code == 200 and "不得超编进人" not in preview.content.decode()
    assert not StaffPerson.objects.exists()
    job = preview.context["job"]
    client.post(f"/staffing/import/jobs/{job.pk}/commit/", follow=True)
    assert StaffPerson.objects.count() == quota + 2
    pooled = StaffPerson.objects.filter(in_pool=True)
    assert sorted(pooled.values_list("name", flat=True)) == ["超编0", "超编1"]
    assert {str(p.pool_since) for p in pooled} == {"2019-03-20"}
    assert filled(town_office, QuotaKind.ADMINISTRATIVE) == quota


def test_an_over_quota_row_without_the_pool_columns_is_refused_and_names_them(
    login, township_dispatcher, town_office
):
    quota = town_office.administrative_quota
    rows = [[f"干部{n}", id_number(), "", "行政编", "甲镇党政办", "", "", "否", "", ""] for n in range(quota)]
    rows.append(["超编干部", id_number(), "", "行政编", "甲镇党政办", "", "", "否", "", ""])
    rows.append(["只填日期", id_number(), "", "编外", "甲镇党政办", "", "", "否", "2019-03-20", ""])
    client = login(township_dispatcher)
    before = snapshot()
    text = client.post("/staffing/import/roster/", {"file": _roster(rows)}, follow=True).content.decode()
    assert f"第{quota + 2}行「工作单位」" in text and "不得超编进人" in text
    assert "转入周转池日期" in text and "现从事工作" in text
    assert f"第{quota + 3}行「现从事工作」" in text
    assert snapshot() == before


def test_the_api_records_an_over_quota_person_into_the_pool_and_refuses_one_without(
    login, township_dispatcher, town_office
):
    import json

    _fill(township_dispatcher, town_office)
    client = login(township_dispatcher)
    body = {"works_in": town_office.pk, "name": "超编干部", "identity": "administrative"}

    def post(extra):
        data = json.dumps(body | {"id_number": id_number()} | extra)
        return client.post("/api/v1/staffing/people", data, content_type="application/json")

    before = snapshot()
    refused = post({})
    assert refused.status_code == 409 and "周转池" in refused.content.decode()
    assert snapshot() == before
    made = post({"pool_since": "2019-03-20", "pool_duty": "协助乡村振兴专班"})
    assert made.status_code == 201, made.content
    person = StaffPerson.objects.get(pk=made.json()["id"])
    assert person.in_pool and str(person.pool_since) == "2019-03-20"
