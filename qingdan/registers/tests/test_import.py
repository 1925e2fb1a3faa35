"""Bulk import of the registers: preview with row-level Chinese errors, all or nothing, progress."""

import datetime
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from qingdan.audit.models import AuditEvent
from qingdan.errors import ActionRefused
from qingdan.registers import actions as registers
from qingdan.registers import importer, personal
from qingdan.registers import queries as register_queries
from qingdan.registers.models import Resident, ResidentFact, VillageFact
from qingdan.testing import id_number

from .registers_helpers import people, tsv, wrong_check_digit, xlsx

TODAY = datetime.date(2026, 6, 1)


def read(data, name="花名册.tsv", **kwargs):
    kwargs.setdefault("today", TODAY)
    return importer.read_residents(data, name, **kwargs)


def errors(result) -> list[str]:
    return [str(problem) for problem in result.errors]


def test_a_good_file_previews_then_imports_everyone_encrypted(village_cadre, village):
    result = read(tsv(people(5)), village=village)
    assert result.ok and (result.new, result.updated) == (5, 0)
    assert [row.id_masked for row in result.preview(2)] == [personal.mask_id(id_number(n)) for n in (1, 2)]
    assert id_number(1) not in repr(result.rows[0])
    counts = importer.import_residents(
        user=village_cadre, village_or_township=village, rows=result.rows, filename="花名册.tsv"
    )
    assert (counts.created, counts.updated) == (5, 0)
    stored = Resident.objects.get(id_hash=personal.lookup_hash(id_number(4)))
    assert (stored.name, stored.household, stored.tags, stored.phone_masked) == (
        "测试4",
        "H001",
        "低保",
        "138****0004",
    )
    assert personal.decrypt(stored.id_cipher) == id_number(4)
    assert personal.decrypt(stored.phone_cipher) == "13800000004"
    event = AuditEvent.objects.get(action="forms.import_residents")
    assert event.changes["created"] == [None, 5] and event.division == village


def test_the_same_file_again_updates_the_people_instead_of_adding_them(village_cadre, village):
    importer.import_residents(
        user=village_cadre, village_or_township=village, rows=read(tsv(people(3)), village=village).rows
    )
    rows = people(3)
    rows[0][0] = "测试一"
    result = read(tsv(rows), village=village)
    assert (result.new, result.updated) == (0, 3)
    counts = importer.import_residents(user=village_cadre, village_or_township=village, rows=result.rows)
    assert (counts.created, counts.updated, Resident.objects.count()) == (0, 3, 3)
    assert Resident.objects.get(id_hash=personal.lookup_hash(id_number(1))).name == "测试一"


def test_attribute_columns_become_history_as_of_the_file_date(village_cadre, village, register_elements):
    header = ["姓名", "身份证号", "是否低保", "出生日期", "数据日期"]
    rows = [["甲", id_number(1), "是", "1990-01-01", "2025-12-31"], ["乙", id_number(2), "", "1990/1/1", ""]]
    result = read(tsv(rows, header), village=village)
    assert result.ok, errors(result)
    assert [e.name for e in result.elements] == ["是否低保", "出生日期"]
    counts = importer.import_residents(user=village_cadre, village_or_township=village, rows=result.rows)
    assert counts.attributes == 3
    facts = {(f.resident.name, f.element.name): (f.value, f.as_of) for f in ResidentFact.objects.all()}
    assert facts == {
        ("甲", "是否低保"): ("是", datetime.date(2025, 12, 31)),
        ("甲", "出生日期"): ("1990-01-01", datetime.date(2025, 12, 31)),
        ("乙", "出生日期"): ("1990-01-01", TODAY),
    }


def test_bad_rows_are_listed_in_chinese_and_nothing_is_saved(village_cadre, village, register_elements):
    header = ["姓名", "身份证号", "联系电话", "出生日期", "月收入"]
    rows = [
        ["好人", id_number(1), "13800000001", "1990-01-01", "800"],
        ["校验错", wrong_check_digit(id_number(2)), "", "", ""],
        ["少一位", id_number(3)[:17], "", "", ""],
        ["有字母", "4201021990010100AB", "", "", ""],
        ["", id_number(4), "", "", ""],
        ["重复", id_number(1), "", "", ""],
        ["类型错", id_number(5), "", "", "八百"],
        ["未来", id_number(6), "", "2099-01-01", ""],
        ["电话错", id_number(7), "12345", "", ""],
    ]
    result = read(tsv(rows, header), village=village)
    assert not result.ok and result.rows == []
    assert errors(result) == [
        f"第3行「身份证号」：身份证号校验码不正确，请逐位核对。（{personal.mask_id(wrong_check_digit(id_number(2)))}）",
        f"第4行「身份证号」：身份证号应为18位，这里是17位。（{personal.mask_id(id_number(3)[:17])}）",
        "第5行「身份证号」：身份证号只能由数字组成，最后一位可以是X。（420102********00AB）",
        "第6行「姓名」：未填写姓名。",
        f"第7行「身份证号」：同一身份证号已在第2行出现（{personal.mask_id(id_number(1))}）。",
        "第8行「月收入」：「八百」不是数字。",
        "第9行「出生日期」：2099-01-01 是将来的日期，这一项不能晚于今天（2026-06-01）。",
        "第10行「联系电话」：电话号码无效：请填写11位手机号，或带区号的固定电话。",
    ]
    with pytest.raises(ActionRefused):
        importer.import_residents(user=village_cadre, village_or_township=village, rows=result.rows)
    assert not Resident.objects.exists() and not ResidentFact.objects.exists()


def test_a_person_registered_in_another_village_stops_the_whole_import(
    resident, township_dispatcher, community
):
    rows = [*people(3, start=5), ["张三", id_number(1), "", "", ""]]
    result = read(tsv(rows), village=community)
    assert errors(result) == [
        f"第5行「身份证号」：该身份证号已在本县（市、区）其他村（社区）登记，不能重复登记。（{resident.id_masked}）"
    ]
    assert Resident.objects.count() == 1


def test_rows_read_before_someone_else_registered_a_person_are_refused_whole(
    village_cadre, township_dispatcher, village, community
):
    result = read(tsv(people(3)), village=community)
    registers.upsert_resident(user=village_cadre, village=village, name="抢先", id_number=id_number(2))
    with pytest.raises(ActionRefused) as refused:
        importer.import_residents(user=township_dispatcher, village_or_township=community, rows=result.rows)
    assert refused.value.message == "有1人已在其他村（社区）登记。"
    assert [p.row for p in refused.value.problems] == [3]
    assert Resident.objects.filter(village=community).count() == 0


def test_a_township_imports_its_villages_by_code_and_codes_elsewhere_are_refused(
    township_dispatcher, township, village, community, other_village
):
    header = ["村(社区)代码", "姓名", "身份证号"]
    rows = [[village.code, "甲", id_number(1)], [community.code, "乙", id_number(2)]]
    result = read(tsv(rows, header), within=township)
    assert result.ok, errors(result)
    importer.import_residents(user=township_dispatcher, village_or_township=township, rows=result.rows)
    assert dict(Resident.objects.values_list("name", "village__code")) == {
        "甲": village.code,
        "乙": community.code,
    }

    bad = read(
        tsv([[other_village.code, "丙", id_number(3)], ["123", "丁", id_number(4)]], header), within=township
    )
    assert errors(bad) == [
        f"第2行「村(社区)代码」：乙村（{other_village.code}）不在甲镇范围内。",
        "第3行「村(社区)代码」：「123」不是村或社区的代码。",
    ]


def test_rows_of_a_village_outside_the_importers_division_are_refused(
    township_dispatcher, village, community
):
    result = read(tsv(people(2)), village=community)
    with pytest.raises(ActionRefused, match="不在甲村范围内"):
        importer.import_residents(user=township_dispatcher, village_or_township=village, rows=result.rows)


@pytest.mark.parametrize("persona", ["outsider", "supervisor", "dept_clerk"])
def test_only_the_registers_keepers_in_scope_import(request, village, persona):
    result = read(tsv(people(2)), village=village)
    with pytest.raises(PermissionDenied):
        importer.import_residents(
            user=request.getfixturevalue(persona), village_or_township=village, rows=result.rows
        )
    assert not Resident.objects.exists()


def test_a_missing_column_is_named(village):
    result = read(tsv([["甲"]], ["姓名", "户号"]), village=village)
    assert errors(result) == ["第1行「身份证号」：缺少必填列「身份证号」。居民花名册须包含：姓名、身份证号。"]


@override_settings(QINGDAN_MAX_IMPORT_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(village):
    assert importer.size_problem(200 * 1024 * 1024) == (
        "文件大小为 200.0 MB，超过了 1000 B 的导入上限，没有读取。请拆分成几个文件后分批导入。"
    )
    assert importer.size_problem(1000) is None
    result = read(tsv(people(40)), village=village)
    assert errors(result) == [importer.size_problem(len(tsv(people(40))))]
    assert not Resident.objects.exists()


def test_the_default_limit_refuses_200_megabytes():
    assert importer.max_import_bytes() == importer.MAX_IMPORT_BYTES < 200 * 1024 * 1024
    assert "200.0 MB" in importer.size_problem(200 * 1024 * 1024)


def test_a_half_broken_workbook_is_refused_in_chinese(village):
    whole = xlsx(people(30))
    assert read(whole, "花名册.xlsx", village=village).ok
    result = read(whole[: len(whole) // 2], "花名册.xlsx", village=village)
    assert errors(result) == ["文件已损坏或不完整，无法作为 .xlsx 工作簿打开。请重新保存或重新下载后再导入。"]


def test_other_file_kinds_and_encodings_are_explained(village):
    assert "两者都不是" in errors(read(b"x", "花名册.doc", village=village))[0]
    gbk = "姓名\t身份证号\n张三\t1\n".encode("gb18030")
    assert "GB18030" in errors(read(gbk, village=village))[0]
    assert errors(read(b"", village=village)) == ["文件是空的，没有读到任何内容。"]


def test_progress_is_reported_while_reading_and_saving(village_cadre, village, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 10)
    monkeypatch.setattr(importer, "BATCH", 10)
    seen = []
    result = read(tsv(people(45)), village=village, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (10, 46) and seen[-1] == (46, 46) and len(seen) == 5
    saved = []
    importer.import_residents(
        user=village_cadre,
        village_or_township=village,
        rows=result.rows,
        progress=lambda d, t: saved.append((d, t)),
    )
    assert saved[0] == (10, 45) and saved[-1] == (45, 45)
    assert [done for done, _total in saved] == sorted(done for done, _total in saved)


def test_the_village_profile_imports_figures_per_village_as_history(
    township_dispatcher, township, village, community, register_elements
):
    header = ["村(社区)代码", "村(社区)名称", "户籍人口", "面积", "村庄类型", "数据日期"]
    rows = [
        [village.code, "甲村", "1200", "12.5", "集聚提升类", "2025-12-31"],
        [village.code, "甲村", "1230", "", "", "2026-05-31"],
        [community.code, "甲社区", "5000", "1.2", "城郊融合类", ""],
    ]
    result = importer.read_village_facts(tsv(rows, header), "村情.tsv", within=township, today=TODAY)
    assert result.ok, errors(result)
    assert (
        importer.import_village_facts(
            user=township_dispatcher, village_or_township=township, rows=result.rows
        )
        == 7
    )
    current = register_queries.current_village_facts(village)
    assert (
        current[register_elements["户籍人口"].pk].value == "1230"
        and current[register_elements["面积"].pk].value == "12.5"
    )
    assert VillageFact.objects.filter(village=village, element=register_elements["户籍人口"]).count() == 2


def test_bad_village_figures_are_listed_and_nothing_is_saved(
    township_dispatcher, township, village, register_elements
):
    header = ["村(社区)代码", "户籍人口", "村庄类型", "数据日期"]
    rows = [[village.code, "很多", "城中村", "2099-01-01"]]
    result = importer.read_village_facts(tsv(rows, header), "村情.tsv", within=township, today=TODAY)
    assert errors(result) == [
        "第2行「数据日期」：「2099-01-01」晚于今天。",
        "第2行「户籍人口」：「很多」不是数字。",
        "第2行「村庄类型」：「城中村」不是可选项之一：集聚提升类、城郊融合类。",
    ]
    assert result.rows == [] and not VillageFact.objects.exists()


def test_no_clear_id_number_or_phone_reaches_the_logs_or_the_trail(
    village_cadre, village, caplog, register_elements
):
    number, phone = id_number(1), "13800000001"
    bad = read(tsv([["坏", wrong_check_digit(id_number(2)), "", "", ""]]), village=village)
    with (
        caplog.at_level(logging.DEBUG),
        caplog.at_level(logging.DEBUG, logger="django.db.backends"),
        CaptureQueriesContext(connection) as queries,
    ):
        result = read(tsv(people(3)), village=village)
        importer.import_residents(
            user=village_cadre, village_or_township=village, rows=result.rows, filename="x.tsv"
        )
        resident = Resident.objects.get(id_hash=personal.lookup_hash(number))
        personal.reveal_resident(
            user=village_cadre, resident=resident, field="id_number", reason=f"核对 {number}"
        )
        personal.reveal_resident(user=village_cadre, resident=resident, field="phone", reason=f"回访 {phone}")
    logged = caplog.text + " ".join(q["sql"] for q in queries.captured_queries)
    # The SQL was logged with its parameters: the keyed hash went to the database, the clear number did not.
    assert personal.lookup_hash(number) in caplog.text
    trail = " ".join(f"{e.object_repr} {e.changes} {e.note}" for e in AuditEvent.objects.all())
    assert "forms.reveal_personal" in " ".join(AuditEvent.objects.values_list("action", flat=True))
    for clear in (number, phone, wrong_check_digit(id_number(2))):
        assert clear not in logged and clear not in trail
    assert wrong_check_digit(id_number(2)) not in " ".join(errors(bad))


def test_a_large_import_on_sqlite_gives_the_connection_its_page_cache_back(village_cadre, village):
    if connection.vendor != "sqlite":
        pytest.skip("a SQLite setting")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        seen = []

        def progress(done, total):
            cursor.execute("PRAGMA cache_size")
            seen.append(cursor.fetchone()[0])

        result = read(tsv(people(3)), village=village)
        importer.import_residents(
            user=village_cadre, village_or_township=village, rows=result.rows, progress=progress
        )
        cursor.execute("PRAGMA cache_size")
        assert seen[-1] == -importer.SQLITE_IMPORT_CACHE_KIB and cursor.fetchone()[0] == before


def test_the_same_person_twice_in_the_rows_is_refused_by_the_database_and_nothing_is_saved(
    village_cadre, village
):
    rows = read(tsv(people(3)), village=village).rows
    twice = rows + read(tsv(people(1)), village=village).rows
    with pytest.raises(ActionRefused) as refused:
        importer.import_residents(user=village_cadre, village_or_township=village, rows=twice)
    assert refused.value.message == "导入期间有人登记了其中部分居民，请重新读取文件。"
    assert (
        not Resident.objects.exists()
        and not AuditEvent.objects.filter(action="forms.import_residents").exists()
    )


@pytest.mark.parametrize("count", [5, 12])
def test_known_people_are_found_by_hash_in_small_and_large_files(village_cadre, village, monkeypatch, count):
    monkeypatch.setattr(importer, "LOOKUP_CHUNK", 1)  # 5 rows: five lookups by hash; 12: the whole county
    importer.import_residents(
        user=village_cadre, village_or_township=village, rows=read(tsv(people(2)), village=village).rows
    )
    result = read(tsv(people(count)), village=village)
    assert (result.new, result.updated) == (count - 2, 2)
    counts = importer.import_residents(user=village_cadre, village_or_township=village, rows=result.rows)
    assert (counts.created, counts.updated, Resident.objects.count()) == (count - 2, 2, count)
