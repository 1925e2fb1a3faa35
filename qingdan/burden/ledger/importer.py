"""Importing a village's light ledger from .xlsx (or .tsv): one entry a row, through qingdan/sheets
(preview → commit as jobs, problems by row and column in Chinese, all or nothing).

The columns (a title row above the header is skipped):
    类别   文件 / 会议 / 督查 / 检查 / 考核 / 证明 / 借调
    月份   2025-03 (文件、证明、借调);  日期  the meeting's or inspection's date
    单位   the unit that sent it (发文、召集、组织、借调单位): a unit of the county, by name
    文号 字数 页数 | 层级 时长 综合性会议 | 索要方类型 索要方 证明事项 | 人数 天数
    村     optional; when given it must be the village chosen for the import
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division, Unit
from qingdan.sheets import cells, flow
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problem, Problems
from qingdan.sheets.reading import load_grid

from . import choices as c
from . import validation as v

COLUMNS = (
    "类别",
    "月份",
    "日期",
    "单位",
    "文号",
    "字数",
    "页数",
    "层级",
    "时长",
    "综合性会议",
    "索要方类型",
    "索要方",
    "证明事项",
    "人数",
    "天数",
    "村",
)
ALIASES = {
    "时长(小时)": "时长",
    "时长（小时）": "时长",
    "发文单位": "单位",
    "召集单位": "单位",
    "组织单位": "单位",
    "借调单位": "单位",
    "页码": "页数",
    "借调人数": "人数",
    "借调天数": "天数",
    "村(社区)": "村",
    "村（社区）": "村",
}
KINDS = {
    "文件": ("document", None),
    "会议": ("meeting", None),
    "督查": ("inspection", c.InspectionKind.SUPERVISION),
    "检查": ("inspection", c.InspectionKind.CHECK),
    "考核": ("inspection", c.InspectionKind.ASSESSMENT),
    "证明": ("certificate", None),
    "借调": ("borrowing", None),
}
LEVELS = {
    "县级": c.MeetingLevel.COUNTY,
    "乡镇级": c.MeetingLevel.TOWNSHIP,
    "市级及以上": c.MeetingLevel.ABOVE,
}
DEMANDERS = {
    "银行": c.DemanderKind.BANK,
    "法院": c.DemanderKind.COURT,
    "政府部门": c.DemanderKind.DEPARTMENT,
    "其他": c.DemanderKind.OTHER,
}
YES_NO = {"是": "yes", "否": "", "": ""}
MAX_ROWS = 2_000
PREVIEW_JOB, COMMIT_JOB = "burden_ledger.import_preview", "burden_ledger.import_commit"


@dataclass
class LedgerFile:
    rows: list[dict[str, Any]] = field(default_factory=list)  # keyword arguments for actions.RECORDERS
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)


class _Units:
    def __init__(self, county: Division):
        self.by_name: dict[str, Unit] = {}
        for unit in Unit.objects.filter(county=county, is_active=True):
            for name in (unit.name, unit.short_name):
                if name:
                    self.by_name[name] = unit
                    # 咸安区农业农村局 is also written 区农业农村局 or 农业农村局
                    for prefix in (county.name, county.name[:-1], county.name[-1:]):
                        if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
                            self.by_name.setdefault(name[len(prefix) :], unit)

    def find(self, name: str) -> Unit | None:
        return self.by_name.get(name.strip())


def read_ledger(data: bytes, filename: str, *, village: Division) -> LedgerFile:
    result = LedgerFile()
    grid = load_grid(data, filename)
    if isinstance(grid, Problem):
        result.problems.append(grid)
        return result
    names = HeaderNames(ALIASES, width_fold=True)
    numbered = list(enumerate(grid.cells, start=1))
    header = find_header(numbered, lambda row: "类别" in [names(cell) for cell in row])
    if header is None or not header.matched:
        result.problems.add(
            0, "", _("No header row with a 类别 column was found; use the template's columns.")
        )
        return result
    columns = {i: names(cell) for i, cell in enumerate(header.cells) if names(cell) in COLUMNS}
    units = _Units(village.county_division())
    for row_no, row in numbered[header.row_no :]:
        if not any(cell.strip() for cell in row):
            continue
        if len(result.rows) >= MAX_ROWS:
            result.problems.add(row_no, "", _("At most %(count)d rows a file.") % {"count": MAX_ROWS})
            break
        values = {name: (row[i] if i < len(row) else "").strip() for i, name in columns.items()}
        _Row(result, row_no, values, units, village).read()
    if not result.rows and not result.problems:
        result.problems.add(0, "", _("The file holds no entries."))
    return result


class _Row:
    def __init__(
        self, result: LedgerFile, row_no: int, values: dict[str, str], units: _Units, village: Division
    ):
        self.result, self.row_no, self.values, self.units, self.village = (
            result,
            row_no,
            values,
            units,
            village,
        )
        self.bad = False

    def problem(self, column: str, message: str) -> None:
        self.result.problems.add(self.row_no, column, message)
        self.bad = True

    def cell(self, column: str, parse, *, required: bool = True, **kw):
        text = self.values.get(column, "")
        if not text:
            if required:
                self.problem(column, _("This cell is empty."))
            return None
        try:
            return parse(text, **kw)
        except cells.CellError as error:
            self.problem(column, str(error))
        except ActionRefused as refused:
            self.problem(column, refused.message)
        return None

    def read(self) -> None:
        given = self.values.get("村", "")
        if given and given != self.village.name:
            self.problem(
                "村",
                _("%(given)s is not %(village)s, the village this file is imported for.")
                % {"given": given, "village": self.village.name},
            )
        found = KINDS.get(self.values.get("类别", ""))
        if found is None:
            self.problem("类别", _("Unknown kind; use one of %(allowed)s.") % {"allowed": "、".join(KINDS)})
            return
        kind, inspection_kind = found
        row: dict[str, Any] = {"entry": kind}
        needs_issuer = kind != "certificate" or self.values.get("索要方类型") == "政府部门"
        row["issuer"] = self.cell("单位", self._unit, required=needs_issuer)
        if kind in ("document", "certificate", "borrowing"):
            row["month"] = self.cell("月份", self._month)
        else:
            row["held_on"] = self.cell("日期", self._day)
        if kind == "document":
            row["number"] = self.cell("文号", cells.text, required=False, limit=c.NUMBER_CHARS) or ""
            row["characters"] = self.cell("字数", self._count, high=c.MAX_CHARACTERS, low=1)
            row["pages"] = self.cell("页数", self._count, required=False, high=c.MAX_PAGES, low=1)
        elif kind == "meeting":
            row["level"] = self.cell("层级", cells.choice, options=LEVELS)
            row["hours"] = self.cell("时长", self._hours)
            row["comprehensive"] = bool(self.cell("综合性会议", cells.choice, required=False, options=YES_NO))
        elif kind == "inspection":
            row["kind"] = inspection_kind
        elif kind == "certificate":
            row["demander_kind"] = self.cell("索要方类型", cells.choice, options=DEMANDERS)
            row["demander"] = self.cell("索要方", cells.text, limit=c.NAME_CHARS)
            row["purpose"] = self.cell("证明事项", cells.text, limit=c.PURPOSE_CHARS)
        else:
            row["cadres"] = self.cell("人数", self._count, high=c.MAX_CADRES, low=1)
            row["days"] = self.cell("天数", self._count, high=31, low=1)
        if not self.bad:
            self.result.rows.append(row)

    def _unit(self, text: str) -> Unit:
        unit = self.units.find(text)
        if unit is None:
            raise ActionRefused(
                _("%(name)s is not a unit of %(county)s.")
                % {"name": text, "county": self.village.county_division().name}
            )
        return unit

    def _month(self, text: str):
        return v.month_of(cells.date(text if len(text) > 7 else f"{text}-01"), label=_("The month"))

    def _day(self, text: str):
        return v.day_of(cells.date(text), label=_("The date"))

    def _count(self, text: str, *, high: int, low: int = 0) -> int:
        return v.count(cells.integer(text), label=_("The number"), high=high, low=low)

    def _hours(self, text: str):
        return v.hours(cells.decimal(text), label=_("The hours"))


# --- the preview → commit flow ---------------------------------------------------------------------


def _summary(result: LedgerFile, filename: str) -> dict:
    counts: dict[str, int] = {}
    for row in result.rows:
        counts[row["entry"]] = counts.get(row["entry"], 0) + 1
    return {
        "ok": result.ok,
        "filename": filename,
        "total": len(result.rows),
        "by_kind": counts,
        "errors": [problem.as_json() for problem in result.problems],
    }


def _village(params: dict) -> Division:
    return Division.objects.get(pk=params["village"])


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict:
    progress(0, 0, _("Checking the rows"))
    return _summary(read_ledger(data, filename, village=_village(params)), filename)


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict:
    from . import actions

    village = _village(params)
    result = read_ledger(data, filename, village=village)
    if not result.ok:
        raise ActionRefused(
            _("The ledger has errors; nothing was imported. Fix the file and upload it again.")
        )
    progress(0, len(result.rows), _("Importing"))
    count = actions.record_rows(user=user, village=village, rows=result.rows)
    return {"ok": True, "count": count, "village": village.name}


IMPORTER = flow.Importer(
    path="qingdan.burden.ledger.importer.IMPORTER",
    preview_kind=PREVIEW_JOB,
    commit_kind=COMMIT_JOB,
    result_view="burden_ledger:import_preview",
    check=_check,
    commit=_commit,
)
