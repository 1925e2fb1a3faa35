"""An indicator table from .xlsx: checked row by row (problems named by row and column, in Chinese),
then imported whole or not at all."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from qingdan import testing
from qingdan.assessment.importing import read_table
from qingdan.assessment.models import Indicator
from qingdan.jobs.models import Job
from qingdan.sheets.writing import titled_table_workbook

pytestmark = pytest.mark.django_db

HEADER = [
    "村类型",
    "指标名称",
    "主责事项",
    "分值",
    "评分方式",
    "目标值",
    "计分公式",
    "评价等次",
    "考核依据",
    "平台数据来源",
    "责任部门",
]


def workbook(rows) -> bytes:
    return titled_table_workbook("指标", [(h, 12) for h in HEADER], rows, title="2026年度村级考核指标")


GOOD = [
    [
        "农业村",
        "派单事项按期办结率",
        "1",
        40,
        "定量",
        100,
        "按比例",
        "",
        "平台记录",
        "派单按期办结",
        "县农业农村局",
    ],
    [
        "农业村",
        "集体资产管理规范",
        "管理村集体资产资源",
        30,
        "定性",
        "",
        "",
        "好:100;一般:60",
        "文件",
        "",
        "县农业农村局",
    ],
    ["农业村", "人居环境整治达标户比例", "3", 30, "定量", 90, "按比例", "", "报表", "", "县自然资源局"],
]


def upload(client, scheme, data: bytes):
    file = SimpleUploadedFile("指标.xlsx", data)
    return client.post(reverse("assessment:indicator_import", args=[scheme.pk]), {"file": file})


def test_a_good_table_is_previewed_then_imported(
    client, catalog_office, scheme, primary_items, department, other_department
):
    client.force_login(catalog_office)
    response = upload(client, scheme, workbook(GOOD))
    assert response.status_code == 302
    job = Job.objects.get(kind="assessment.import_preview")
    page = client.get(response["Location"]).content.decode()
    assert "派单事项按期办结率" in page and Indicator.objects.count() == 4  # last year's four only
    response = client.post(reverse("assessment:import_commit", args=[scheme.pk, job.pk]))
    assert response.status_code == 302
    assert list(scheme.indicators.values_list("name", flat=True)) == [row[1] for row in GOOD]


def test_problems_are_named_by_row_and_column_and_nothing_is_written(scheme, primary_items, department):
    bad = [
        ["农业村", "村部挂牌规范", "1", 40, "定量", 100, "按比例", "", "文件", "", "县农业农村局"],
        ["工业村", "x", "1", 30, "定量", 100, "按比例", "", "文件", "", "县农业农村局"],
        ["农业村", "招商引资完成率", "招商引资", 30, "定量", 100, "按比例", "", "文件", "", "县农业农村局"],
        ["农业村", "走访", "2", 30, "定量", 100, "按比例", "", "照片", "", "县农业农村局"],
        ["农业村", "y", "2", "", "定量", 100, "按比例", "", "文件", "", "县财政局"],
    ]
    before = testing.snapshot()
    rows, problems = read_table(workbook(bad), "指标.xlsx", scheme)
    assert rows == []
    texts = [str(p) for p in problems]
    assert any("第3行" in t and "挂牌" in t for t in texts), texts
    assert any("第4行" in t and "村类型" in t for t in texts), texts
    assert any("第5行" in t and "主责事项" in t for t in texts), texts
    assert any("第6行" in t and "照片" in t for t in texts), texts
    assert any("第7行" in t and "分值" in t for t in texts), texts
    assert any("第7行" in t and "责任部门" in t for t in texts), texts
    assert testing.snapshot() == before


def test_a_table_above_the_limit_is_not_imported_at_all(
    client, catalog_office, scheme, primary_items, department
):
    # last year's agricultural set held 4: five rows cannot go in, and not even the first four do
    rows = [
        ["农业村", f"指标{n}", str(n % 5 + 1), 20, "定量", 100, "按比例", "", "文件", "", "县农业农村局"]
        for n in range(5)
    ]
    client.force_login(catalog_office)
    upload(client, scheme, workbook(rows))
    job = Job.objects.get(kind="assessment.import_preview")
    client.post(reverse("assessment:import_commit", args=[scheme.pk, job.pk]))
    commit = Job.objects.get(kind="assessment.import_commit")
    assert commit.status == "failed" and "只减不增" in commit.error and "第7行" in commit.error
    assert scheme.indicators.count() == 0


def test_a_supervisor_cannot_import(client, supervisor, scheme):
    client.force_login(supervisor)
    assert upload(client, scheme, workbook(GOOD)).status_code == 403
