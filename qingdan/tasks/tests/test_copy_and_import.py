"""Copying last year's checklist with its dates moved on; importing rows from .xlsx, all or nothing."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.orgs.choices import Role
from qingdan.tasks import actions
from qingdan.tasks.choices import ChecklistStatus, RowStatus
from qingdan.tasks.dates import parse_date, shift_date
from qingdan.tasks.models import ChecklistRow
from qingdan.testing import make_user, nothing_written

from .conftest import workbook

pytestmark = pytest.mark.django_db

D = datetime.date


# --- dates ---------------------------------------------------------------------------------------


def test_a_year_on_29_february_becomes_28_february():
    assert shift_date(D(2024, 2, 29), years=1) == D(2025, 2, 28)
    assert shift_date(D(2024, 2, 29), years=4) == D(2028, 2, 29)
    assert shift_date(D(2024, 6, 30), years=1) == D(2025, 6, 30)
    assert shift_date(D(2024, 12, 30), days=3) == D(2025, 1, 2)
    assert shift_date(D(2024, 2, 29), years=1, days=1) == D(2025, 3, 1)


@pytest.mark.parametrize(
    "text",
    [
        "2025-06-30",
        "2025/6/30",
        "2025.6.30",
        "2025年6月30日",
        "2025年6月30",
        "20250630",
        "2025-06-30 00:00:00",
    ],
)
def test_deadlines_are_read_as_people_write_them(text):
    assert parse_date(text) == D(2025, 6, 30)


@pytest.mark.parametrize("text", ["6月底前", "长期坚持", "2025-02-30", "汛期", "2025"])
def test_text_that_is_not_a_date_is_not_read_as_one(text):
    assert parse_date(text) is None


# --- copy ----------------------------------------------------------------------------------------


@pytest.fixture
def last_year(make_checklist, row, township_dispatcher):
    checklist = make_checklist(
        title="2024年甲镇防汛抗旱任务清单",
        year=2024,
        source_date=D(2024, 2, 29),
        source_number="甲政办发〔2024〕3号",
        rows=[
            row(task="汛前隐患排查", deadline=D(2024, 2, 29)),
            row(task="防汛物资储备", deadline=D(2024, 5, 31)),
        ],
        issue=True,
    )
    worker_row = checklist.rows.get(position=1)
    actions.update_progress(user=worker_row.responsible, row=worker_row, percent=100)
    return actions.close_checklist(user=township_dispatcher, checklist=checklist)


def test_last_years_checklist_is_copied_a_year_on(last_year, township_dispatcher, leader, helper, worker):
    copy = actions.copy_checklist(user=township_dispatcher, source=last_year, years=1)
    assert copy.title == "2025年甲镇防汛抗旱任务清单"
    assert copy.year == 2025 and copy.status == ChecklistStatus.DRAFT and copy.copied_from == last_year
    assert copy.source_date == D(2025, 2, 28) and copy.source_number == ""
    rows = list(copy.rows.order_by("position"))
    assert [(r.task, r.deadline) for r in rows] == [
        ("汛前隐患排查", D(2025, 2, 28)),
        ("防汛物资储备", D(2025, 5, 31)),
    ]
    assert all(r.progress == 0 and r.status == RowStatus.NOT_STARTED for r in rows)
    assert rows[0].lead_leader == leader and rows[0].responsible == worker
    assert list(rows[0].cooperating_leaders.all()) == [helper]
    assert last_year.rows.get(position=1).status == RowStatus.DONE  # the source is untouched
    assert AuditEvent.objects.get(action="tasks.copy_checklist").changes["rows"] == [None, 2]


def test_a_copy_can_move_dates_by_days_and_take_its_own_title(last_year, township_dispatcher):
    copy = actions.copy_checklist(
        user=township_dispatcher, source=last_year, years=0, days=14, year=2024, title="2024年秋汛任务清单"
    )
    assert copy.title == "2024年秋汛任务清单" and copy.year == 2024
    assert list(copy.rows.order_by("position").values_list("deadline", flat=True)) == [
        D(2024, 3, 14),
        D(2024, 6, 14),
    ]


def test_a_person_who_left_must_be_replaced_in_the_copy(
    last_year, township_dispatcher, worker, village_cadre
):
    worker.is_active = False
    worker.save()
    assert actions.departed(last_year, township_dispatcher.unit.division) == [worker]
    with nothing_written() as refused:
        actions.copy_checklist(user=township_dispatcher, source=last_year)
    assert "李明" in refused.value.message and "接替" in refused.value.message
    copy = actions.copy_checklist(
        user=township_dispatcher, source=last_year, replacements={worker.pk: village_cadre}
    )
    assert set(copy.rows.values_list("responsible", flat=True)) == {village_cadre.pk}


def test_someone_outside_the_township_cannot_take_over(last_year, township_dispatcher, worker, outsider):
    worker.is_active = False
    worker.save()
    with nothing_written():
        actions.copy_checklist(user=township_dispatcher, source=last_year, replacements={worker.pk: outsider})


def test_a_checklist_out_of_sight_cannot_be_copied(last_year, county, other_township):
    from qingdan.orgs.choices import UnitKind
    from qingdan.orgs.models import Unit

    unit = Unit.objects.create(
        name="乙乡党政办", kind=UnitKind.TOWNSHIP, division=other_township, county=county
    )
    other = make_user("yixiang", Role.TOWNSHIP_DISPATCHER, unit)
    with pytest.raises(PermissionDenied):
        actions.copy_checklist(user=other, source=last_year)


@pytest.mark.parametrize("years, days", [(11, 0), (0, 4000), (True, 0)])
def test_an_absurd_shift_is_refused(last_year, township_dispatcher, years, days):
    with nothing_written():
        actions.copy_checklist(user=township_dispatcher, source=last_year, years=years, days=days)


# --- import --------------------------------------------------------------------------------------


def good_rows():
    return [
        [
            "1",
            "防汛准备",
            "汛前隐患排查",
            "逐一排查河道堤防",
            "王书记",
            "赵镇长",
            "李明",
            D(2025, 4, 30),
            "镇防汛办",
        ],
        ["2", None, "修订应急预案", "修订镇村两级预案", "王书记", "", "李明", "2025年5月15日", "镇长"],
        [
            "3",
            "物资保障",
            "储备防汛物资",
            "编织袋、救生衣",
            "赵镇长",
            "王书记、jiazhen",
            "李明",
            "2025/5/31",
            "",
        ],
    ]


def test_a_good_file_adds_every_row_with_people_matched_by_name(
    make_checklist, township_dispatcher, leader, helper, worker
):
    checklist = make_checklist(rows=[])
    preview = actions.preview_import(
        user=township_dispatcher, checklist=checklist, file=workbook(good_rows())
    )
    assert len(preview.rows) == 3 and not checklist.rows.exists()  # a preview writes nothing
    actions.import_rows(user=township_dispatcher, checklist=checklist, raw_rows=preview.raw)
    rows = list(checklist.rows.order_by("position"))
    assert [r.area for r in rows] == ["防汛准备", "防汛准备", "物资保障"]  # 工作方面 carries down
    assert [r.deadline for r in rows] == [D(2025, 4, 30), D(2025, 5, 15), D(2025, 5, 31)]
    assert rows[0].lead_leader == leader and rows[0].responsible == worker
    assert {p.username for p in rows[2].cooperating_leaders.all()} == {"wangshuji", "jiazhen"}
    assert AuditEvent.objects.get(action="tasks.import_rows").changes == {"rows": [None, 3]}


def test_merged_area_cells_hold_for_every_row_they_span(make_checklist, township_dispatcher):
    rows = good_rows()
    rows[1][1] = None
    checklist = make_checklist(rows=[])
    actions.import_rows(
        user=township_dispatcher,
        checklist=checklist,
        file=workbook(rows, merge=[(0, 1, 1)]),
        name="清单.xlsx",
    )
    assert list(checklist.rows.order_by("position").values_list("area", flat=True)) == [
        "防汛准备",
        "防汛准备",
        "物资保障",
    ]


def test_imported_rows_follow_the_rows_already_there(make_checklist, township_dispatcher):
    checklist = make_checklist()
    actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(good_rows()))
    assert list(checklist.rows.values_list("position", flat=True).order_by("position")) == [1, 2, 3, 4]


def test_an_unknown_name_refuses_the_file_naming_row_and_column(make_checklist, township_dispatcher):
    rows = good_rows()
    rows[1][6] = "张无名"
    checklist = make_checklist(rows=[])
    with nothing_written() as refused:
        actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(rows))
    assert refused.value.problems == ["第4行“具体责任人”列：甲镇范围内没有名为“张无名”的在岗人员。"]


def test_one_bad_row_among_good_ones_adds_nothing(make_checklist, township_dispatcher):
    rows = good_rows()
    rows[2][7] = "5月底前"
    rows[0][6] = ""
    checklist = make_checklist(rows=[])
    with nothing_written() as refused:
        actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(rows))
    assert refused.value.problems == [
        "第5行“完成时限”列：“5月底前”不是日期，请写成2025-06-30的格式。",
        "第3行没有具体责任人：每一行都必须写明具体责任人。",
    ]
    assert not ChecklistRow.objects.filter(checklist=checklist).exists()


def test_two_people_of_the_same_name_are_told_apart_by_unit(
    make_checklist, township_dispatcher, village_cadre
):
    make_user("liming2", Role.VILLAGE_CADRE, village_cadre.unit, full_name="李明")
    checklist = make_checklist(rows=[])
    with nothing_written() as refused:
        actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(good_rows()[:1]))
    assert "有2人名为“李明”" in refused.value.problems[0] and "姓名（单位）" in refused.value.problems[0]

    make_user("liming3", Role.VILLAGE_CADRE, township_dispatcher.unit, full_name="李明")
    rows = good_rows()[:1]
    rows[0][6] = "李明（甲镇党政办）"
    actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(rows))
    assert checklist.rows.get().responsible.username == "liming3"


def test_a_person_outside_the_township_is_unknown_to_the_import(
    make_checklist, township_dispatcher, outsider
):
    rows = good_rows()[:1]
    rows[0][6] = outsider.full_name
    checklist = make_checklist(rows=[])
    with nothing_written() as refused:
        actions.import_rows(user=township_dispatcher, checklist=checklist, file=workbook(rows))
    assert "没有名为“yicun”" in refused.value.problems[0]


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("清单.xlsx", b"not a workbook"), "不是有效的 .xlsx"),
        (SimpleUploadedFile("清单.docx", b"PK\x03\x04"), "不是 Excel 工作簿"),
        (workbook([["1", "方面", "任务"]], header=["序号", "工作方面", "工作内容"]), "没有找到表头"),
        (
            workbook([["1", "任务", "李明"]], header=["序号", "工作任务", "具体责任人"]),
            "表头缺少 “完成时限” 列",
        ),
        (workbook([]), "下面没有任何任务"),
    ],
    ids=["garbage", "wrong-extension", "no-header", "missing-column", "empty"],
)
def test_a_malformed_file_changes_nothing(make_checklist, township_dispatcher, upload, message):
    checklist = make_checklist(rows=[])
    with nothing_written() as refused:
        actions.import_rows(user=township_dispatcher, checklist=checklist, file=upload, name=upload.name)
    assert message in refused.value.message


def test_only_the_checklists_unit_imports(make_checklist, supervisor, catalog_office):
    checklist = make_checklist(rows=[])
    for person in (supervisor, catalog_office):
        with pytest.raises(PermissionDenied):
            actions.preview_import(user=person, checklist=checklist, file=workbook(good_rows()))


def test_a_closed_checklist_takes_no_import(active, township_dispatcher):
    actions.close_checklist(user=township_dispatcher, checklist=active)
    active.refresh_from_db()
    with pytest.raises(ActionRefused, match="已关闭"):
        actions.preview_import(user=township_dispatcher, checklist=active, file=workbook(good_rows()))
