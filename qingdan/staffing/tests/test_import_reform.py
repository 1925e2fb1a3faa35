"""A reform's before and after tables imported from .xlsx through qingdan.sheets: preview (the seeds'
table, or every problem by row and column) → commit, all or nothing; only the catalog office."""

import io

import pytest

from qingdan.audit.models import AuditEvent
from qingdan.sheets.writing import table_workbook
from qingdan.staffing.models import Reform, ReformMapping, ReformUnit
from qingdan.staffing.queries import reform_table

pytestmark = pytest.mark.django_db

HEADER = ["改革前后", "单位", "类别", "行政编制", "事业编制", "领导职数", "去向", "新单位"]
REFORM = {"name": "河曲县机构改革", "document": "河编委〔2019〕3号", "decided_on": "2019-03-20"}


def _share(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def shanxi_rows() -> list[list]:
    """A small county as seed 002 prints it: departments 36 → 22, institutions 179 → 40, institution
    quotas 1,944 → 970, enforcement teams 9 → 1, township quotas +139 (posts 151 → 128)."""
    rows: list[list] = []
    posts_before, posts_after = _share(151, 36), _share(128, 22)
    for n in range(36):
        how, new = ("保留", "") if n < 22 else ("并入", f"部门{n % 22}")  # kept under its own name
        rows.append(["改革前", f"部门{n}", "党政机构", 10, 0, posts_before[n], how, new])
    for n, quota in enumerate(_share(1944 - 90, 179)):
        how, new = ("保留", f"事业{n}") if n < 40 else ("撤销", "") if n % 2 else ("并入", f"事业{n % 40}")
        rows.append(["改革前", f"事业{n}", "事业单位", 0, quota, 0, how, new])
    for n in range(9):
        rows.append(["改革前", f"执法大队{n}", "执法队伍", 0, 10, 0, "并入", "综合行政执法队"])
    rows.append(["改革前", "甲镇", "乡镇", 40, 100, 0, "保留", "甲镇"])
    for n in range(22):
        rows.append(["改革后", f"部门{n}", "党政机构", 15, 0, posts_after[n], "", ""])
    for n, quota in enumerate(_share(970 - 60, 40)):
        rows.append(["改革后", f"事业{n}", "事业单位", 0, quota, 0, "", ""])
    rows.append(["改革后", "综合行政执法队", "执法队伍", 0, 60, 0, "", ""])
    rows.append(["改革后", "甲镇", "乡镇", 40, 239, 0, "", ""])
    return rows


def xlsx(rows) -> io.BytesIO:
    data = io.BytesIO(table_workbook("机构改革", [(h, 12) for h in HEADER], rows))
    data.name = "机构改革.xlsx"
    return data


def test_the_catalog_office_imports_the_shanxi_tables_after_a_preview(login, catalog_office):
    client = login(catalog_office)
    assert client.get("/staffing/import/reform/").status_code == 200
    preview = client.post("/staffing/import/reform/", REFORM | {"file": xlsx(shanxi_rows())}, follow=True)
    text = preview.content.decode()
    assert preview.status_code == 200 and "-38.9%" in text and "-77.7%" in text, text
    assert not Reform.objects.exists()  # the preview writes nothing
    job = preview.context["job"]
    done = client.post(f"/staffing/import/jobs/{job.pk}/commit/", follow=True)
    reform = Reform.objects.get()
    assert done.status_code == 200 and f"/staffing/reforms/{reform.pk}/" in done.content.decode()
    assert (reform.name, reform.document, str(reform.decided_on)) == tuple(REFORM.values())
    table = {line.label: (line.before, line.after) for line in reform_table(reform)}
    assert table["党政机构"] == (36, 22) and table["事业单位"] == (179, 40)
    assert table["事业编制"] == (1944, 970) and table["执法队伍"] == (9, 1)
    assert table["领导职数"] == (151, 128) and table["乡镇编制"] == (140, 279)
    assert ReformMapping.objects.filter(kind="abolished", new=None).count() == 69
    assert ReformMapping.objects.filter(new__name="综合行政执法队").count() == 9
    assert ReformMapping.objects.get(old__name="部门3").new.name == "部门3"
    assert AuditEvent.objects.filter(action="staffing.record_reform", note=REFORM["document"]).count() == 1


def test_a_table_with_bad_rows_is_refused_by_row_and_column_and_nothing_is_written(login, catalog_office):
    rows = [
        ["改革前", "县文化局", "局", 8, 0, 3, "并入", "县文化和旅游局"],  # row 2: no such kind
        ["改革前", "县旅游局", "党政机构", 6, 0, 2, "并入", "县旅游发展局"],  # row 3: not an after unit
        ["改革前", "县农业中心", "事业单位", 0, 40, 2, "拆分", "县农业服务中心"],  # row 4: split into one
        ["改革前", "县农机站", "事业单位", 0, 30, 2, "", ""],  # row 5: says nowhere
        ["改革前", "县农机站", "事业单位", 0, 30, 2, "撤销", ""],  # row 6: listed twice
        ["改革后", "县文化和旅游局", "党政机构", "十二", 0, 4, "", ""],  # row 7: not a number
        ["改革后", "县农业服务中心", "事业单位", 0, 20, 1, "保留", ""],  # row 8: an after unit goes nowhere
    ]
    client = login(catalog_office)
    preview = client.post("/staffing/import/reform/", REFORM | {"file": xlsx(rows)}, follow=True)
    text = preview.content.decode()
    for where in ("第2行「类别」", "第3行「新单位」", "第4行「新单位」", "第5行「去向」", "第6行「单位」"):
        assert where in text, where
    assert "第7行「行政编制」" in text and "第8行「去向」" in text
    job = preview.context["job"]
    refused = client.post(f"/staffing/import/jobs/{job.pk}/commit/", follow=True)
    assert refused.status_code == 200
    assert not Reform.objects.exists() and not ReformUnit.objects.exists()
    assert not AuditEvent.objects.filter(action="staffing.record_reform").exists()


def test_a_table_with_only_one_side_is_refused(login, catalog_office):
    rows = [["改革前", "县文化局", "党政机构", 8, 0, 3, "撤销", ""]]
    client = login(catalog_office)
    preview = client.post("/staffing/import/reform/", REFORM | {"file": xlsx(rows)}, follow=True)
    assert "改革前后的机构" in preview.content.decode() and not Reform.objects.exists()


def test_only_the_catalog_office_imports_a_reform_and_others_do_not_see_its_job(
    login, catalog_office, supervisor, township_dispatcher, outsider
):
    for user in (supervisor, township_dispatcher, outsider):
        client = login(user)
        assert client.get("/staffing/import/reform/").status_code == 403
        answer = client.post("/staffing/import/reform/", REFORM | {"file": xlsx(shanxi_rows())})
        assert answer.status_code == 403
    preview = login(catalog_office).post(
        "/staffing/import/reform/", REFORM | {"file": xlsx(shanxi_rows())}, follow=True
    )
    job = preview.context["job"]
    for user in (supervisor, outsider):
        client = login(user)
        assert client.get(f"/staffing/import/jobs/{job.pk}/").status_code == 404
        assert client.post(f"/staffing/import/jobs/{job.pk}/commit/").status_code == 404
    assert not Reform.objects.exists()
