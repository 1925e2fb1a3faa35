"""The one screen per village and per township, a form's results and export, and the burden figures.

The scenario: 县农业农村局 has two approved yearly forms for 甲村 (four village figures, three of them held;
four attributes of each 低保 resident, three held) and one refused request. 甲村 submits the village form
with 户数 kept as filled in and three values typed.
"""

import io

import pytest
from python_calamine import CalamineWorkbook

from qingdan.forms import queries
from qingdan.forms.actions import admission, submissions
from qingdan.forms.choices import RowsKind, SubmissionStatus
from qingdan.forms.periods import period_label
from qingdan.orgs.choices import Role
from qingdan.testing import id_number, make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def scenario(
    village_form,
    resident_form,
    registers_filled,
    make_form,
    dept_clerk,
    county_reviewer,
    village_cadre,
    village,
):
    e = registers_filled["elements"]
    refused = admission.submit_form(user=dept_clerk, form=make_form(title="重复报表"))
    admission.refuse_form(user=county_reviewer, form=refused, reason="与已有报表重复")
    sheet = submissions.open_submission(user=village_cadre, form=village_form, village=village)
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={
            (None, e["population"].pk): "452",
            (None, e["farmland"].pk): "1250",
            (None, e["ditches"].pk): "300",
        },
    )
    submissions.submit(user=village_cadre, submission=sheet)
    return {"sheet": sheet, "refused": refused, **registers_filled}


def sheet_of(data: bytes) -> list[list[str]]:
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [[str(cell) for cell in row] for row in book.get_sheet_by_index(0).to_python()]


# ---- one screen ---------------------------------------------------------------------------------------


def test_the_village_screen_shows_every_current_figure_its_residents_and_its_forms(
    scenario, village, village_form, resident_form
):
    screen = queries.village_screen(village)
    assert [(f.element.name, f.value) for f in screen["figures"]] == [
        ("户数", "120"),
        ("户籍人口", "452"),  # as typed in the submitted form
        ("耕地面积", "1250"),
    ]
    assert screen["figures_known"] == 3
    assert screen["residents"] == 3
    assert screen["tags"] == [("低保", 2), ("残疾", 1)]
    states = {s.form: s.status for s in screen["forms"]}
    assert states == {village_form: SubmissionStatus.SUBMITTED, resident_form: "not_opened"}
    assert screen["forms_submitted"] == 1


def test_the_village_screen_runs_a_fixed_number_of_queries(scenario, village, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        queries.village_screen(village)


def test_the_township_screen_sets_its_villages_side_by_side(scenario, township, village, community):
    screen = queries.township_screen(township)
    assert [c.village for c in screen["villages"]] == [village, community]
    jia, she = screen["villages"]
    assert [f.value for f in jia.values] == ["120", "452", "1250"]
    assert [f.value for f in she.values] == ["", "", ""]
    assert (jia.residents, jia.forms, jia.submitted) == (3, 2, 1)
    assert (she.residents, she.forms) == (0, 0)
    assert screen["totals"] == ["120", "452", "1250"]


def test_the_township_screen_runs_a_fixed_number_of_queries(
    scenario, township, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        queries.township_screen(township)


# ---- results and export -------------------------------------------------------------------------------


@pytest.fixture
def resident_results(resident_form, registers_filled, village, village_cadre):
    e, r = registers_filled["elements"], registers_filled["residents"]
    sheet = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={
            (r["zhang"].pk, e["work"].pk): "无业",
            (r["zhang"].pk, e["visited"].pk): "2026-01-05",
            (r["li"].pk, e["allowance"].pk): "280",
            (r["li"].pk, e["work"].pk): "务农",
            (r["li"].pk, e["visited"].pk): "2026-01-06",
        },
    )
    return submissions.submit(user=village_cadre, submission=sheet)


def test_the_department_sees_the_results_with_id_numbers_masked(
    resident_results, resident_form, dept_clerk, residents
):
    table = queries.results_table(resident_form, dept_clerk)
    assert table.columns == [
        "Village",
        "Period",
        "Name",
        "ID number",
        "Household number",
        "出生日期",
        "低保金额(元)",
        "就业情况",
        "走访日期",
    ]
    year = period_label(resident_results.period)  # the period in words, as the export shows it
    assert table.rows == [
        [
            "甲村",
            year,
            "张三",
            residents["zhang"].id_masked,
            "001",
            "1950-03-01",
            "300",
            "无业",
            "2026-01-05",
        ],
        ["甲村", year, "李四", residents["li"].id_masked, "002", "1960-05-05", "280", "务农", "2026-01-06"],
    ]


def test_the_export_holds_the_same_table_and_no_clear_id_number(resident_results, resident_form, dept_clerk):
    rows = sheet_of(queries.export_results(resident_form, dept_clerk))
    assert rows[0][:5] == ["Village", "Period", "Name", "ID number", "Household number"]
    assert [row[2] for row in rows[1:]] == ["张三", "李四"]
    assert rows[1][3] == id_number(1)[:6] + "********" + id_number(1)[-4:]
    flat = "".join("".join(row) for row in rows)
    assert id_number(1) not in flat and id_number(2) not in flat


def test_phones_and_id_numbers_typed_into_a_form_are_masked_in_the_results(
    make_form, catalog_office, dept_clerk, county_reviewer, village, village_cadre
):
    from qingdan.forms.actions import dictionary
    from qingdan.forms.choices import ElementKind

    ids = dictionary.define_element(user=catalog_office, name="书记身份证号", kind=ElementKind.ID_NUMBER)
    phone = dictionary.define_element(user=catalog_office, name="书记电话", kind=ElementKind.PHONE)
    form = make_form(element_ids=[ids.pk, phone.pk])
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    sheet = submissions.open_submission(user=village_cadre, form=form, village=village)
    submissions.save_values(
        user=village_cadre,
        submission=sheet,
        values={(None, ids.pk): id_number(7), (None, phone.pk): "13912345678"},
    )
    submissions.submit(user=village_cadre, submission=sheet)
    [row] = queries.results_table(form, dept_clerk).rows
    assert row[2:] == [id_number(7)[:6] + "********" + id_number(7)[-4:], "139****5678"]


def test_results_are_seen_only_in_scope(
    resident_results, resident_form, other_department, outsider, supervisor
):
    other_clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    assert queries.results_table(resident_form, other_clerk).rows == []
    assert queries.results_table(resident_form, outsider).rows == []
    assert len(queries.results_table(resident_form, supervisor).rows) == 2


def test_the_progress_of_a_form_lists_each_target_village(scenario, village_form, community, dept_clerk):
    village_form.targets.add(community)
    progress = queries.form_progress(village_form, dept_clerk)
    assert [(s.village.name, s.status) for s in progress] == [("甲村", "submitted"), ("甲社区", "not_opened")]


# ---- figures ------------------------------------------------------------------------------------------


def test_figures_count_forms_per_village_values_filled_and_typed_and_hours_saved(
    scenario, dept_clerk, village, community, settings
):
    settings.QINGDAN_SECONDS_PER_FIELD = 360  # a tenth of an hour per value
    found = queries.figures(dept_clerk)
    jia = next(row for row in found.villages if row.village == village)
    assert (jia.requested, jia.admitted, jia.fillings) == (3, 2, 2)
    assert (jia.submitted, jia.prefilled, jia.typed) == (1, 1, 3)
    assert (jia.hours_saved, jia.hours_typing) == (0.1, 0.3)
    she = next(row for row in found.villages if row.village == community)
    assert (she.requested, she.admitted, she.submitted) == (0, 0, 0)
    assert (found.forms_requested, found.forms_admitted) == (3, 2)
    assert (found.total.prefilled, found.total.typed) == (1, 3)


def test_figures_show_each_forms_typing_before_and_after_admission(
    scenario, dept_clerk, village_form, resident_form
):
    found = queries.figures(dept_clerk)
    by_form = {f.form: f for f in found.forms}
    village_figures, resident_figures = by_form[village_form], by_form[resident_form]
    # Village figures: four fields, three held, one village, once a year.
    assert (village_figures.fields, village_figures.held, village_figures.villages) == (4, 3, 1)
    assert (village_figures.typing_before, village_figures.typing_after) == (4, 1)
    assert (village_figures.submitted, village_figures.prefilled, village_figures.typed) == (1, 1, 3)
    # Resident rows: four fields, three held, the two 低保 residents of 甲村.
    assert (resident_figures.typing_before, resident_figures.typing_after) == (8, 2)
    assert resident_figures.submitted == 0


def test_figures_are_counted_in_the_readers_scope(scenario, other_department, outsider, supervisor, village):
    other_clerk = make_user("ziranziyuan", Role.DEPT_CLERK, other_department)
    theirs = queries.figures(other_clerk)
    assert (theirs.forms_requested, theirs.total.submitted, theirs.forms) == (0, 0, [])
    assert [row.village for row in queries.figures(outsider).villages] == [outsider.unit.division]
    assert queries.figures(outsider).total.submitted == 0
    assert queries.figures(supervisor).total.typed == 3


def test_figures_of_another_year_count_nothing_submitted_this_year(scenario, supervisor):
    found = queries.figures(supervisor, year=2001)
    assert (found.total.requested, found.total.submitted, found.forms) == (0, 0, [])


def test_figures_run_a_fixed_number_of_queries(scenario, supervisor, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        queries.figures(supervisor)


def test_a_resident_form_reaches_only_tagged_rows_in_its_figures(
    make_form, elements, registers_filled, dept_clerk, county_reviewer
):
    form = make_form(rows_kind=RowsKind.RESIDENTS, element_ids=[elements["visited"].pk])
    admission.submit_form(user=dept_clerk, form=form)
    admission.approve_form(user=county_reviewer, form=form)
    [one] = [f for f in queries.figures(dept_clerk).forms if f.form == form]
    assert (one.typing_before, one.typing_after) == (3, 3)  # everyone: three residents, nothing held
