"""The overlap the reviewer reads before deciding: fields held, fields asked by other approved forms (with
those forms named), what is new, and the typing left per village per year."""

import pytest

from qingdan.forms import overlap
from qingdan.forms.actions import admission
from qingdan.forms.choices import Frequency, RowsKind
from qingdan.orgs.choices import Role
from qingdan.testing import make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def other_clerk(other_department):
    return make_user("ziranziyuan", Role.DEPT_CLERK, other_department)


@pytest.fixture
def other_form(make_form, other_clerk, county_reviewer, elements):
    """县自然资源局's approved form asking 耕地面积 and 本年新修沟渠长度."""
    form = make_form(
        user=other_clerk, title="耕地保护情况", element_ids=[elements["farmland"].pk, elements["ditches"].pk]
    )
    admission.submit_form(user=other_clerk, form=form)
    return admission.approve_form(user=county_reviewer, form=form)


@pytest.fixture
def request_(make_form, elements, village, community, village_form, other_form, dept_clerk):
    """A new quarterly request: 户数 (held; asked by the village form), 本年新修沟渠长度 (asked by both
    approved forms), 走访日期 (new)."""
    form = make_form(
        title="季度走访",
        frequency=Frequency.QUARTERLY,
        villages=[village, community],
        element_ids=[elements[k].pk for k in ("households", "ditches", "visited")],
    )
    return admission.submit_form(user=dept_clerk, form=form)


def names(items) -> list[str]:
    return [item.name for item in items]


def test_the_overlap_names_held_fields_other_forms_and_new_fields(
    request_, village_form, other_form, elements
):
    found = overlap.analyse(request_)
    assert names(found.fields) == ["户数", "本年新修沟渠长度", "走访日期"]
    assert names(found.held) == ["户数"]
    assert found.asked_elsewhere == {
        elements["households"].pk: [village_form],
        elements["ditches"].pk: [village_form, other_form],
    }
    assert names(found.new) == ["走访日期"]
    assert found.merge_suggestions == [(village_form, 2), (other_form, 1)]


def test_the_typing_load_counts_fields_not_held_times_rows_times_a_year(request_):
    found = overlap.analyse(request_)
    assert (found.rows_per_village, found.times_a_year) == (1, 4)
    assert found.typing_per_village_per_year == 2 * 1 * 4
    assert found.typing_without_registers == 3 * 1 * 4
    assert found.seconds_per_field == 20
    assert found.hours_per_village_per_year == round(8 * 20 / 3600, 1)


def test_the_seconds_per_field_come_from_the_settings(request_, settings):
    settings.QINGDAN_SECONDS_PER_FIELD = 90
    found = overlap.analyse(request_)
    assert found.seconds_per_field == 90
    assert found.hours_per_village_per_year == 0.2
    assert found.hours_saved_per_village_per_year == 0.1


def test_only_approved_forms_count_as_asking_elsewhere(make_form, elements, dept_clerk, county_reviewer):
    draft = make_form(title="草稿", element_ids=[elements["ditches"].pk])
    refused = admission.submit_form(
        user=dept_clerk, form=make_form(title="被退", element_ids=[elements["ditches"].pk])
    )
    admission.refuse_form(user=county_reviewer, form=refused, reason="重复")
    mine = make_form(title="新表", element_ids=[elements["ditches"].pk])
    assert overlap.analyse(mine).asked_elsewhere == {}
    assert names(overlap.analyse(mine).new) == ["本年新修沟渠长度"]
    assert draft.pk != mine.pk


def test_a_department_reading_the_overlap_sees_only_its_own_forms_named(
    request_, dept_clerk, village_form, elements
):
    found = overlap.analyse(request_, user=dept_clerk)
    assert found.asked_elsewhere == {
        elements["households"].pk: [village_form],
        elements["ditches"].pk: [village_form],
    }
    assert found.merge_suggestions == [(village_form, 2)]


def test_resident_rows_count_the_tagged_residents_of_an_average_target_village(
    make_form, elements, registers_filled, village, community
):
    form = make_form(
        rows_kind=RowsKind.RESIDENTS,
        resident_tag="低保",
        element_ids=[elements["birth"].pk, elements["visited"].pk],
        villages=[village],
    )
    found = overlap.analyse(form)
    assert found.rows_per_village == 2  # 张三 and 李四 carry 低保; 王五 does not
    assert found.typing_per_village_per_year == 1 * 2 * 1
    form.targets.add(community)  # no residents there: an average of one per village
    assert overlap.analyse(form).rows_per_village == 1


def test_the_analysis_runs_a_fixed_number_of_queries(
    request_, make_form, elements, dept_clerk, county_reviewer, django_assert_max_num_queries
):
    for n in range(5):
        form = make_form(title=f"表{n}", element_ids=[elements["ditches"].pk, elements["farmland"].pk])
        admission.submit_form(user=dept_clerk, form=form)
        admission.approve_form(user=county_reviewer, form=form)
    request_.refresh_from_db()
    with django_assert_max_num_queries(4):
        found = overlap.analyse(request_)
    assert len(found.asked_elsewhere[elements["ditches"].pk]) == 7
