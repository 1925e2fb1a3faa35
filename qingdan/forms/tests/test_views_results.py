"""What the department sees: results across its scope (ID numbers masked) and the .xlsx export; the
figures page (forms per village, values filled in advance versus typed, hours saved)."""

import pytest

from qingdan.forms.actions import submissions
from qingdan.jobs.tests.exporting import downloaded
from qingdan.sheets.xlsx import load_xlsx
from qingdan.testing import id_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident_results(resident_form, registers_filled, village_cadre, village):
    e, r = registers_filled["elements"], registers_filled["residents"]
    submission = submissions.open_submission(user=village_cadre, form=resident_form, village=village)
    submissions.save_values(
        user=village_cadre,
        submission=submission,
        values={
            (r["zhang"].pk, e["work"].pk): "无业",
            (r["zhang"].pk, e["visited"].pk): "2026-01-05",
            (r["li"].pk, e["allowance"].pk): "280",
            (r["li"].pk, e["work"].pk): "务农",
            (r["li"].pk, e["visited"].pk): "2026-01-06",
        },
    )
    return submissions.submit(user=village_cadre, submission=submission)


def test_the_department_sees_the_results_with_id_numbers_masked(
    login, dept_clerk, resident_form, resident_results
):
    page = login(dept_clerk).get(f"/forms/requests/{resident_form.pk}/results/").content.decode()
    assert "张三" in page and "无业" in page and "务农" in page
    assert resident_results.village.name in page
    assert id_number(1) not in page and "420102********" in page


def test_the_export_is_an_xlsx_with_id_numbers_masked(login, dept_clerk, resident_form, resident_results):
    response = downloaded(login(dept_clerk), f"/forms/requests/{resident_form.pk}/results.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    cells = [cell for row in load_xlsx(response.content).cells for cell in row]
    assert "张三" in cells and "务农" in cells
    assert id_number(1) not in " ".join(cells)


def test_the_export_holds_numbers_as_numbers_so_a_spreadsheet_can_sum_them(
    login, dept_clerk, resident_form, resident_results
):
    import io

    from python_calamine import CalamineWorkbook

    response = downloaded(login(dept_clerk), f"/forms/requests/{resident_form.pk}/results.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    allowance = rows[0].index("低保金额(元)")
    assert 280.0 in [row[allowance] for row in rows[1:]]  # typed as "280", read back as a number
    assert "001" in [cell for row in rows[1:] for cell in row]  # a household number keeps its zeros


def test_results_are_not_seen_outside_the_department_or_the_village(
    login, other_department, outsider, resident_form, resident_results
):
    from qingdan.orgs.choices import Role
    from qingdan.testing import make_user

    other = make_user("ziyuan", Role.DEPT_CLERK, other_department)
    for user in (other, outsider):
        client = login(user)
        assert client.get(f"/forms/requests/{resident_form.pk}/results/").status_code == 404
        assert client.get(f"/forms/requests/{resident_form.pk}/results.xlsx").status_code == 404


def test_the_supervisor_reads_the_results(login, supervisor, resident_form, resident_results):
    assert login(supervisor).get(f"/forms/requests/{resident_form.pk}/results/").status_code == 200


def test_the_results_page_runs_a_fixed_number_of_queries(
    login, dept_clerk, resident_form, resident_results, django_assert_max_num_queries
):
    client = login(dept_clerk)
    with django_assert_max_num_queries(16):
        assert client.get(f"/forms/requests/{resident_form.pk}/results/").status_code == 200


def test_the_figures_page_counts_values_filled_in_advance_and_hours_saved(
    login, dept_clerk, resident_form, resident_results
):
    page = login(dept_clerk).get("/forms/figures/").content.decode()
    assert resident_form.title in page
    assert f'<strong id="total-prefilled">{resident_results.prefilled_count}</strong>' in page
    assert f'<strong id="total-typed">{resident_results.typed_count}</strong>' in page


def test_the_figures_page_runs_a_fixed_number_of_queries(
    login, catalog_office, resident_form, resident_results, django_assert_max_num_queries
):
    client = login(catalog_office)
    with django_assert_max_num_queries(16):
        assert client.get("/forms/figures/", {"year": "2026"}).status_code == 200


def test_the_start_page_shows_each_role_its_way_in(login, village_cadre, dept_clerk, county_reviewer):
    assert "/forms/due/" in login(village_cadre).get("/forms/").content.decode()
    assert "/forms/requests/new/" in login(dept_clerk).get("/forms/").content.decode()
    assert "/forms/requests/queue/" in login(county_reviewer).get("/forms/").content.decode()
