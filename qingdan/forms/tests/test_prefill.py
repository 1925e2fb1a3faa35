"""Pre-filling: every value the registers hold is in the form before the village types anything; what is
new stays empty. A fixed number of queries, however many residents."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from qingdan.forms import prefill
from qingdan.forms.actions import admission
from qingdan.forms.choices import RowsKind
from qingdan.registers import actions as registers
from qingdan.testing import id_number, in_days

from .fixtures_forms import AS_OF


def test_a_village_form_is_filled_with_the_current_figures_and_leaves_the_rest_empty(
    village_form, registers_filled, village
):
    e = registers_filled["elements"]
    filled = prefill.prefill(village_form, village, today=datetime.date(2026, 3, 1))
    assert filled.rows == [prefill.VILLAGE_ROW]
    assert [f.element.name for f in filled.fields] == ["户数", "户籍人口", "耕地面积", "本年新修沟渠长度"]
    # 户籍人口 was 440 at the end of 2024 and 450 at the end of 2025: the newer value is filled in.
    assert filled.cells == {(None, e["households"].pk): "120", (None, e["population"].pk): "450"}
    assert (filled.prefilled, filled.to_type) == (2, 2)


def test_a_past_period_is_filled_with_the_values_true_at_its_end(village_form, registers_filled, village):
    e = registers_filled["elements"]
    filled = prefill.prefill(village_form, village, "2024", today=datetime.date(2026, 3, 1))
    assert filled.cells == {(None, e["population"].pk): "440"}


def test_nothing_known_means_nothing_filled(village_form, elements, community):
    village_form.targets.add(community)
    filled = prefill.prefill(village_form, community)
    assert (filled.cells, filled.prefilled, filled.to_type) == ({}, 0, 4)


def test_resident_rows_are_the_tagged_residents_with_their_known_attributes(
    resident_form, registers_filled, village
):
    e, r = registers_filled["elements"], registers_filled["residents"]
    filled = prefill.prefill(resident_form, village)
    assert [(row.resident_id, row.name, row.household) for row in filled.rows] == [
        (r["zhang"].pk, "张三", "001"),
        (r["li"].pk, "李四", "002"),
    ]  # 王五 is not tagged 低保
    assert filled.cells == {
        (r["zhang"].pk, e["birth"].pk): "1950-03-01",
        (r["zhang"].pk, e["allowance"].pk): "300",
        (r["li"].pk, e["birth"].pk): "1960-05-05",
    }
    assert (filled.prefilled, filled.to_type) == (3, 2 * 4 - 3)


def test_rows_carry_only_masked_id_numbers(resident_form, registers_filled, village):
    filled = prefill.prefill(resident_form, village)
    clear = id_number(1)
    assert filled.rows[0].id_masked == clear[:6] + "********" + clear[-4:]
    assert all(clear not in str(row) for row in filled.rows)


def test_values_kept_on_the_resident_fill_in_too_with_phones_masked(
    make_form, elements, registers_filled, village, dept_clerk, county_reviewer
):
    form = make_form(rows_kind=RowsKind.RESIDENTS, resident_tag="低保", element_ids=[elements["phone"].pk])
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    r = registers_filled["residents"]
    assert prefill.prefill(form, village).cells == {(r["zhang"].pk, elements["phone"].pk): "138****5678"}


def test_a_form_for_everyone_lists_every_active_resident(
    make_form, elements, registers_filled, village, dept_clerk, county_reviewer
):
    form = make_form(rows_kind=RowsKind.RESIDENTS, element_ids=[elements["birth"].pk])
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    assert [row.name for row in prefill.prefill(form, village).rows] == ["张三", "李四", "王五"]


def test_a_tag_matches_whole_tags_only(make_form, elements, residents, village, village_cadre):
    registers.upsert_resident(
        user=village_cadre, village=village, name="赵六", id_number=id_number(9), tags="低保户"
    )
    form = make_form(rows_kind=RowsKind.RESIDENTS, resident_tag="低保", element_ids=[elements["birth"].pk])
    assert [row.name for row in prefill.prefill(form, village).rows] == ["张三", "李四"]


def queries_for(form, village) -> int:
    with CaptureQueriesContext(connection) as captured:
        prefill.prefill(form, village)
    return len(captured.captured_queries)


def test_prefilling_runs_the_same_queries_for_three_residents_or_thirty(
    resident_form, registers_filled, village, village_cadre
):
    e = registers_filled["elements"]
    resident_form = type(resident_form).objects.get(pk=resident_form.pk)
    few = queries_for(resident_form, village)
    for n in range(10, 40):
        person = registers.upsert_resident(
            user=village_cadre, village=village, name=f"居民{n}", id_number=id_number(n), tags="低保"
        )
        registers.set_resident_fact(
            user=village_cadre, resident=person, element=e["birth"], value="1970-01-01", as_of=AS_OF
        )
    resident_form = type(resident_form).objects.get(pk=resident_form.pk)
    assert len(prefill.prefill(resident_form, village).rows) == 32
    assert queries_for(resident_form, village) == few <= 4  # fields, row count, a page of rows, their facts


def test_a_request_can_be_previewed_before_approval(make_form, registers_filled, village):
    """The reviewer may see what a village would find filled in before deciding."""
    form = make_form(deadline=in_days(1))
    assert prefill.prefill(form, village).prefilled == 2
