"""A reform before and after, the turnover pool, township templates."""

import pytest

from qingdan.staffing import actions
from qingdan.staffing.actions import MappingRow, UnitRow
from qingdan.staffing.choices import PoolExit
from qingdan.staffing.models import ReformMapping
from qingdan.staffing.queries import reform_table, template_check

from .conftest import TODAY, add


def small_reform(user, county, **overrides):
    fields = {
        "name": "县级机构改革",
        "document": "县委发〔2019〕1号",
        "decided_on": TODAY,
        "before": [
            UnitRow("县文化局", "department", 8, 0, 3),
            UnitRow("县旅游局", "department", 6, 0, 2),
            UnitRow("县农机站", "institution", 0, 30, 2),
            UnitRow("县城管执法大队", "enforcement", 0, 20, 2),
            UnitRow("县国土执法大队", "enforcement", 0, 10, 1),
            UnitRow("甲镇", "township", 20, 30, 0),
        ],
        "after": [
            UnitRow("县文化和旅游局", "department", 12, 0, 4),
            UnitRow("县综合行政执法局", "enforcement", 0, 24, 2),
            UnitRow("甲镇", "township", 20, 46, 0),
        ],
        "mappings": [
            MappingRow("县文化局", "merged", ["县文化和旅游局"]),
            MappingRow("县旅游局", "merged", ["县文化和旅游局"]),
            MappingRow("县农机站", "abolished"),
            MappingRow("县城管执法大队", "merged", ["县综合行政执法局"]),
            MappingRow("县国土执法大队", "merged", ["县综合行政执法局"]),
            MappingRow("甲镇", "kept", ["甲镇"]),
        ],
    }
    return actions.record_reform(user=user, county=county, **{**fields, **overrides})


def test_a_reform_produces_the_before_and_after_table(catalog_office, county):
    reform = small_reform(catalog_office, county)
    table = {line.label: line for line in reform_table(reform)}
    assert (table["党政机构"].before, table["党政机构"].after, table["党政机构"].change) == (2, 1, -1)
    assert str(table["党政机构"].percent) == "-50.0"
    assert (table["事业单位"].before, table["事业单位"].after) == (1, 0)
    assert (table["执法队伍"].before, table["执法队伍"].after) == (2, 1)
    assert table["乡镇编制"].change == 16
    assert ReformMapping.objects.filter(reform=reform, kind="abolished", new=None).count() == 1


@pytest.mark.parametrize(
    "mappings, words",
    [
        ([MappingRow("县文化局", "merged", ["县文化和旅游局"])], "请说明县农机站的去向"),
        ([MappingRow("县文化局", "split", ["县文化和旅游局"])], "县文化局"),
        ([MappingRow("县文化局", "kept", ["不存在的局"])], "不存在的局"),
    ],
)
def test_a_reform_that_leaves_an_old_unit_unmapped_or_mismapped_is_refused(
    catalog_office, county, unchanged, mappings, words
):
    with unchanged() as refused:
        small_reform(catalog_office, county, mappings=mappings)
    assert words in refused.value.message


def test_the_pool_empties_as_people_retire_or_move(township_dispatcher, town_office):
    first, second = (
        add(township_dispatcher, town_office, "老干部甲"),
        add(township_dispatcher, town_office, "超编乙"),
    )
    for person in (first, second):
        actions.send_to_pool(user=township_dispatcher, person=person, since=TODAY, duty="信访化解专班")
    first = actions.leave_pool(user=township_dispatcher, person=first, on=TODAY, reason=PoolExit.RETIRED)
    second = actions.leave_pool(user=township_dispatcher, person=second, on=TODAY, reason=PoolExit.MOVED)
    assert (first.in_pool, first.is_active, first.left_pool_reason) == (False, False, "retired")
    assert (second.in_pool, second.is_active) == (False, True)


def test_leaving_the_pool_before_entering_it_is_refused(township_dispatcher, town_office, unchanged):
    person = add(township_dispatcher, town_office, "超编丙")
    with unchanged():
        actions.leave_pool(user=township_dispatcher, person=person, on=TODAY, reason=PoolExit.MOVED)


def test_a_township_is_checked_against_its_template(catalog_office, county, township, town_office):
    template = actions.set_template(
        user=catalog_office,
        county=county,
        name="五办三中心",
        offices=["党政办", "党建办", "经济发展办", "社会事务办", "平安法治办"],
        centres=["便民服务中心", "综合执法中心", "网格管理中心"],
    )
    actions.choose_template(user=catalog_office, township=township, template=template)
    check = template_check(township)
    assert not check["ok"] and "党建办" in check["missing"] and "党政办" not in check["missing"]
