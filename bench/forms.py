"""Benchmarks of one set of forms (一套表): one JSON object per line,
{"name": …, "value": …, "unit": …, "limit": …} (plus "ratio" where a floor is measured beside it).

    .venv/bin/python bench/forms.py                       every figure, each in a process of its own
    .venv/bin/python bench/forms.py import_1m_sqlite_s    one figure (--rows N for a smaller run)

import_1m_sqlite_s, import_1m_postgres_s
    1,000,000 generated residents of 400 villages (valid ID numbers, mobiles, households, tags) written
    to a .tsv, then read with importer.read_residents and saved with importer.import_residents by the
    county's catalog office into a fresh database: a temporary SQLite file with the app's own settings,
    or a temporary PostgreSQL database (created on $BENCH_POSTGRES_URL, default
    postgres://postgres@127.0.0.1:5432/test, and dropped afterwards). The floor, measured in the same
    run on the same empty table, is a plain executemany (SQLite) or COPY (PostgreSQL) of the same rows
    with their ciphers, hashes and masks already computed; "ratio" = ours / floor.

prefill_p99_ms
    a 50-field form (30 fields held in the residents register, each value with an older one as history)
    with one row per resident of a village of 5,000 residents, pre-filled as the village opens it: a page
    of 50 rows (pages drawn at random, the last included) by prefill.prefill: p99 of 200 calls.
    The same run also prints, without limits:
    prefill_tagged_p99_ms     the form over the village's 250 低保 residents (five pages), page 1
    fill_page_p99_ms          what the fill page computes for a draft of the 5,000-row form with 500
                              values typed: submissions.filled for a random page and submissions.progress
                              (counts over the whole form)
    prefill_every_row_ms      every row at once (150,000 values), as submitting does: median of 5 calls
    submit_every_row_s        submitting that draft: 150,000 values kept as sent, once
overlap_s
    overlap.analyse of a new 50-field form against 1,000 approved forms of 30 fields each.

Each figure is a function taking the parsed arguments and returning its JSON object; FIGURES lists them
in the order main() runs them. A figure sets Django up itself with django_on(database_url).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
IMPORT_ROWS = 1_000_000
IMPORT_LIMIT_S = 60
TOWNSHIPS, VILLAGES_PER_TOWNSHIP = 20, 20


# --- setting Django up on a throw-away database --------------------------------------------------


def django_on(database_url: str, var_dir: str) -> None:
    """Configure Django with the app's own settings on `database_url`, and migrate it."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["QINGDAN_VAR_DIR"] = var_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "qingdan.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


@contextlib.contextmanager
def temp_sqlite() -> Iterator[tuple[str, str]]:
    """(database URL, scratch folder) of a new SQLite file, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="qingdan-bench-") as folder:
        yield f"sqlite:///{folder}/bench.sqlite3", folder


@contextlib.contextmanager
def temp_postgres() -> Iterator[tuple[str, str]]:
    """(database URL, scratch folder) of a new PostgreSQL database, dropped afterwards."""
    import psycopg

    name = f"qingdan_bench_forms_{os.getpid()}"
    base, _slash, _db = POSTGRES_URL.rpartition("/")
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="qingdan-bench-") as folder:
            yield f"{base}/{name}", folder
    finally:
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the generated county ------------------------------------------------------------------------


def make_county():
    """A county of TOWNSHIPS × VILLAGES_PER_TOWNSHIP villages and its catalog office."""
    from qingdan.orgs.choices import DivisionKind, Level, Role, UnitKind
    from qingdan.orgs.models import Division, Unit, User

    city = Division.objects.create(
        code="429900000000", name="基准市", level=Level.CITY, kind=DivisionKind.CITY
    )
    county = Division.objects.create(
        code="429901000000", name="基准县", level=Level.COUNTY, kind=DivisionKind.COUNTY, parent=city
    )
    county.county = county
    county.save()
    villages = []
    for t in range(1, TOWNSHIPS + 1):
        township = Division.objects.create(
            code=f"429901{t:03d}000",
            name=f"第{t}镇",
            level=Level.TOWNSHIP,
            kind=DivisionKind.ZHEN,
            parent=county,
            county=county,
        )
        villages += Division.objects.bulk_create(
            Division(
                code=f"429901{t:03d}{200 + v:03d}",
                name=f"第{t}镇第{v}村",
                level=Level.VILLAGE,
                kind=DivisionKind.VILLAGE,
                parent=township,
                county=county,
            )
            for v in range(1, VILLAGES_PER_TOWNSHIP + 1)
        )
    office = Unit.objects.create(name="县委编办", kind=UnitKind.OFFICE, division=county, county=county)
    user = User.objects.create(username="bianban", full_name="编办", role=Role.CATALOG_OFFICE, unit=office)
    return county, sorted(v.code for v in villages), user


FAMILY = "张刘王陈李杨黄周吴徐胡朱何郭罗宋谢唐冯程曹袁邓彭余汪田熊甘舒贺柯阮童钱潘丁万"
GIVEN = "国建志明伟强军华平文超勇杰涛斌辉刚健峰磊秀英桂兰芳丽娟敏静霞燕红玲梅琴萍莉凤"
TAGS = ("", "", "", "", "", "", "低保", "", "残疾", "", "", "独居老人", "", "五保", "", "脱贫户")


def residents_tsv(path: Path, count: int, village_codes: list[str]) -> None:
    """`count` residents, always the same: distinct valid ID numbers (birth dates spread over 1930–2024,
    the area code of 咸安 in use in each birth year), 11-digit mobiles, three to a household."""
    from qingdan.demo.registers import area_for, id_number_for

    first = datetime.date(1930, 1, 1)
    days = (datetime.date(2024, 12, 31) - first).days
    per_village = -(-count // len(village_codes))
    with path.open("w", encoding="utf-8") as out:
        out.write("村(社区)代码\t姓名\t身份证号\t户号\t联系电话\t标签\n")
        for n in range(count):
            birth = first + datetime.timedelta(days=(n * 7919) % days)
            number = id_number_for(area_for(birth.year), birth, n // days + 1)
            name = FAMILY[n % len(FAMILY)] + GIVEN[(n // 7) % len(GIVEN)] + GIVEN[(n // 53) % len(GIVEN)]
            cells = (
                village_codes[n // per_village],
                name,
                number,
                f"H{n // 3:07d}",
                f"13{n:09d}",
                TAGS[n % 16],
            )
            out.write("\t".join(cells) + "\n")


# --- the import figures --------------------------------------------------------------------------


def _floor_rows(rows, county_id: int) -> list[tuple]:
    """The rows as the database stores them, computed before the floor's clock starts."""
    from django.db import connection
    from django.utils import timezone

    from qingdan.registers import personal

    now = connection.ops.adapt_datetimefield_value(timezone.now())
    ids = personal.encrypt_many([row.id_number for row in rows])
    phones = personal.encrypt_many([row.phone or "" for row in rows])
    return [
        (
            row.village_id,
            county_id,
            row.name,
            cipher,
            row.id_hash,
            personal.mask_id(row.id_number),
            phone,
            personal.mask_phone(row.phone or ""),
            row.household or "",
            row.tags or "",
            True,
            now,
        )
        for row, cipher, phone in zip(rows, ids, phones, strict=True)
    ]


COLUMNS = (
    "village_id", "county_id", "name", "id_cipher", "id_hash", "id_masked", "phone_cipher", "phone_masked",
    "household", "tags", "is_active", "updated_at",
)  # fmt: skip


def plain_insert(values: list[tuple]) -> float:
    """The floor: the precomputed rows into forms_resident with nothing but executemany or COPY, on the
    same connection settings as the importer (on SQLite, its larger page cache during imports)."""
    from django.db import connection, transaction

    from qingdan.registers.importer import large_page_cache

    columns = ", ".join(COLUMNS)
    started = time.perf_counter()
    with transaction.atomic(), large_page_cache(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY forms_resident ({columns}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(COLUMNS))
            cursor.executemany(f"INSERT INTO forms_resident ({columns}) VALUES ({placeholders})", values)
    return time.perf_counter() - started


def _empty_residents() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE forms_resident CASCADE")
        else:
            cursor.execute("DELETE FROM forms_resident")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM")


def measure_import(name: str, database: Callable, count: int) -> dict:
    with database() as (url, folder):
        django_on(url, folder)
        from qingdan.registers import importer
        from qingdan.registers.models import Resident

        county, codes, user = make_county()
        path = Path(folder) / "residents.tsv"
        residents_tsv(path, count, codes)

        # The floor first, on the empty table; then the table emptied again for ours.
        read = importer.read_residents(path.read_bytes(), path.name, within=county)
        assert read.ok, [str(p) for p in read.errors[:5]]
        values = _floor_rows(read.rows, county.pk)
        del read
        floor = plain_insert(values)
        assert Resident.objects.count() == count
        del values
        _empty_residents()
        gc.collect()

        started = time.perf_counter()
        read = importer.read_residents(path.read_bytes(), path.name, within=county)
        counts = importer.import_residents(
            user=user, village_or_township=county, rows=read.rows, filename=path.name
        )
        ours = time.perf_counter() - started
        assert read.ok and counts.created == count and Resident.objects.count() == count
        from django.db import connections

        connections.close_all()
    return {
        "name": name,
        "value": round(ours, 2),
        "unit": "s",
        "limit": IMPORT_LIMIT_S,
        "ratio": round(ours / floor, 2),
        "floor": round(floor, 2),
        "rows": count,
    }


def import_1m_sqlite_s(args) -> dict:
    return measure_import("import_1m_sqlite_s", temp_sqlite, args.rows)


def import_1m_postgres_s(args) -> dict:
    return measure_import("import_1m_postgres_s", temp_postgres, args.rows)


# --- the pre-filling and overlap figures ---------------------------------------------------------

PREFILL_RESIDENTS, PREFILL_FIELDS, PREFILL_HELD, PREFILL_RUNS = 5_000, 50, 30, 200
PREFILL_LIMIT_MS = 50
OVERLAP_FORMS, OVERLAP_FIELDS, OVERLAP_LIMIT_S = 1_000, 50, 1


def _elements(county, count: int, held: int, register: str) -> list:
    """`count` approved elements of mixed kinds; the first `held` kept in `register`, the rest in none."""
    from qingdan.forms.choices import ElementKind, ElementStatus
    from qingdan.forms.models import DataElement

    kinds = [ElementKind.TEXT, ElementKind.NUMBER, ElementKind.DATE, ElementKind.INTEGER]
    return DataElement.objects.bulk_create(
        DataElement(
            county=county,
            code=f"B{n:04d}",
            name=f"基准数据元素{n}",
            kind=kinds[n % len(kinds)],
            status=ElementStatus.APPROVED,
            register=register if n < held else "",
        )
        for n in range(count)
    )


def _department(county):
    from qingdan.orgs.choices import Role, UnitKind
    from qingdan.orgs.models import Unit, User

    unit = Unit.objects.create(name="县农业农村局", kind=UnitKind.DEPARTMENT, division=county, county=county)
    return unit, User.objects.create(username="nongye", role=Role.DEPT_CLERK, unit=unit)


def _approved_form(county, department, clerk, elements, villages, **fields):
    from qingdan.forms.choices import FormStatus, Frequency
    from qingdan.forms.models import FormField, FormRequest

    form = FormRequest.objects.create(
        county=county,
        department=department,
        created_by=clerk,
        title=fields.pop("title", "基准表"),
        purpose="基准测试",
        frequency=fields.pop("frequency", Frequency.YEARLY),
        deadline=datetime.date(2099, 12, 31),
        status=fields.pop("status", FormStatus.APPROVED),
        **fields,
    )
    FormField.objects.bulk_create(
        FormField(form=form, element=element, position=n) for n, element in enumerate(elements, start=1)
    )
    form.targets.set(villages)
    return form


def _prefill_village(count: int):
    """One village of `count` residents (every 20th tagged 低保) with a 50-element dictionary, 30 of them
    held in the residents register: every resident has a value of each, with one older value as history."""
    from qingdan.forms.choices import Register, ValueSource
    from qingdan.orgs.models import Division
    from qingdan.registers import personal
    from qingdan.registers.models import Resident, ResidentFact

    county, codes, _user = make_county()
    village = Division.objects.get(code=codes[0])
    elements = _elements(county, PREFILL_FIELDS, PREFILL_HELD, Register.RESIDENTS)
    hash_one = personal.lookup_hasher()
    numbers = [f"4201021990{n:07d}X"[:18] for n in range(count)]  # not checked here: set-up only
    ciphers = personal.encrypt_many(numbers)
    residents = Resident.objects.bulk_create(
        (
            Resident(
                village=village,
                county=county,
                name=f"{FAMILY[n % len(FAMILY)]}{GIVEN[n % len(GIVEN)]}",
                id_cipher=cipher,
                id_hash=hash_one(number),
                id_masked=personal.mask_id(number),
                household=f"H{n // 3:05d}",
                tags="低保" if n % 20 == 0 else TAGS[n % 16].replace("低保", ""),
            )
            for n, (number, cipher) in enumerate(zip(numbers, ciphers, strict=True))
        ),
        batch_size=2_000,
    )
    held = [e for e in elements if e.register]
    history = (datetime.date(2024, 12, 31), datetime.date(2025, 12, 31))
    ResidentFact.objects.bulk_create(
        (
            ResidentFact(
                resident=resident,
                element=element,
                value=f"{element.pk}-{k}",
                as_of=day,
                source=ValueSource.IMPORT,
            )
            for resident in residents
            for element in held
            for k, day in enumerate(history)
        ),
        batch_size=10_000,
    )
    return county, village, elements


def _p99_ms(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """(p99, median) in milliseconds of `runs` timed calls, after five untimed ones. The set-up's objects
    are collected and frozen first, so that no collection of the set-up's garbage lands in a timed call."""
    gc.collect()
    gc.freeze()
    for _ in range(5):
        run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return times[max(0, -(-99 * runs // 100) - 1)], times[runs // 2]


def _resident_form(tag: str):
    """A village of 5,000 residents and an approved 50-field resident form (rows: residents tagged `tag`,
    or all of them)."""
    from qingdan.forms.choices import RowsKind
    from qingdan.forms.models import FormRequest

    county, village, elements = _prefill_village(PREFILL_RESIDENTS)
    department, clerk = _department(county)
    form = _approved_form(
        county, department, clerk, elements, [village], rows_kind=RowsKind.RESIDENTS, resident_tag=tag
    )
    return FormRequest.objects.get(pk=form.pk), village


def _figure(name: str, p99: float, median: float, runs: int, limit, **extra) -> dict:
    return {
        "name": name,
        "value": round(p99, 1),
        "unit": "ms",
        "limit": limit,
        "median": round(median, 1),
        "runs": runs,
        **extra,
    }


def prefill_p99_ms(args) -> dict:
    """The form over all 5,000 residents of the village, one page of rows at a time."""
    import random

    with temp_sqlite() as (url, folder):
        django_on(url, folder)
        from qingdan.forms.prefill import ROWS_PER_PAGE, prefill

        form, village = _resident_form("")
        first = prefill(form, village)
        assert len(first.fields) == PREFILL_FIELDS and first.row_count == PREFILL_RESIDENTS
        assert first.prefilled == ROWS_PER_PAGE * PREFILL_HELD
        pages = first.page.paginator.num_pages
        last = prefill(form, village, page=pages)
        assert last.prefilled == len(last.rows) * PREFILL_HELD
        chosen = random.Random(7)
        p99, median = _p99_ms(lambda: prefill(form, village, page=chosen.randint(1, pages)), PREFILL_RUNS)
        result = _figure(
            "prefill_p99_ms",
            p99,
            median,
            PREFILL_RUNS,
            PREFILL_LIMIT_MS,
            residents=PREFILL_RESIDENTS,
            rows=first.row_count,
            rows_per_page=ROWS_PER_PAGE,
            fields=PREFILL_FIELDS,
            cells_filled_per_page=first.prefilled,
        )
        print(json.dumps(result, ensure_ascii=False), flush=True)
        print(json.dumps(_fill_page(form, village), ensure_ascii=False), flush=True)
        print(json.dumps(_every_row(form, village), ensure_ascii=False), flush=True)
        print(json.dumps(_submit_every_row(form, village), ensure_ascii=False), flush=True)
    with temp_sqlite() as (url, folder):
        from django.db import connections

        connections.close_all()
        connections["default"].settings_dict["NAME"] = f"{folder}/bench.sqlite3"
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        tagged, village = _resident_form("低保")
        page = prefill(tagged, village)
        assert page.row_count == PREFILL_RESIDENTS // 20
        p99, median = _p99_ms(lambda: prefill(tagged, village), PREFILL_RUNS)
        return _figure(
            "prefill_tagged_p99_ms",
            p99,
            median,
            PREFILL_RUNS,
            None,
            residents=PREFILL_RESIDENTS,
            rows=page.row_count,
            fields=PREFILL_FIELDS,
        )


def _fill_page(form, village) -> dict:
    """submissions.filled for a random page plus submissions.progress, on a draft with 500 typed values."""
    import random

    from qingdan.forms.actions import submissions
    from qingdan.forms.models import Submission, SubmissionValue
    from qingdan.forms.prefill import resident_rows

    submission = Submission.objects.create(form=form, village=village, county=form.county, period="2026")
    people = list(resident_rows(form, village).values_list("pk", flat=True)[:: PREFILL_RESIDENTS // 500])
    unheld = [f.element_id for f in form.fields.all() if not f.element.register]
    SubmissionValue.objects.bulk_create(
        SubmissionValue(submission=submission, resident_id=pk, element_id=unheld[n % len(unheld)], value="1")
        for n, pk in enumerate(people)
    )
    counts = submissions.progress(submission)
    assert counts.typed == len(people) and counts.prefilled == PREFILL_RESIDENTS * PREFILL_HELD
    pages = submissions.filled(submission, page=1).page.paginator.num_pages
    chosen = random.Random(11)

    def one_page():
        submissions.filled(submission, page=chosen.randint(1, pages))
        submissions.progress(submission)

    p99, median = _p99_ms(one_page, PREFILL_RUNS // 2)
    return _figure("fill_page_p99_ms", p99, median, PREFILL_RUNS // 2, None, typed=len(people))


def _submit_every_row(form, village) -> dict:
    """submissions.submit of the 5,000-row draft (fields made optional): every value kept as sent."""
    from qingdan.forms.actions import submissions
    from qingdan.forms.models import Submission, SubmissionValue
    from qingdan.orgs.choices import Role, UnitKind
    from qingdan.orgs.models import Unit, User

    form.fields.update(required=False)
    unit = Unit.objects.create(
        name="基准村村委会", kind=UnitKind.VILLAGE, division=village, county=form.county
    )
    cadre = User.objects.create(username="cunganbu", role=Role.VILLAGE_CADRE, unit=unit)
    submission = Submission.objects.get(form=form, village=village)
    started = time.perf_counter()
    done = submissions.submit(user=cadre, submission=submission)
    took = time.perf_counter() - started
    kept = SubmissionValue.objects.filter(submission=done).count()
    assert done.prefilled_count == PREFILL_RESIDENTS * PREFILL_HELD
    return {
        "name": "submit_every_row_s",
        "value": round(took, 2),
        "unit": "s",
        "limit": None,
        "values_kept": kept,
    }


def _every_row(form, village) -> dict:
    from qingdan.forms.prefill import prefill

    times = []
    for _ in range(5):
        started = time.perf_counter()
        every = prefill(form, village, page=None)
        times.append((time.perf_counter() - started) * 1000)
    assert every.prefilled == PREFILL_RESIDENTS * PREFILL_HELD
    times.sort()
    return {
        "name": "prefill_every_row_ms",
        "value": round(times[2]),
        "unit": "ms",
        "limit": None,
        "runs": 5,
        "cells_filled": every.prefilled,
    }


def overlap_s(args) -> dict:
    """Overlap analysis of a new monthly 50-field form for 20 villages against 1,000 approved forms of
    30 fields each, drawn from a 600-element dictionary (a third held in the village profile): the
    slowest of ten calls of qingdan.forms.overlap.analyse."""
    import random

    with temp_sqlite() as (url, folder):
        django_on(url, folder)
        from qingdan.forms.choices import FormStatus, Frequency, Register
        from qingdan.forms.models import FormField, FormRequest
        from qingdan.forms.overlap import analyse
        from qingdan.orgs.models import Division

        county, codes, _user = make_county()
        villages = list(Division.objects.filter(code__in=codes[:20]))
        department, clerk = _department(county)
        elements = _elements(county, 600, 0, "")
        for n, element in enumerate(elements):
            element.register = Register.VILLAGE if n % 3 == 0 else ""
        type(elements[0]).objects.bulk_update(elements, ["register"])
        pick = random.Random(4)
        forms = FormRequest.objects.bulk_create(
            FormRequest(
                county=county,
                department=department,
                created_by=clerk,
                title=f"已准入表{n}",
                purpose="基准测试",
                frequency=Frequency.YEARLY,
                deadline=datetime.date(2099, 12, 31),
                status=FormStatus.APPROVED,
            )
            for n in range(OVERLAP_FORMS)
        )
        FormField.objects.bulk_create(
            (
                FormField(form=form, element=element, position=p)
                for form in forms
                for p, element in enumerate(pick.sample(elements, 30), start=1)
            ),
            batch_size=10_000,
        )
        new = _approved_form(
            county,
            department,
            clerk,
            pick.sample(elements, OVERLAP_FIELDS),
            villages,
            title="新申请表",
            frequency=Frequency.MONTHLY,
            status=FormStatus.SUBMITTED,
        )
        new = FormRequest.objects.get(pk=new.pk)
        times = []
        for _ in range(10):
            started = time.perf_counter()
            found = analyse(new)
            times.append(time.perf_counter() - started)
        assert len(found.fields) == OVERLAP_FIELDS and found.asked_elsewhere
    return {
        "name": "overlap_s",
        "value": round(max(times), 3),
        "unit": "s",
        "limit": OVERLAP_LIMIT_S,
        "median": round(sorted(times)[5], 3),
        "approved_forms": OVERLAP_FORMS,
        "fields": OVERLAP_FIELDS,
        "fields_asked_elsewhere": len(found.asked_elsewhere),
    }


FIGURES: dict[str, Callable[[argparse.Namespace], dict]] = {
    "import_1m_sqlite_s": import_1m_sqlite_s,
    "import_1m_postgres_s": import_1m_postgres_s,
    "prefill_p99_ms": prefill_p99_ms,
    "overlap_s": overlap_s,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("figure", nargs="?", choices=list(FIGURES), help="one figure (default: all)")
    parser.add_argument("--rows", type=int, default=IMPORT_ROWS, help="residents imported (import figures)")
    args = parser.parse_args()
    if args.figure:
        print(json.dumps(FIGURES[args.figure](args), ensure_ascii=False), flush=True)
        return
    # Each figure in a process of its own: Django is set up once per process, on that figure's database.
    for name in FIGURES:
        subprocess.run([sys.executable, __file__, name, *sys.argv[1:]], check=True)


if __name__ == "__main__":
    main()
