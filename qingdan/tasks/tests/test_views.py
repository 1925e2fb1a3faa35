"""The checklist pages as their owner (甲镇党政办), an outsider (404), a supervisor (reads; 403 on
writes), and the people named on rows."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from qingdan.jobs.models import Job
from qingdan.jobs.tests.exporting import downloaded
from qingdan.tasks import actions
from qingdan.tasks.choices import ChecklistStatus, RowStatus
from qingdan.tasks.models import Checklist, ChecklistRow, RowUpdate
from qingdan.testing import in_days

from .conftest import workbook
from .test_copy_and_import import good_rows

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return response.content.decode()


def url(name: str, *args) -> str:
    return reverse(f"tasks:{name}", args=args)


def row_post(people, **extra) -> dict:
    """The create form with one row filled in: 李明 responsible, 王书记 leading."""
    leader, worker, helper = people
    data = {
        "title": "2025年甲镇秋收防火任务清单",
        "source_kind": "document",
        "source_title": "关于做好秋季防火工作的通知",
        "source_number": "县防火办〔2025〕5号",
        "source_date": "2025-09-01",
        "year": "2025",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "200",
        "rows-0-area": "秸秆禁烧",
        "rows-0-task": "巡查秸秆焚烧",
        "rows-0-measures": "每日巡查两次",
        "rows-0-lead_leader": str(leader.pk),
        "rows-0-cooperating_leaders": [str(helper.pk)],
        "rows-0-responsible": str(worker.pk),
        "rows-0-deadline": in_days(20).isoformat(),
        "rows-0-report_to": "镇长",
    }
    data.update(extra)
    return data


@pytest.fixture
def people(leader, worker, helper):
    return leader, worker, helper


# --- list and detail -------------------------------------------------------------------------------


def test_the_list_shows_the_townships_checklists_with_their_alerts(
    login, township_dispatcher, make_checklist, row
):
    make_checklist(rows=[row(deadline=in_days(-1)), row(deadline=in_days(2)), row()], issue=True)
    response = login(township_dispatcher).get(url("checklist_list"))
    assert response.status_code == 200
    text = body(response)
    assert "2025年甲镇防汛抗旱任务清单" in text
    assert "1项逾期" in text and "1项即将到期" in text and "0 / 3" in text
    assert url("checklist_create") in text


def test_an_outsider_sees_no_checklist_of_another_township(login, outsider, active):
    response = login(outsider).get(url("checklist_list"))
    assert response.status_code == 200 and active.title not in body(response)
    assert login(outsider).get(url("checklist_detail", active.pk)).status_code == 404


def test_a_supervisor_reads_the_list_and_the_checklist_without_edit_buttons(login, supervisor, active):
    client = login(supervisor)
    assert active.title in body(client.get(url("checklist_list")))
    response = client.get(url("checklist_detail", active.pk))
    assert response.status_code == 200
    text = body(response)
    assert "开展汛前隐患排查" in text
    assert url("row_create", active.pk) not in text and url("checklist_create") not in body(
        client.get(url("checklist_list"))
    )
    assert url("checklist_pdf", active.pk) in text


def test_a_village_cadre_named_on_a_row_reads_the_whole_checklist(login, worker, village_cadre, active):
    assert login(worker).get(url("checklist_detail", active.pk)).status_code == 200
    assert login(village_cadre).get(url("checklist_detail", active.pk)).status_code == 404  # not named


def test_the_detail_page_flags_overdue_rows(login, township_dispatcher, make_checklist, row):
    checklist = make_checklist(rows=[row(deadline=in_days(-3)), row(deadline=in_days(1))], issue=True)
    text = body(login(township_dispatcher).get(url("checklist_detail", checklist.pk)))
    assert "逾期3天" in text and "还有1天到期" in text and "is-overdue" in text


def test_the_list_costs_the_same_queries_for_many_checklists(
    login, township_dispatcher, make_checklist, row, django_assert_max_num_queries
):
    client = login(township_dispatcher)
    make_checklist(rows=[row()])
    client.get(url("checklist_list"))
    with django_assert_max_num_queries(12) as few:
        client.get(url("checklist_list"))
    for n in range(12):
        make_checklist(title=f"清单{n}", rows=[row(), row(), row()], issue=n % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("checklist_list"))
    assert "清单11" in body(response)


def test_the_detail_page_costs_the_same_queries_for_many_rows(
    login, township_dispatcher, make_checklist, row, django_assert_max_num_queries
):
    client = login(township_dispatcher)
    small = make_checklist(rows=[row()], issue=True)
    client.get(url("checklist_detail", small.pk))
    with django_assert_max_num_queries(12) as few:
        client.get(url("checklist_detail", small.pk))
    big = make_checklist(rows=[row(task=f"任务{n}") for n in range(40)], issue=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url("checklist_detail", big.pk))
    assert "任务39" in body(response)


# --- creating ------------------------------------------------------------------------------------


def test_the_owner_creates_a_checklist_with_rows(login, township_dispatcher, people):
    response = login(township_dispatcher).post(url("checklist_create"), row_post(people))
    checklist = Checklist.objects.get()
    assert response.status_code == 302 and response["Location"] == url("checklist_detail", checklist.pk)
    row = checklist.rows.get()
    assert (row.task, row.responsible, row.deadline) == ("巡查秸秆焚烧", people[1], in_days(20))
    assert checklist.source_number == "县防火办〔2025〕5号"


def test_a_row_without_a_responsible_person_is_refused_on_the_page(login, township_dispatcher, people):
    response = login(township_dispatcher).post(
        url("checklist_create"), row_post(people, **{"rows-0-responsible": "", "rows-0-deadline": ""})
    )
    assert response.status_code == 400
    text = body(response)
    assert "请选择具体责任人：每一行都必须写明具体责任人。" in text
    assert "请填写完成时限：每一行都必须有完成时限。" in text
    assert not Checklist.objects.exists()


def test_adding_a_row_with_htmx_keeps_what_was_typed(login, township_dispatcher, people):
    response = login(township_dispatcher).post(
        url("checklist_row_forms"), row_post(people), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    text = body(response)
    assert text.startswith('<div id="row-forms">') and "<html" not in text
    assert 'name="rows-TOTAL_FORMS" value="2"' in text
    assert "巡查秸秆焚烧" in text and "第2行" in text
    assert not Checklist.objects.exists()


def test_adding_a_row_without_javascript_shows_the_page_again(login, township_dispatcher, people):
    response = login(township_dispatcher).post(url("checklist_create"), {**row_post(people), "add_row": "1"})
    assert response.status_code == 200 and 'name="rows-TOTAL_FORMS" value="2"' in body(response)
    assert not Checklist.objects.exists()


@pytest.mark.parametrize("persona", ["supervisor", "village_cadre", "outsider"])
def test_people_who_keep_no_checklists_cannot_open_the_create_page(login, request, persona, people):
    client = login(request.getfixturevalue(persona))
    assert client.get(url("checklist_create")).status_code == 403
    assert client.post(url("checklist_create"), row_post(people)).status_code == 403
    assert client.post(url("checklist_row_forms"), row_post(people)).status_code == 403
    assert not Checklist.objects.exists()


# --- changing ------------------------------------------------------------------------------------


def write_urls(checklist, row) -> list[tuple[str, dict]]:
    return [
        (url("checklist_edit", checklist.pk), {"title": "改", "source_title": "会", "year": "2025"}),
        (url("checklist_issue", checklist.pk), {}),
        (url("checklist_close", checklist.pk), {}),
        (url("row_create", checklist.pk), {}),
        (url("row_edit", row.pk), {}),
        (url("row_remove", row.pk), {}),
        (url("checklist_import", checklist.pk), {}),
    ]


def test_a_supervisor_gets_403_on_every_write(login, supervisor, make_checklist):
    checklist = make_checklist()
    client = login(supervisor)
    for address, data in write_urls(checklist, checklist.rows.get()):
        assert client.post(address, data).status_code == 403, address
    assert client.get(url("checklist_edit", checklist.pk)).status_code == 403
    assert client.get(url("row_create", checklist.pk)).status_code == 403
    checklist.refresh_from_db()
    assert checklist.status == ChecklistStatus.DRAFT and checklist.rows.count() == 1


def test_an_outsider_gets_404_on_every_write(login, outsider, make_checklist):
    checklist = make_checklist()
    client = login(outsider)
    for address, data in write_urls(checklist, checklist.rows.get()):
        assert client.post(address, data).status_code == 404, address
    for name in ("checklist_copy", "checklist_pdf", "checklist_xlsx"):
        assert client.get(url(name, checklist.pk)).status_code == 404, name
    assert client.get(url("row_progress", checklist.rows.get().pk)).status_code == 404


def test_the_owner_edits_the_header_issues_and_closes(login, township_dispatcher, make_checklist):
    checklist = make_checklist()
    client = login(township_dispatcher)
    assert client.get(url("checklist_edit", checklist.pk)).status_code == 200
    data = {"title": "新标题", "source_kind": "meeting", "source_title": "镇党委会", "year": "2025"}
    assert client.post(url("checklist_edit", checklist.pk), data).status_code == 302
    assert client.post(url("checklist_issue", checklist.pk)).status_code == 302
    checklist.refresh_from_db()
    assert checklist.title == "新标题" and checklist.status == ChecklistStatus.ACTIVE
    assert client.post(url("checklist_close", checklist.pk), {"note": "汛期结束"}).status_code == 302
    checklist.refresh_from_db()
    assert checklist.status == ChecklistStatus.CLOSED
    assert url("row_create", checklist.pk) not in body(client.get(url("checklist_detail", checklist.pk)))


def test_rows_are_added_edited_and_removed_on_the_page(login, township_dispatcher, make_checklist, people):
    checklist = make_checklist()
    client = login(township_dispatcher)
    fragment = client.get(url("row_create", checklist.pk), HTTP_HX_REQUEST="true")
    assert body(fragment).startswith("<form") and "<html" not in body(fragment)
    data = {k.removeprefix("rows-0-"): v for k, v in row_post(people).items() if k.startswith("rows-0-")}
    assert client.post(url("row_create", checklist.pk), data).status_code == 302
    added = checklist.rows.get(position=2)
    assert added.task == "巡查秸秆焚烧"
    edit_page = body(client.get(url("row_edit", added.pk)))
    assert "巡查秸秆焚烧" in edit_page
    assert client.post(url("row_edit", added.pk), {**data, "task": "巡查秸秆焚烧（全镇）"}).status_code == 302
    added.refresh_from_db()
    assert added.task == "巡查秸秆焚烧（全镇）"
    refused = client.post(url("row_edit", added.pk), {**data, "responsible": ""})
    assert refused.status_code == 400 and "请选择具体责任人" in body(refused)
    assert client.post(url("row_remove", added.pk)).status_code == 302
    assert checklist.rows.count() == 1


# --- progress and my rows --------------------------------------------------------------------------


def test_the_responsible_person_reports_progress_with_a_file(login, worker, active):
    row = active.rows.get()
    client = login(worker)
    page = body(client.get(url("row_progress", row.pk)))
    assert 'id="progress-form"' in page
    scan = SimpleUploadedFile("现场照片.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    response = client.post(url("row_progress", row.pk), {"percent": "60", "note": "已完成6处", "file": scan})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.progress == 60 and row.status == RowStatus.IN_PROGRESS
    update = RowUpdate.objects.get()
    page = body(client.get(url("row_progress", row.pk)))
    assert "已完成6处" in page and url("update_file", update.pk) in page
    download = client.get(url("update_file", update.pk))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"\x89PNG")


def test_a_bad_percent_is_refused_in_chinese(login, worker, active):
    response = login(worker).post(url("row_progress", active.rows.get().pk), {"percent": "120"})
    assert response.status_code == 400 and "进度不能超过100%" in body(response)


def test_only_the_responsible_person_may_report(
    login, leader, supervisor, outsider, township_dispatcher, active
):
    row = active.rows.get()
    for person in (leader, township_dispatcher, supervisor):
        client = login(person)
        assert client.get(url("row_progress", row.pk)).status_code == 200
        assert 'id="progress-form"' not in body(client.get(url("row_progress", row.pk)))
        assert client.post(url("row_progress", row.pk), {"percent": "50"}).status_code == 403
    assert login(outsider).post(url("row_progress", row.pk), {"percent": "50"}).status_code == 404
    assert not RowUpdate.objects.exists()


def test_a_report_file_is_not_served_to_an_outsider(login, worker, outsider, active):
    scan = SimpleUploadedFile("台账.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    update = actions.update_progress(user=worker, row=active.rows.get(), percent=10, file=scan)
    assert login(outsider).get(url("update_file", update.pk)).status_code == 404


def test_my_rows_lists_the_responsible_persons_and_the_leaders_rows_across_checklists(
    login, worker, leader, helper, make_checklist, row
):
    make_checklist(rows=[row(task="逾期的任务", deadline=in_days(-2))], issue=True)
    make_checklist(title="另一张清单", rows=[row(task="下周的任务", deadline=in_days(7))], issue=True)
    make_checklist(title="草稿清单", rows=[row(task="草稿里的任务")])
    text = body(login(worker).get(url("my_rows")))
    assert "逾期的任务" in text and "下周的任务" in text and "草稿里的任务" not in text
    assert "逾期2天" in text and "1项逾期" in text
    assert text.index("逾期的任务") < text.index("下周的任务")
    assert url("row_progress", ChecklistRow.objects.get(task="逾期的任务").pk) + "#progress-form" in text
    lead = body(login(leader).get(url("my_rows") + "?as=lead"))
    assert "逾期的任务" in lead and "下周的任务" in lead and "#progress-form" not in lead
    assert "逾期的任务" in body(login(helper).get(url("my_rows") + "?as=cooperating"))
    assert "逾期的任务" not in body(login(helper).get(url("my_rows")))


def test_my_rows_costs_the_same_queries_for_many_rows(
    login, worker, make_checklist, row, django_assert_max_num_queries
):
    client = login(worker)
    make_checklist(rows=[row()], issue=True)
    client.get(url("my_rows"))
    with django_assert_max_num_queries(12) as few:
        client.get(url("my_rows"))
    make_checklist(rows=[row(task=f"任务{n}") for n in range(25)], issue=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "任务24" in body(client.get(url("my_rows")))


# --- files: PDF, xlsx, import ------------------------------------------------------------------------


def test_the_pdf_and_xlsx_downloads(login, supervisor, active):
    client = login(supervisor)
    response = downloaded(client, url("checklist_pdf", active.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "开展汛前隐患排查" in text and "第 1 页 共 1 页" in text
    xlsx = downloaded(client, url("checklist_xlsx", active.pk))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_import_previews_then_imports_everything(login, township_dispatcher, make_checklist):
    checklist = make_checklist(rows=[])
    client = login(township_dispatcher)
    assert "工作任务" in body(client.get(url("checklist_import", checklist.pk)))
    preview = client.post(url("checklist_import", checklist.pk), {"file": workbook(good_rows())})
    text = body(preview)
    assert preview.status_code == 200 and 'id="commit-import"' in text and "储备防汛物资" in text
    assert not checklist.rows.exists()
    job = text.split('name="job" value="')[1].split('"')[0]
    done = client.post(url("checklist_import", checklist.pk), {"job": job})
    assert done.status_code == 302 and checklist.rows.count() == 3


def test_a_bad_file_shows_every_problem_and_imports_nothing(login, township_dispatcher, make_checklist):
    rows = good_rows()
    rows[0][6] = "张无名"
    checklist = make_checklist(rows=[])
    response = login(township_dispatcher).post(
        url("checklist_import", checklist.pk), {"file": workbook(rows)}
    )
    assert response.status_code == 400
    assert "第3行“具体责任人”列：甲镇范围内没有名为“张无名”的在岗人员。" in body(response)
    assert 'id="commit-import"' not in body(response) and not checklist.rows.exists()


def test_a_changed_preview_is_refused(login, township_dispatcher, make_checklist):
    checklist = make_checklist(rows=[])
    client = login(township_dispatcher)
    for forged in ("999999", "x", ""):  # no preview of this person's, of this checklist, checked clean
        response = client.post(url("checklist_import", checklist.pk), {"job": forged})
        assert response.status_code == 400 and "预览已过期或被改动" in body(response)
    assert not checklist.rows.exists()


def test_a_preview_of_another_checklist_or_with_errors_cannot_be_imported(
    login, township_dispatcher, make_checklist
):
    checklist, other = make_checklist(rows=[]), make_checklist(rows=[])
    client = login(township_dispatcher)
    bad = good_rows()
    bad[0][6] = "张无名"
    client.post(url("checklist_import", checklist.pk), {"file": workbook(bad)})
    client.post(url("checklist_import", other.pk), {"file": workbook(good_rows())})
    failed, clean = Job.objects.order_by("pk")
    for job, target in ((failed, checklist), (clean, checklist)):
        response = client.post(url("checklist_import", target.pk), {"job": str(job.pk)})
        assert response.status_code == 400 and "预览已过期或被改动" in body(response)
    assert not checklist.rows.exists() and not other.rows.exists()


def test_the_empty_template_downloads(login, township_dispatcher, supervisor):
    response = login(township_dispatcher).get(url("import_template"))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert login(supervisor).get(url("import_template")).status_code == 403


# --- copy ------------------------------------------------------------------------------------------


def test_the_copy_page_moves_the_dates_a_year_on(login, township_dispatcher, active):
    client = login(township_dispatcher)
    page = body(client.get(url("checklist_copy", active.pk)))
    assert 'value="2026年甲镇防汛抗旱任务清单"' in page
    response = client.post(
        url("checklist_copy", active.pk),
        {"title": "2026年甲镇防汛抗旱任务清单", "year": "2026", "years": "1", "days": "0"},
    )
    copy = Checklist.objects.get(title="2026年甲镇防汛抗旱任务清单")
    assert response.status_code == 302 and response["Location"] == url("checklist_detail", copy.pk)
    assert copy.rows.get().deadline == in_days(30).replace(year=in_days(30).year + 1)


def test_the_copy_page_asks_who_takes_over_from_a_person_who_left(
    login, township_dispatcher, active, worker, village_cadre
):
    worker.is_active = False
    worker.save()
    client = login(township_dispatcher)
    assert f'name="replace_{worker.pk}"' in body(client.get(url("checklist_copy", active.pk)))
    data = {"title": "副本", "year": "2026", "years": "1", "days": "0"}
    assert client.post(url("checklist_copy", active.pk), data).status_code == 400
    data[f"replace_{worker.pk}"] = str(village_cadre.pk)
    assert client.post(url("checklist_copy", active.pk), data).status_code == 302
    assert Checklist.objects.get(title="副本").rows.get().responsible == village_cadre


def test_a_supervisor_cannot_copy(login, supervisor, active):
    client = login(supervisor)
    assert client.get(url("checklist_copy", active.pk)).status_code == 403
    assert client.post(url("checklist_copy", active.pk), {"title": "x", "year": "2026"}).status_code == 403


def test_the_navigation_links_to_checklists(login, village_cadre):
    text = body(login(village_cadre).get(reverse("web:home")))
    assert url("checklist_list") in text and url("my_rows") in text


def test_cooperating_leaders_are_chosen_in_a_searchable_list_not_by_ctrl_click(
    login, township_dispatcher, make_checklist, people
):
    checklist = make_checklist()
    client = login(township_dispatcher)
    fragment = body(client.get(url("row_create", checklist.pk), HTTP_HX_REQUEST="true"))
    assert 'name="cooperating_leaders" data-picker="choices"' in fragment and "multiple" in fragment
    assert "Ctrl" not in fragment
    # the pickers' script comes with the checklist page the form is swapped into
    assert "web/picker.js" in body(client.get(url("checklist_detail", checklist.pk)))
    assert "web/picker.js" in body(client.get(url("row_create", checklist.pk)))
