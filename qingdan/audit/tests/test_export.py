import io
import json
import zipfile

from django.urls import reverse
from python_calamine import CalamineWorkbook

from qingdan.audit.models import AuditEvent
from qingdan.jobs.models import Job
from qingdan.jobs.tests.exporting import downloaded

URL = reverse("audit:event_export")


def _rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    return book.get_sheet_by_index(0).to_python()


def test_export_rows_match_the_filter(login, supervisor, village, other_village, other_county, event):
    event(division=village, actor_name="zhangsan", action="duties.import_catalog")
    event(division=other_village, actor_name="lisi", action="duties.import_catalog")
    event(division=village, actor_name="zhangwu", action="accounts.token_create")
    event(division=other_county, actor_name="zhangliu", action="duties.import_catalog")
    rows = _rows(downloaded(login(supervisor), URL, {"actor": "zhang", "action": "duties.import_catalog"}))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["时间", "用户", "操作"]
    assert [row[1] for row in body] == ["zhangsan"]
    assert body[0][3] == "duties.import_catalog"
    assert body[0][6] == "甲村 (429901100001)"


def test_every_cell_is_text_so_nothing_runs_as_a_formula(login, supervisor, village, event):
    event(division=village, actor_name='=HYPERLINK("http://evil","x")', note="=1+1")
    response = downloaded(login(supervisor), URL, {"actor": "HYPERLINK"})
    rows = _rows(response)
    assert rows[1][1] == '=HYPERLINK("http://evil","x")'
    assert rows[1][9] == "=1+1"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    assert 't="n"' not in sheet


def test_the_export_is_itself_audited(login, supervisor, county, village, event):
    event(division=village, actor_name="zhangsan")
    downloaded(login(supervisor), URL, {"actor": "zhang"}, REMOTE_ADDR="10.5.5.5")
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor == supervisor
    assert export.division == county
    assert export.ip == "10.5.5.5"
    assert json.loads(export.note) == {"filter": {"actor": "zhang"}, "rows": 1}


def test_a_bad_filter_is_sent_back_to_the_list_with_a_message(login, supervisor):
    client = login(supervisor)
    response = client.get(URL, {"date_from": "2025-02-30"}, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("audit:event_list"))
    page = response.content.decode()
    assert "请先更正筛选条件" in page
    assert "不是有效日期" in page
    assert not AuditEvent.objects.filter(action="audit.export").exists()
    assert not Job.objects.exists()
