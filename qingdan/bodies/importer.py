"""Read an existing ledger of coordination bodies (议事协调机构台账) from .xlsx or .tsv.

One header row (title rows above it are skipped), one body per row, Chinese headers as county offices
write them (HEADERS). read_ledger() never raises for bad input: it gives every good row, every error
(row, column, message) and every warning. Import nothing unless the result is ok: all or nothing.

The file is read with qingdan.duties.sheet's loaders (python-calamine for .xlsx); the checks are ours.
Lead and member units are matched to the county's units by name; a name that matches none is kept as
written, with a warning.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, Unit
from qingdan.sheets import flow
from qingdan.sheets.dates import read_date
from qingdan.sheets.formulas import restore
from qingdan.sheets.grid import Grid
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problem, file_problem
from qingdan.sheets.reading import load_grid, suffix_of

from .choices import BasisClass, BodyKind, BodyStatus, Permanence
from .models import CoordinationBody
from .queries import caps_of, kind_from_name, normalised_name

# Chinese header → field, in the order a ledger usually has them.
HEADERS: dict[str, str] = {
    "名称": "name",
    "类型": "kind",
    "设立时间": "set_up_on",
    "设立文件": "set_up_document",
    "牵头单位": "lead_unit",
    "办公室设在": "office",
    "组长": "leader",
    "副组长": "deputy",
    "成员单位": "members",
    "性质": "permanence",
    "结束时间": "ends_on",
    "保留依据类别": "basis_class",
    "保留依据": "basis",
    "状态": "status",
    "撤销时间": "revoked_on",
    "撤销文件": "revocation_document",
}
# Other ways ledgers head the same columns.
ALIASES = {
    "机构名称": "名称",
    "议事协调机构名称": "名称",
    "机构类型": "类型",
    "成立时间": "设立时间",
    "设立文号": "设立文件",
    "成立文件": "设立文件",
    "牵头部门": "牵头单位",
    "办公室": "办公室设在",
    "办公室设置": "办公室设在",
    "机构性质": "性质",
    "到期时间": "结束时间",
    "保留类别": "保留依据类别",
    "依据类别": "保留依据类别",
    "设立依据": "保留依据",
    "撤销文号": "撤销文件",
}
IGNORED_HEADERS = {"序号", "备注", "编号"}
REQUIRED = ("名称", "设立时间")
HEADER_SEARCH_ROWS = 10
MAX_ROWS = 5_000
LIMITS = {"name": 200, "set_up_document": 200, "revocation_document": 200, "leader": 200, "lead_unit": 200}
DEFAULT_LIMIT = 5_000

KIND_WORDS = {
    "领导小组": BodyKind.LEADING_GROUP,
    "协调小组": BodyKind.COORDINATION_GROUP,
    "工作小组": BodyKind.COORDINATION_GROUP,
    "委员会": BodyKind.COMMITTEE,
    "指挥部": BodyKind.HEADQUARTERS,
    "联席会议": BodyKind.JOINT_MEETING,
    "办公室": BodyKind.OFFICE,
    "工作专班": BodyKind.TASK_FORCE,
    "专班": BodyKind.TASK_FORCE,
    "其他": BodyKind.OTHER,
}
PERMANENCE_WORDS = {
    "常设": Permanence.PERMANENT,
    "常设型": Permanence.PERMANENT,
    "常设性": Permanence.PERMANENT,
    "长期": Permanence.PERMANENT,
    "阶段性": Permanence.PHASED,
    "阶段型": Permanence.PHASED,
    "阶段": Permanence.PHASED,
    "临时": Permanence.TEMPORARY,
    "临时性": Permanence.TEMPORARY,
    "临时型": Permanence.TEMPORARY,
}
BASIS_WORDS = [  # (a word the cell contains, class): checked in this order
    ("法", BasisClass.LAW),
    ("中央", BasisClass.MIRROR),
    ("省", BasisClass.MIRROR),
    ("对应", BasisClass.MIRROR),
    ("上级", BasisClass.MIRROR),
    ("本地", BasisClass.LOCAL),
    ("当地", BasisClass.LOCAL),
    ("实际", BasisClass.LOCAL),
    ("工作需要", BasisClass.LOCAL),
]
ACTIVE_WORDS = {"在册", "保留", "存续", "运行", "正常", "有效", "在用", "现行"}
REVOKED_WORDS = {"撤销", "已撤销", "撤并", "已撤并", "取消", "已取消", "注销", "已注销", "废止"}
MEMBER_SEPARATORS = re.compile(r"[、，,；;/\n\r]+")


@dataclass(frozen=True)
class LedgerRow:
    """One good row of the ledger, ready for actions.import_ledger."""

    row: int  # spreadsheet row number (the header's row + 1 for the first body)
    name: str
    kind: str
    permanence: str
    set_up_on: datetime.date
    set_up_document: str
    ends_on: datetime.date | None
    basis_class: str
    basis: str
    lead_unit: Unit | None
    lead_unit_name: str
    office_unit: Unit | None
    office_location: str
    leader: str
    deputy: str
    members: tuple[Unit, ...]
    other_members: str
    status: str
    revoked_on: datetime.date | None
    revocation_document: str

    @property
    def kind_label(self) -> str:
        return str(BodyKind(self.kind).label)


@dataclass
class LedgerResult:
    rows: list[LedgerRow] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows already in the register

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows or self.skipped)

    @property
    def active(self) -> int:
        return sum(row.status == BodyStatus.ACTIVE for row in self.rows)

    @property
    def revoked(self) -> int:
        return sum(row.status == BodyStatus.REVOKED for row in self.rows)


SUFFIXES = (".xlsx", ".tsv", ".txt")


def read_ledger(data: bytes, filename: str, *, division: Division, today: datetime.date | None = None):
    """Read and check a ledger for `division` (the county or one township): LedgerResult."""
    result = LedgerResult()
    if suffix_of(filename) not in SUFFIXES:
        result.errors.append(
            file_problem(
                _("Upload the ledger as an .xlsx workbook or a .tsv text file (UTF-8, tab-separated).")
            )
        )
        return result
    if not data.strip():
        result.errors.append(file_problem(_("The file is empty.")))
        return result
    grid = load_grid(data, filename, suffixes=SUFFIXES)
    if isinstance(grid, Problem):
        result.errors.append(grid)
        return result
    result.warnings.extend(grid.warnings)
    _Checker(grid, division, today or timezone.localdate(), result).run()
    result.errors.sort(key=lambda p: p.row)
    return result


# --- cells ---------------------------------------------------------------------------------------

EARLIEST_YEAR = 1949


class BadDate(ValueError):
    pass


def parse_date(text: str) -> tuple[datetime.date, str]:
    """A ledger date and how precise it was ("day", "month" or "year"): 2019-03-01, 2019.3.1,
    2019年3月1日, 20190301, an Excel day number, 2019年3月 (the 1st), 1995年 (1 January).
    The reading is qingdan.sheets.dates'; BadDate when the text is not a date."""
    found = read_date(text)
    if found is None:
        raise BadDate(text)
    return found


def _plain(text: str) -> str:
    return "".join(restore(text).split())


class _Checker:
    def __init__(self, grid: Grid, division: Division, today: datetime.date, result: LedgerResult):
        self.grid = grid
        self.division = division
        self.county = division.county_division()
        self.today = today
        self.result = result
        self.units = _UnitIndex(self.county)
        self.seen: dict[tuple[str, datetime.date], int] = {}
        self.seen_names: dict[str, int] = {}
        self.existing = {
            (normalised_name(name, self.county.name), set_up_on)
            for name, set_up_on in CoordinationBody.objects.filter(division=division).values_list(
                "name", "set_up_on"
            )
        }

    # problems

    def error(self, row: int, column: str, message: str) -> None:
        self.result.errors.append(Problem(row, column, message))

    def warn(self, row: int, column: str, message: str) -> None:
        self.result.warnings.append(Problem(row, column, message))

    # the file

    def run(self) -> None:
        header_at = self._find_header()
        if header_at is None:
            self.result.errors.append(file_problem(_("The file is empty.")))
            return
        columns = self._read_header(header_at)
        if columns is None:
            return
        body = self.grid.cells[header_at + 1 :]
        if len(body) > MAX_ROWS:
            self.result.errors.append(
                file_problem(_("The ledger has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
            )
            return
        for offset, cells in enumerate(body):
            row_no = header_at + 2 + offset
            if all(not cell.strip() for cell in cells):
                continue
            self._row(row_no, cells, columns)
        if not self.result.rows and not self.result.skipped and not self.result.errors:
            self.result.errors.append(file_problem(_("There is no body below the header.")))
        if self.result.errors:
            self.result.rows = []
        else:
            self._cap_warning()

    _header_name = HeaderNames(ALIASES, drop_note=True)  # 性质(常设/阶段性/临时) → 性质

    def _find_header(self) -> int | None:
        rows = ((index + 1, cells) for index, cells in enumerate(self.grid.cells))
        names_the_name = lambda cells: "名称" in {self._header_name(c) for c in cells}  # noqa: E731
        header = find_header(rows, names_the_name, search_rows=HEADER_SEARCH_ROWS)
        if header is None:
            return None
        if header.matched and header.skipped_titles:
            self.warn(0, "", _("Rows above the header were skipped as titles."))
        return header.row_no - 1

    def _read_header(self, header_at: int) -> dict[int, str] | None:
        row_no = header_at + 1
        columns: dict[int, str] = {}
        seen: dict[str, int] = {}
        for col, cell in enumerate(self.grid.cells[header_at]):
            header = self._header_name(cell)
            if not header or header in IGNORED_HEADERS:
                continue
            if header not in HEADERS:
                self.warn(
                    row_no,
                    cell.strip(),
                    _("Column %(number)d (%(header)s) is not a ledger column and is not imported.")
                    % {"number": col + 1, "header": cell.strip()},
                )
                continue
            if header in seen:
                self.error(
                    row_no,
                    header,
                    _("The column %(header)s appears twice (columns %(first)d and %(second)d).")
                    % {"header": header, "first": seen[header] + 1, "second": col + 1},
                )
                continue
            seen[header] = col
            columns[col] = HEADERS[header]
        missing = [header for header in REQUIRED if header not in seen]
        for header in missing:
            self.error(
                row_no,
                header,
                _("The required column %(header)s is missing. A ledger needs at least: %(required)s.")
                % {"header": header, "required": "、".join(REQUIRED)},
            )
        if missing or self.result.errors:
            return None
        for _col, ref in self.grid.formulas.get(row_no, []):
            self.error(
                row_no, "", _("Cell %(cell)s holds a formula; type the value instead.") % {"cell": ref}
            )
        return columns

    # one row

    def _row(self, row_no: int, cells: list[str], columns: dict[int, str]) -> None:
        errors_before = len(self.result.errors)
        values = {name: "" for name in HEADERS.values()}
        for col, name in columns.items():
            if col < len(cells):
                values[name] = restore(cells[col]).strip()
        for _col, ref in self.grid.formulas.get(row_no, []):
            self.error(
                row_no, "", _("Cell %(cell)s holds a formula; type the value instead.") % {"cell": ref}
            )
        header_of = {field: header for header, field in HEADERS.items()}
        for name, value in values.items():
            limit = LIMITS.get(name, DEFAULT_LIMIT)
            if len(value) > limit:
                self.error(
                    row_no,
                    header_of[name],
                    _("Too long (%(length)d characters); at most %(limit)d.")
                    % {"length": len(value), "limit": limit},
                )

        name = values["name"]
        if not name:
            self.error(row_no, "名称", _("The name is empty."))
        kind = self._kind(row_no, values["kind"], name)
        permanence = self._permanence(row_no, values["permanence"])
        set_up_on = self._date(row_no, "设立时间", values["set_up_on"], required=True)
        ends_on = self._date(row_no, "结束时间", values["ends_on"])
        revoked_on = self._date(row_no, "撤销时间", values["revoked_on"])
        basis_class = self._basis_class(row_no, values["basis_class"])
        status = self._status(row_no, values)

        if set_up_on and ends_on and ends_on < set_up_on:
            self.error(
                row_no,
                "结束时间",
                _("The end date (%(end)s) is before the set-up date (%(start)s).")
                % {"end": ends_on.isoformat(), "start": set_up_on.isoformat()},
            )
        if permanence == Permanence.TEMPORARY and not values["ends_on"]:
            self.warn(row_no, "结束时间", _("A temporary body without an end date: add one when known."))
        if status == BodyStatus.REVOKED:
            if not values["revocation_document"]:
                self.error(
                    row_no, "撤销文件", _("A revoked body needs the number of the document that revoked it.")
                )
            if not values["revoked_on"]:
                self.error(row_no, "撤销时间", _("A revoked body needs the date it was revoked."))
            if revoked_on and set_up_on and revoked_on < set_up_on:
                self.error(
                    row_no,
                    "撤销时间",
                    _("The revocation date (%(date)s) is before the set-up date (%(start)s).")
                    % {"date": revoked_on.isoformat(), "start": set_up_on.isoformat()},
                )
        elif status == BodyStatus.ACTIVE and (values["revoked_on"] or values["revocation_document"]):
            self.error(
                row_no,
                "状态",
                _("The status says the body is kept, but a revocation date or document is filled in."),
            )
        if not values["set_up_document"] and set_up_on:
            self.warn(row_no, "设立文件", _("No set-up document number."))

        lead_unit = self._unit(row_no, "牵头单位", values["lead_unit"], required=status == BodyStatus.ACTIVE)
        office_unit = self.units.find(values["office"]) if values["office"] else None
        members, others = self._members(row_no, values["members"])

        if len(self.result.errors) > errors_before or not (name and set_up_on):
            return
        assert kind and permanence and status and set_up_on  # each set when no error was added
        key = (normalised_name(name, self.county.name), set_up_on)
        if key in self.seen:
            self.error(
                row_no,
                "名称",
                _("The same body (name and set-up date) is already on row %(row)d.")
                % {"row": self.seen[key]},
            )
            return
        self.seen[key] = row_no
        if key in self.existing:
            self.warn(
                row_no,
                "名称",
                _("%(name)s is already in the register; this row is skipped.") % {"name": name},
            )
            self.result.skipped.append(row_no)
            return
        if status == BodyStatus.ACTIVE:
            if key[0] in self.seen_names:
                self.warn(
                    row_no,
                    "名称",
                    _("Another kept body on row %(row)d has the same name: check for a duplicate.")
                    % {"row": self.seen_names[key[0]]},
                )
            self.seen_names.setdefault(key[0], row_no)
        self.result.rows.append(
            LedgerRow(
                row=row_no,
                name=name,
                kind=kind,
                permanence=permanence,
                set_up_on=set_up_on,
                set_up_document=values["set_up_document"],
                ends_on=ends_on,
                basis_class=basis_class,
                basis=values["basis"],
                lead_unit=lead_unit,
                lead_unit_name=lead_unit.name if lead_unit else values["lead_unit"],
                office_unit=office_unit,
                office_location=values["office"],
                leader=values["leader"],
                deputy=values["deputy"],
                members=tuple(members),
                other_members="、".join(others),
                status=status,
                revoked_on=revoked_on if status == BodyStatus.REVOKED else None,
                revocation_document=values["revocation_document"] if status == BodyStatus.REVOKED else "",
            )
        )

    def _kind(self, row_no: int, text: str, name: str) -> str | None:
        if not text:
            return kind_from_name(name)
        plain = _plain(text)
        labels = {str(label): value for value, label in BodyKind.choices}
        if plain in labels:
            return labels[plain]
        for word, kind in KIND_WORDS.items():
            if plain.endswith(word):
                return kind.value
        self.error(
            row_no,
            "类型",
            _("Unknown kind %(value)s; use one of %(allowed)s.")
            % {"value": text, "allowed": "、".join(str(label) for _v, label in BodyKind.choices)},
        )
        return None

    def _permanence(self, row_no: int, text: str) -> str | None:
        if not text:
            self.warn(row_no, "性质", _("No permanence given; recorded as permanent."))
            return Permanence.PERMANENT.value
        found = PERMANENCE_WORDS.get(_plain(text))
        if found is None:
            self.error(
                row_no,
                "性质",
                _("Unknown permanence %(value)s; use 常设, 阶段性 or 临时.") % {"value": text},
            )
            return None
        return found.value

    def _basis_class(self, row_no: int, text: str) -> str:
        if not text:
            return ""
        plain = _plain(text)
        for word, basis in BASIS_WORDS:
            if word in plain:
                return basis.value
        self.error(
            row_no,
            "保留依据类别",
            _("Unknown basis class %(value)s; use one of %(allowed)s.")
            % {"value": text, "allowed": "、".join(str(label) for _v, label in BasisClass.choices)},
        )
        return ""

    def _status(self, row_no: int, values: dict[str, str]) -> str | None:
        text = _plain(values["status"])
        if not text:
            revoked = values["revoked_on"] or values["revocation_document"]
            return BodyStatus.REVOKED.value if revoked else BodyStatus.ACTIVE.value
        if text in ACTIVE_WORDS:
            return BodyStatus.ACTIVE.value
        if text in REVOKED_WORDS:
            return BodyStatus.REVOKED.value
        self.error(
            row_no,
            "状态",
            _("Unknown status %(value)s; use 在册 (kept) or 已撤销 (revoked).") % {"value": values["status"]},
        )
        return None

    def _date(self, row_no: int, column: str, text: str, *, required: bool = False) -> datetime.date | None:
        if not text:
            if required:
                self.error(row_no, column, _("The date is empty."))
            return None
        try:
            date, precision = parse_date(text)
        except BadDate:
            self.error(
                row_no,
                column,
                _("%(value)s is not a date; write it as 2019-03-01 or 2019年3月1日.") % {"value": text},
            )
            return None
        if date.year < EARLIEST_YEAR:
            self.error(row_no, column, _("%(value)s is too early to be right.") % {"value": text})
            return None
        if date > self.today:
            self.error(row_no, column, _("%(value)s is in the future.") % {"value": text})
            return None
        if precision == "year":
            self.warn(row_no, column, _("Only the year is given; recorded as 1 January."))
        elif precision == "month":
            self.warn(row_no, column, _("Only the year and month are given; recorded as the 1st."))
        return date

    def _unit(self, row_no: int, column: str, text: str, *, required: bool) -> Unit | None:
        if not text:
            if required:
                self.warn(row_no, column, _("No lead unit given."))
            return None
        unit = self.units.find(text)
        if unit is None:
            self.warn(
                row_no,
                column,
                _("%(name)s is not a unit of %(county)s; kept as written.")
                % {"name": text, "county": self.county.name},
            )
        elif not unit.is_active:
            self.warn(row_no, column, _("%(name)s is no longer an active unit.") % {"name": unit.name})
        return unit

    def _members(self, row_no: int, text: str) -> tuple[list[Unit], list[str]]:
        members: list[Unit] = []
        others: list[str] = []
        for part in MEMBER_SEPARATORS.split(text):
            part = part.strip()
            if not part:
                continue
            unit = self.units.find(part)
            if unit is None:
                others.append(part)
            elif unit not in members:
                members.append(unit)
        if others:
            self.warn(
                row_no,
                "成员单位",
                _("Member units not found in %(county)s, kept as written: %(names)s.")
                % {"county": self.county.name, "names": "、".join(others)},
            )
        return members, others

    def _cap_warning(self) -> None:
        cap = caps_of(self.county).get(self.division.level, 0)
        active = (
            CoordinationBody.objects.filter(division=self.division, status=BodyStatus.ACTIVE).count()
            + self.result.active
        )
        if active > cap:
            self.warn(
                0,
                "",
                _(
                    "After this import %(division)s has %(active)d active bodies and its cap is %(cap)d: "
                    "%(excess)d must be revoked (the review page lists them)."
                )
                % {"division": self.division.name, "active": active, "cap": cap, "excess": active - cap},
            )


class _UnitIndex:
    """The county's units by every name a ledger may use: 县农业农村局, 农业农村局, 通榆县农业农村局."""

    def __init__(self, county: Division):
        self.county = county
        self.by_name: dict[str, Unit] = {}
        units = sorted(Unit.objects.filter(county=county), key=lambda u: (not u.is_active, u.pk))
        for unit in reversed(units):  # active units win when two share a name
            for key in self._keys(unit.name) + self._keys(unit.short_name):
                self.by_name[key] = unit

    def _keys(self, name: str) -> list[str]:
        if not name:
            return []
        plain = _plain(name)
        keys = [plain, normalised_name(plain, self.county.name)]
        short = self.county.name
        for prefix in (short, short[:-1] if len(short) > 2 else ""):
            if prefix and plain.startswith(prefix):
                keys.append(plain[len(prefix) :])
        return keys

    def find(self, name: str) -> Unit | None:
        for key in self._keys(name):
            if key in self.by_name:
                return self.by_name[key]
        return None


# --- the preview → commit flow (qingdan.sheets.flow) ---------------------------------------------

PREVIEW_JOB = "bodies.ledger_preview"
COMMIT_JOB = "bodies.ledger_commit"
PREVIEW_ROWS = 500


def _summary(result: LedgerResult, filename: str) -> dict:
    """What the preview page shows, as the preview job keeps it (JSON)."""
    rows = [
        {
            "row": row.row,
            "name": row.name,
            "kind_label": row.kind_label,
            "set_up_on": row.set_up_on.isoformat(),
            "lead_unit_name": row.lead_unit_name,
            "lead_found": row.lead_unit is not None,
            "status": row.status,
            "revoked_on": row.revoked_on.isoformat() if row.revoked_on else "",
        }
        for row in result.rows[:PREVIEW_ROWS]
    ]
    return {
        "ok": result.ok,
        "filename": filename,
        "total": len(result.rows),
        "active": result.active,
        "revoked": result.revoked,
        "skipped": len(result.skipped),
        "rows": rows,
        "more_rows": max(0, len(result.rows) - PREVIEW_ROWS),
        "errors": [problem.as_json() for problem in result.errors],
        "warnings": [problem.as_json() for problem in result.warnings],
    }


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict:
    progress(0, 0, _("Checking the rows"))
    division = Division.objects.get(pk=params["division"])
    return _summary(read_ledger(data, filename, division=division), filename)


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict:
    from . import actions

    progress(0, 0, _("Checking the rows"))
    division = Division.objects.get(pk=params["division"])
    result = read_ledger(data, filename, division=division)
    if not result.ok:
        raise ActionRefused(
            _("The ledger has errors; nothing was imported. Fix the file and upload it again.")
        )
    progress(0, len(result.rows), _("Importing"))
    count = actions.import_ledger(user=user, division=division, rows=result.rows, filename=filename)
    return {"ok": True, "count": count, "division": division.name}


IMPORTER = flow.Importer(
    path="qingdan.bodies.importer.IMPORTER",
    preview_kind=PREVIEW_JOB,
    commit_kind=COMMIT_JOB,
    result_view="bodies:ledger_preview",
    check=_check,
    commit=_commit,
)
