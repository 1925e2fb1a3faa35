"""Bulk import of the base registers from .tsv or .xlsx: read and check first (the preview), then save all
or nothing.

    read_residents(data, filename, *, village=None, within=None, today=None, progress=None) -> ResidentsRead
        Headers 村(社区)代码 (optional when `village` is given), 姓名, 身份证号, 户号, 联系电话, 标签,
        数据日期 (the date the attributes are true as of, default today), plus any column headed with the
        name of an approved data element of the residents register (its values checked by parse_value).
    import_residents(*, user, village_or_township, rows, progress=None, filename="") -> ImportCounts
    read_village_facts(data, filename, *, village=None, within=None, today=None) -> FactsRead
        Headers 村(社区)代码, one column per data element of the village profile, 数据日期.
    import_village_facts(*, user, village_or_township, rows, filename="") -> int
    size_problem(size) -> str | None    the Chinese refusal for a file over max_import_bytes(), checked
                                        before anything is read

Readers never raise for bad input: they give every error as (row, column, Chinese message), and no rows
at all when there is one. An ID number or a phone is never repeated in clear in a message.

A million residents import in well under a minute on SQLite and PostgreSQL: each row is checked once,
hashes and ciphers are computed in batches, rows go in with executemany (SQLite) or COPY (PostgreSQL)
without a query per row, and residents already registered are found with one query. progress(done, total)
is called every PROGRESS_EVERY rows; during import_residents it runs inside the import's transaction.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access, limits
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.forms.choices import ElementStatus, Register, ValueSource
from qingdan.forms.models import DataElement
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.sheets import messages
from qingdan.sheets.formulas import restore
from qingdan.sheets.grid import Rows
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problem, Problems, file_problem
from qingdan.sheets.reading import load_rows, suffix_of

from . import personal
from .actions import already_elsewhere, clean_household, clean_name, clean_tags
from .models import Resident, ResidentFact, VillageFact
from .queries import resident_field
from .values import check_id_number, parse_date, parse_phone, parse_value

Progress = Callable[[int, int], None]

MAX_IMPORT_BYTES = limits.REGISTER_IMPORT_BYTES  # settings.QINGDAN_MAX_IMPORT_BYTES overrides it
MAX_ROWS = 1_100_000
MAX_ERRORS = 200
PROGRESS_EVERY = 10_000
BATCH = 5_000
HEADER_SEARCH_ROWS = 10

CODE, NAME, ID_NUMBER, HOUSEHOLD, PHONE, TAGS, AS_OF = (
    "村(社区)代码",
    "姓名",
    "身份证号",
    "户号",
    "联系电话",
    "标签",
    "数据日期",
)
ALIASES = {
    "村代码": CODE,
    "社区代码": CODE,
    "村(社区)编码": CODE,
    "村编码": CODE,
    "行政区划代码": CODE,
    "区划代码": CODE,
    "公民身份号码": ID_NUMBER,
    "身份证号码": ID_NUMBER,
    "身份证": ID_NUMBER,
    "户编号": HOUSEHOLD,
    "户主编号": HOUSEHOLD,
    "手机号": PHONE,
    "手机号码": PHONE,
    "手机": PHONE,
    "电话": PHONE,
    "联系方式": PHONE,
    "人员类别": TAGS,
    "日期": AS_OF,
    "截至日期": AS_OF,
    "统计日期": AS_OF,
}
IGNORED = {"序号", "备注", "村(社区)名称", "村名称", "社区名称", "村名"}
FAST_MOBILE = re.compile(r"1[3-9]\d{9}")


def max_import_bytes() -> int:
    return int(getattr(settings, "QINGDAN_MAX_IMPORT_BYTES", MAX_IMPORT_BYTES))


def size_problem(size: int) -> str | None:
    """Why a file of `size` bytes is refused before it is read, or None when it may be read."""
    limit = max_import_bytes()
    if size <= limit:
        return None
    return _(
        "The file is %(size)s; files larger than %(limit)s are not imported. Split it and import the parts."
    ) % {
        "size": _megabytes(size),
        "limit": _megabytes(limit),
    }


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} B"


# --- reading a sheet -----------------------------------------------------------------------------


Sheet = Rows  # the rows of a file as qingdan.sheets reads them (lazily for text files)
SUFFIXES = (".tsv", ".txt", ".xlsx")


def load_sheet(data: bytes, filename: str) -> Sheet | Problem:
    """The rows of a .tsv/.txt or .xlsx file, or the Chinese reason it cannot be read."""
    if problem := size_problem(len(data)):
        return file_problem(problem)
    if suffix_of(filename) not in SUFFIXES:
        if not data.strip():
            return file_problem(messages.EMPTY_FILE)
        return file_problem(
            _("Upload an .xlsx workbook or a .tsv text file (UTF-8, tab-separated); %(name)s is neither.")
            % {"name": PurePath(filename or "").name or "?"}
        )
    return load_rows(data, filename, suffixes=SUFFIXES)


header_name = HeaderNames(ALIASES, width_fold=True)


def _find_header(rows: Iterator[tuple[int, list[str]]], wanted: str, warnings: list[Problem]):
    """The header row (the first of the first rows naming `wanted`, else the first non-empty row)."""
    header = find_header(rows, lambda cells: wanted in {header_name(cell) for cell in cells})
    if header is None:
        return None
    if header.matched and header.skipped_titles:
        warnings.append(file_problem(_("Rows above the header were skipped as titles.")))
    return header.row_no, header.cells


def _problems(errors: list[Problem]) -> Problems:
    """Errors up to MAX_ERRORS, then one whole-file error saying the list stops there."""
    return Problems(MAX_ERRORS, into=errors)


def _refuse_formulas(sheet: Sheet, problems: Problems) -> None:
    for row_no, cells in sorted(sheet.formulas.items()):
        for _col, ref in cells:
            problems.add(row_no, "", messages.FORMULA.format(cell=ref))


def _elements(county: Division | None, register: str) -> dict[str, DataElement]:
    if county is None:
        return {}
    elements = DataElement.objects.filter(county=county, status=ElementStatus.APPROVED, register=register)
    by_name: dict[str, DataElement] = {}
    for element in elements:
        if register == Register.RESIDENTS and resident_field(element):
            continue
        by_name[header_name(element.name)] = element
    return by_name


@dataclass
class _Columns:
    base: dict[str, int]  # our header → column index
    elements: list[tuple[int, DataElement]]


def _read_header(
    cells: list[str],
    row_no: int,
    known: set[str],
    elements: dict[str, DataElement],
    problems: Problems,
    warnings: list[Problem],
) -> _Columns:
    base: dict[str, int] = {}
    found: list[tuple[int, DataElement]] = []
    seen: dict[str, int] = {}
    for col, cell in enumerate(cells):
        header = header_name(cell)
        if not header or header in IGNORED:
            continue
        if header in seen:
            problems.add(
                row_no,
                header,
                _("The column %(header)s appears twice (columns %(first)d and %(second)d).")
                % {"header": header, "first": seen[header] + 1, "second": col + 1},
            )
            continue
        seen[header] = col
        if header in known:
            base[header] = col
        elif header in elements:
            found.append((col, elements[header]))
        else:
            warnings.append(
                Problem(
                    row_no,
                    cell.strip(),
                    _(
                        "Column %(number)d (%(header)s) is not a column of this register "
                        "or an element of the data dictionary; it is not imported."
                    )
                    % {"number": col + 1, "header": cell.strip()},
                )
            )
    return _Columns(base, found)


class _Villages:
    """Village codes resolved after reading: the one village given, or the villages the codes name
    (inside `within` when given, all of one county)."""

    def __init__(self, village: Division | None, within: Division | None):
        self.village = village
        self.within = within or village
        self.by_code: dict[str, Division] = {}

    def resolve(self, codes: Iterable[str]) -> None:
        found = Division.objects.filter(code__in=set(codes), level=Level.VILLAGE).select_related("county")
        self.by_code = {d.code: d for d in found}

    def problem(self, code: str) -> str | None:
        division = self.by_code.get(code)
        if division is None:
            return _("%(code)s is not the code of a village or community.") % {"code": code}
        if self.within is not None and not self.within.contains(division):
            return _("%(name)s (%(code)s) is not in %(within)s.") % {
                "name": division.name,
                "code": code,
                "within": self.within.name,
            }
        return None

    def county(self) -> Division | None:
        if self.within is not None:
            return self.within.county_division()
        counties = {d.county_division() for d in self.by_code.values()}
        return counties.pop() if len(counties) == 1 else None


def _code_cell(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


# --- residents -----------------------------------------------------------------------------------


@dataclass(slots=True)
class ResidentRow:
    """One good row of a residents file. The clear ID number and phone stay in memory only."""

    row: int
    village_code: str
    name: str
    id_number: str = field(repr=False)
    id_hash: str = field(repr=False)
    household: str | None  # None when the file has no such column (an update keeps the old value)
    phone: str | None = field(repr=False)
    tags: str | None
    as_of: datetime.date
    values: tuple[tuple[int, str], ...]  # (element id, value) of the attribute columns
    village_id: int = 0
    existing_id: int | None = None  # the resident this row updates

    @property
    def id_masked(self) -> str:
        return personal.mask_id(self.id_number)

    @property
    def phone_masked(self) -> str:
        return personal.mask_phone(self.phone or "")


@dataclass
class ResidentsRead:
    rows: list[ResidentRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    elements: list[DataElement] = field(default_factory=list)  # the attribute columns, in file order
    villages: dict[int, Division] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def new(self) -> int:
        return sum(row.existing_id is None for row in self.rows)

    @property
    def updated(self) -> int:
        return len(self.rows) - self.new

    def preview(self, limit: int = 20) -> list[ResidentRow]:
        return self.rows[:limit]


RESIDENT_HEADERS = {CODE, NAME, ID_NUMBER, HOUSEHOLD, PHONE, TAGS, AS_OF}


def read_residents(
    data: bytes,
    filename: str,
    *,
    village: Division | None = None,
    within: Division | None = None,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> ResidentsRead:
    """Read and check a residents file for `village` (or, with a 村(社区)代码 column, for the villages
    it names inside `within`): every good row, every error, nothing when there is an error."""
    result = ResidentsRead()
    problems = _problems(result.errors)
    today = today or timezone.localdate()
    sheet = load_sheet(data, filename)
    if isinstance(sheet, Problem):
        result.errors.append(sheet)
        return result
    result.warnings.extend(sheet.warnings)
    if sheet.total > MAX_ROWS:
        result.errors.append(
            file_problem(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        )
        return result
    rows = iter(sheet.rows)
    header = _find_header(rows, NAME, result.warnings)
    if header is None:
        result.errors.append(file_problem(messages.EMPTY_FILE))
        return result
    villages = _Villages(village, within)
    county = villages.within.county_division() if villages.within is not None else None
    elements = _elements(county, Register.RESIDENTS)
    header_row, header_cells = header
    _refuse_formulas(sheet, problems)
    columns = _read_header(header_cells, header_row, RESIDENT_HEADERS, elements, problems, result.warnings)
    required = [NAME, ID_NUMBER] + ([] if village is not None else [CODE])
    for missing in [h for h in required if h not in columns.base]:
        problems.add(
            header_row,
            missing,
            _("The required column %(header)s is missing. A residents file needs: %(required)s.")
            % {"header": missing, "required": "、".join(required)},
        )
    if result.errors:
        return result
    result.elements = [element for _col, element in columns.elements]
    _ResidentChecker(result, problems, columns, village, today).run(rows, sheet.total, header_row, progress)
    if not result.errors:
        _place_rows(result, problems, villages, village)
    if result.errors:
        result.rows = []
    elif not result.rows:
        result.errors.append(file_problem(_("There is no resident below the header.")))
    result.errors.sort(key=lambda p: p.row)
    return result


class _ResidentChecker:
    def __init__(self, result: ResidentsRead, problems: Problems, columns: _Columns, village, today):
        self.result = result
        self.problems = problems
        self.columns = columns
        self.village = village
        self.today = today

    def run(self, rows, total: int, header_row: int, progress: Progress | None) -> None:
        base = self.columns.base
        at = {key: base.get(key, -1) for key in RESIDENT_HEADERS}
        i_code, i_name, i_id, i_house, i_phone, i_tags, i_date = (
            at[CODE],
            at[NAME],
            at[ID_NUMBER],
            at[HOUSEHOLD],
            at[PHONE],
            at[TAGS],
            at[AS_OF],
        )
        element_columns = self.columns.elements
        add = self.problems.add
        hash_of = personal.lookup_hasher()
        seen: dict[str, int] = {}
        out = self.result.rows
        village_code = self.village.code if self.village is not None else ""
        today = self.today
        done = header_row
        for row_no, cells in rows:
            done = row_no
            if progress is not None and row_no % PROGRESS_EVERY == 0:
                progress(row_no, total)
            if self.problems.full:
                break
            width = len(cells)
            if not (i_name < width and cells[i_name]) and not "".join(cells).strip():
                continue
            errors_before = len(self.result.errors)

            def cell(index: int) -> str:
                return restore(cells[index]).strip() if 0 <= index < width else ""  # noqa: B023

            code = _code_cell(cells[i_code]) if 0 <= i_code < width else ""
            if i_code >= 0:
                if not code and self.village is None:
                    add(row_no, CODE, _("The village code is empty."))
                elif self.village is not None and code and code != village_code:
                    add(
                        row_no,
                        CODE,
                        _("%(code)s is not the code of %(village)s (%(own)s).")
                        % {"code": code, "village": self.village.name, "own": village_code},
                    )
            code = code or village_code

            try:
                name = clean_name(cells[i_name] if i_name < width else "")
            except ValueError as exc:
                add(row_no, NAME, str(exc))
                name = ""

            raw_id = cells[i_id].strip() if i_id < width else ""
            number = ""
            if not raw_id:
                add(row_no, ID_NUMBER, _("The ID number is empty."))
            else:
                try:
                    number = check_id_number(raw_id, today=today)
                except ValueError as exc:
                    shown = f"（{personal.mask_id(raw_id)}）" if len(raw_id) >= 10 else ""
                    add(row_no, ID_NUMBER, f"{exc}{shown}")
            if number:
                first = seen.get(number)
                if first is not None:
                    add(
                        row_no,
                        ID_NUMBER,
                        _("The same ID number is already on row %(row)d (%(masked)s).")
                        % {"row": first, "masked": personal.mask_id(number)},
                    )
                else:
                    seen[number] = row_no

            household = tags = phone = None
            if i_house >= 0:
                try:
                    household = clean_household(cell(i_house))
                except ValueError as exc:
                    add(row_no, HOUSEHOLD, str(exc))
            if i_phone >= 0:
                raw_phone = cells[i_phone].strip() if i_phone < width else ""
                if not raw_phone or FAST_MOBILE.fullmatch(raw_phone):
                    phone = raw_phone
                else:
                    try:
                        phone = parse_phone(raw_phone)
                    except ValueError as exc:
                        add(row_no, PHONE, str(exc))
            if i_tags >= 0:
                try:
                    tags = clean_tags(cell(i_tags))
                except ValueError as exc:
                    add(row_no, TAGS, str(exc))
            as_of = today
            if i_date >= 0 and (raw_date := cell(i_date)):
                try:
                    as_of = parse_date(raw_date)
                    if as_of > today:
                        add(row_no, AS_OF, _("%(value)s is in the future.") % {"value": raw_date})
                except ValueError as exc:
                    add(row_no, AS_OF, str(exc))
            values: list[tuple[int, str]] = []
            for col, element in element_columns:
                raw = cell(col)
                if not raw:
                    continue
                try:
                    values.append((element.pk, parse_value(element, raw, today=today)))
                except ValueError as exc:
                    add(row_no, element.name, str(exc))

            if len(self.result.errors) > errors_before:
                continue
            out.append(
                ResidentRow(
                    row_no, code, name, number, hash_of(number), household, phone, tags, as_of, tuple(values)
                )
            )
        if progress is not None:
            progress(max(done, total), total)


def _place_rows(result: ResidentsRead, problems: Problems, villages: _Villages, village) -> None:
    """Give each row its village and the resident it updates; refuse people registered elsewhere."""
    if village is not None:
        if not village.is_village:
            problems.add(0, "", _("%(name)s is not a village or community.") % {"name": village.name})
            return
        villages.by_code = {village.code: village}
    else:
        villages.resolve(row.village_code for row in result.rows)
    bad: dict[str, str | None] = {}
    for row in result.rows:
        if row.village_code not in bad:
            bad[row.village_code] = villages.problem(row.village_code)
        if bad[row.village_code]:
            problems.add(row.row, CODE, bad[row.village_code] or "")
        else:
            row.village_id = villages.by_code[row.village_code].pk
    if result.errors:
        return
    county = villages.county()
    if county is None:
        problems.add(0, "", _("The villages of one file must all be in one county."))
        return
    result.villages = {d.pk: d for d in villages.by_code.values()}
    existing = registered(county, [row.id_hash for row in result.rows])
    if not existing:
        return
    for row in result.rows:
        hit = existing.get(row.id_hash)
        if hit is None:
            continue
        if hit[0] != row.village_id:
            problems.add(row.row, ID_NUMBER, f"{already_elsewhere()}（{row.id_masked}）")
        else:
            row.existing_id = hit[1]


LOOKUP_CHUNK = 2_000


def registered(county: Division, hashes: list[str]) -> dict[str, tuple[int, int]]:
    """The residents of the county among `hashes`: ID hash → (village id, resident id). A few queries
    by hash for a small file; one query over the whole county for a large one."""
    residents = Resident.objects.filter(county=county)
    if len(hashes) > 10 * LOOKUP_CHUNK:
        chunks = [residents]
    else:
        chunks = [
            residents.filter(id_hash__in=hashes[n : n + LOOKUP_CHUNK])
            for n in range(0, len(hashes), LOOKUP_CHUNK)
        ]
    found: dict[str, tuple[int, int]] = {}
    for chunk in chunks:
        rows = chunk.values_list("id_hash", "village_id", "pk").iterator(chunk_size=20_000)
        found.update((id_hash, (village_id, pk)) for id_hash, village_id, pk in rows)
    return found


@dataclass
class ImportCounts:
    created: int
    updated: int
    attributes: int


def _check_villages(division: Division, village_ids: set[int]) -> dict[int, Division]:
    found = {d.pk: d for d in Division.objects.filter(pk__in=village_ids)}
    for pk in village_ids:
        target = found.get(pk)
        if target is None or not target.is_village or not division.contains(target):
            raise ActionRefused(
                _("Some rows belong to a village outside %(division)s.") % {"division": division.name}
            )
    return found


def import_residents(
    *,
    user,
    village_or_township: Division,
    rows: list[ResidentRow],
    progress: Progress | None = None,
    filename: str = "",
) -> ImportCounts:
    """Save the rows of read_residents: new people added, known ones updated, attributes recorded as
    history. All or nothing; one audit row."""
    division = village_or_township
    access.require(user, Permission.MANAGE_REGISTERS, division)
    if not rows:
        raise ActionRefused(_("There is no resident to import."))
    county = division.county_division()
    _check_villages(division, {row.village_id for row in rows})
    try:
        with transaction.atomic(), large_page_cache():
            counts = _save_residents(user, county, rows, progress)
            record(
                actor=user,
                action="forms.import_residents",
                obj=division,
                changes={
                    "created": [None, counts.created],
                    "updated": [None, counts.updated],
                    "attributes": [None, counts.attributes],
                },
                note=personal.scrub(PurePath(filename).name) if filename else "",
            )
    except IntegrityError as exc:
        raise ActionRefused(
            _("Some of these people were registered by someone else meanwhile; read the file again.")
        ) from exc
    return counts


def _save_residents(
    user, county: Division, rows: list[ResidentRow], progress: Progress | None
) -> ImportCounts:
    existing = registered(county, [row.id_hash for row in rows])
    new: list[ResidentRow] = []
    updates: list[tuple[int, ResidentRow]] = []
    problems: list[Problem] = []
    for row in rows:
        hit = existing.get(row.id_hash)
        if hit is None:
            new.append(row)
        elif hit[0] != row.village_id:
            problems.append(Problem(row.row, ID_NUMBER, f"{already_elsewhere()}（{row.id_masked}）"))
        else:
            updates.append((hit[1], row))
    if problems:
        raise ActionRefused(
            _("%(count)d people are already registered in another village or community.")
            % {"count": len(problems)},
            problems=problems,
        )
    now = timezone.now()
    total = len(rows)
    _insert(Resident, RESIDENT_COLUMNS, _resident_values(new, county.pk, db_datetime(now), total, progress))
    _update(updates, now)
    attributes = 0
    if any(row.values for row in rows):
        ids = {row.id_hash: pk for pk, row in updates}
        if new:
            ids.update(Resident.objects.filter(county=county).values_list("id_hash", "pk"))
        attributes = _insert(ResidentFact, FACT_COLUMNS, _fact_values(rows, ids, user, db_datetime(now)))
    if progress is not None:
        progress(total, total)
    return ImportCounts(created=len(new), updated=len(updates), attributes=attributes)


RESIDENT_COLUMNS = (
    "village",
    "county",
    "name",
    "id_cipher",
    "id_hash",
    "id_masked",
    "phone_cipher",
    "phone_masked",
    "household",
    "tags",
    "is_active",
    "updated_at",
)
FACT_COLUMNS = ("resident", "element", "value", "as_of", "source", "set_by", "set_at")


def _resident_values(
    rows, county_id: int, now, total: int, progress: Progress | None
) -> Iterator[list[tuple]]:
    """Rows ready for the database, a batch at a time: ciphers made per batch, masks, hashes."""
    mask_id, mask_phone, encrypt_many = personal.mask_id, personal.mask_phone, personal.encrypt_many
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        ciphers = encrypt_many([row.id_number for row in batch])
        phones = encrypt_many([row.phone or "" for row in batch])
        yield [
            (
                row.village_id,
                county_id,
                row.name,
                cipher,
                row.id_hash,
                mask_id(row.id_number),
                phone_cipher,
                mask_phone(row.phone) if row.phone else "",
                row.household or "",
                row.tags or "",
                True,
                now,
            )
            for row, cipher, phone_cipher in zip(batch, ciphers, phones, strict=True)
        ]
        if progress is not None and (start // BATCH) % max(PROGRESS_EVERY // BATCH, 1) == 0:
            progress(start + len(batch), total)


def _fact_values(rows, ids: dict[str, int], user, now) -> Iterator[list[tuple]]:
    set_by = user.pk if getattr(user, "pk", None) else None
    batch: list[tuple] = []
    for row in rows:
        resident_id = ids[row.id_hash]
        as_of = db_date(row.as_of)
        for element_id, value in row.values:
            batch.append((resident_id, element_id, value, as_of, ValueSource.IMPORT.value, set_by, now))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _update(updates: list[tuple[int, ResidentRow]], now) -> None:
    """Known residents take the file's name, and its household, phone and tags where the file has them."""
    changed: list[Resident] = []
    fields = {"name", "is_active", "updated_at"}
    for pk, row in updates:
        resident = Resident(pk=pk, name=row.name, is_active=True, updated_at=now)
        if row.household is not None:
            resident.household = row.household
            fields.add("household")
        if row.tags is not None:
            resident.tags = row.tags
            fields.add("tags")
        if row.phone is not None:
            resident.phone_cipher = personal.encrypt(row.phone) if row.phone else ""
            resident.phone_masked = personal.mask_phone(row.phone)
            fields.update(("phone_cipher", "phone_masked"))
        changed.append(resident)
    if not changed:
        return
    # Fields absent from the file keep their stored values: update only those every row carries.
    Resident.objects.bulk_update(changed, sorted(fields), batch_size=500)


SQLITE_IMPORT_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def large_page_cache():
    """On SQLite, a 256 MB page cache while a large import runs (the default 2 MB makes every insert
    into the ID-hash index read and write pages again); the connection's own size afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def insert_rows(model, columns: tuple[str, ...], batches: Iterable[list[tuple]]) -> int:
    """Insert plain value tuples fast: COPY on PostgreSQL, executemany elsewhere. Returns the count.
    Values go in as given: foreign keys as ids, dates and times already adapted (db_date, db_datetime)."""
    meta = model._meta
    names = [meta.get_field(name).column for name in columns]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    column_list = ", ".join(quote(name) for name in names)
    count = 0
    with connection.cursor() as cursor, connection.wrap_database_errors:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                for batch in batches:
                    for values in batch:
                        copy.write_row(values)
                    count += len(batch)
            return count
        sql = f"INSERT INTO {table} ({column_list}) VALUES ({', '.join(['%s'] * len(names))})"
        for batch in batches:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


_insert = insert_rows


def db_datetime(value: datetime.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def db_date(value: datetime.date):
    return connection.ops.adapt_datefield_value(value)


# --- the village profile -------------------------------------------------------------------------


@dataclass(frozen=True)
class VillageFactRow:
    row: int
    village_id: int
    element_id: int
    value: str
    as_of: datetime.date


@dataclass
class FactsRead:
    rows: list[VillageFactRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    elements: list[DataElement] = field(default_factory=list)
    villages: dict[int, Division] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def read_village_facts(
    data: bytes,
    filename: str,
    *,
    village: Division | None = None,
    within: Division | None = None,
    today: datetime.date | None = None,
) -> FactsRead:
    """Read and check village figures: one row per village (村(社区)代码), one column per element of the
    village profile, 数据日期 the date they are true as of (default today). Empty cells are skipped."""
    result = FactsRead()
    problems = _problems(result.errors)
    today = today or timezone.localdate()
    sheet = load_sheet(data, filename)
    if isinstance(sheet, Problem):
        result.errors.append(sheet)
        return result
    result.warnings.extend(sheet.warnings)
    villages = _Villages(village, within)
    if villages.within is None:
        raise TypeError("read_village_facts needs a village or a division to read within")
    elements = _elements(villages.within.county_division(), Register.VILLAGE)
    rows = iter(sheet.rows)
    header = _find_header(rows, CODE, result.warnings)
    if header is None:
        result.errors.append(file_problem(messages.EMPTY_FILE))
        return result
    header_row, header_cells = header
    _refuse_formulas(sheet, problems)
    columns = _read_header(header_cells, header_row, {CODE, AS_OF}, elements, problems, result.warnings)
    if village is None and CODE not in columns.base:
        problems.add(header_row, CODE, _("The required column %(header)s is missing.") % {"header": CODE})
    if not columns.elements:
        problems.add(
            header_row, "", _("No column is headed with the name of a figure of the village profile.")
        )
    if result.errors:
        return result
    result.elements = [element for _col, element in columns.elements]
    pending: list[tuple[int, str, list[tuple[int, str]], datetime.date]] = []
    i_code, i_date = columns.base.get(CODE, -1), columns.base.get(AS_OF, -1)
    for row_no, cells in rows:
        if not "".join(cells).strip():
            continue
        errors_before = len(result.errors)

        def cell(index: int) -> str:
            return restore(cells[index]).strip() if 0 <= index < len(cells) else ""  # noqa: B023

        code = _code_cell(cell(i_code)) if i_code >= 0 else ""
        if village is not None:
            if code and code != village.code:
                problems.add(
                    row_no,
                    CODE,
                    _("%(code)s is not the code of %(village)s (%(own)s).")
                    % {"code": code, "village": village.name, "own": village.code},
                )
            code = village.code
        elif not code:
            problems.add(row_no, CODE, _("The village code is empty."))
        as_of = today
        if i_date >= 0 and (raw_date := cell(i_date)):
            try:
                as_of = parse_date(raw_date)
                if as_of > today:
                    problems.add(row_no, AS_OF, _("%(value)s is in the future.") % {"value": raw_date})
            except ValueError as exc:
                problems.add(row_no, AS_OF, str(exc))
        values = []
        for col, element in columns.elements:
            raw = cell(col)
            if not raw:
                continue
            try:
                values.append((element.pk, parse_value(element, raw, today=today)))
            except ValueError as exc:
                problems.add(row_no, element.name, str(exc))
        if len(result.errors) == errors_before:
            pending.append((row_no, code, values, as_of))
    if village is not None:
        villages.by_code = {village.code: village}
    else:
        villages.resolve(code for _row, code, _values, _date in pending)
    seen: dict[tuple[str, datetime.date], int] = {}
    for row_no, code, values, as_of in pending:
        if problem := villages.problem(code):
            problems.add(row_no, CODE, problem)
            continue
        if (code, as_of) in seen:
            problems.add(
                row_no,
                CODE,
                _("The same village and date are already on row %(row)d.") % {"row": seen[(code, as_of)]},
            )
            continue
        seen[(code, as_of)] = row_no
        target = villages.by_code[code]
        result.villages[target.pk] = target
        result.rows.extend(
            VillageFactRow(row_no, target.pk, element_id, value, as_of) for element_id, value in values
        )
    if result.errors:
        result.rows = []
    elif not result.rows:
        result.errors.append(file_problem(_("There is no figure below the header.")))
    result.errors.sort(key=lambda p: p.row)
    return result


@transaction.atomic
def import_village_facts(
    *, user, village_or_township: Division, rows: list[VillageFactRow], filename: str = ""
) -> int:
    """Save the figures of read_village_facts as history (nothing is overwritten). One audit row."""
    division = village_or_township
    access.require(user, Permission.MANAGE_REGISTERS, division)
    if not rows:
        raise ActionRefused(_("There is no figure to import."))
    county = division.county_division()
    _check_villages(division, {row.village_id for row in rows})
    set_by = user if getattr(user, "pk", None) else None
    VillageFact.objects.bulk_create(
        (
            VillageFact(
                village_id=row.village_id,
                county=county,
                element_id=row.element_id,
                value=row.value,
                as_of=row.as_of,
                source=ValueSource.IMPORT,
                set_by=set_by,
            )
            for row in rows
        ),
        batch_size=1000,
    )
    record(
        actor=user,
        action="forms.import_village_facts",
        obj=division,
        changes={"figures": [None, len(rows)], "villages": [None, len({row.village_id for row in rows})]},
        note=PurePath(filename).name if filename else "",
    )
    return len(rows)
