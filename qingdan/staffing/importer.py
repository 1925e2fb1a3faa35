"""Importing rosters (花名册) and quotas from .xlsx (or .tsv) through qingdan.sheets: preview → commit as
jobs, all or nothing, every problem named by row and column in Chinese.

ROSTER   姓名 · 身份证号 · 手机号码 · 身份类别 (行政编/事业编/编外/派驻) · 工作单位 · 占编单位 ·
         派出单位 · 是否领导 · optional 转入周转池日期 · 现从事工作: a row with them is recorded into the
         turnover pool (staff already over the quota) and needs no vacancy; every other row does.
QUOTAS   单位 · 序列 (党委/政府/群团/事业) · 行政编制 · 事业编制 · 领导职数 · 是否执法队伍
REFORM   改革前后 (改革前/改革后) · 单位 · 类别 (党政机构/事业单位/执法队伍/乡镇) · 行政编制 · 事业编制 ·
         领导职数 · 去向 (保留/并入/拆分/撤销, units before the reform) · 新单位 (separated by 、)
         The reform's name, document and date come with the upload; the commit records it in one act
         (actions.record_reform), the seeds' before → after table shown in the preview.

Units are named as the platform knows them, among the units the importing person may manage. The commit
reads the same staged file, checks it again and writes every row through the actions in one transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused
from qingdan.orgs.models import Unit
from qingdan.registers import personal
from qingdan.registers.values import check_id_number, parse_phone
from qingdan.sheets import cells, flow
from qingdan.sheets.grid import Grid
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problems
from qingdan.sheets.reading import load_grid

from . import actions, queries
from .actions import MappingRow, UnitRow
from .actions.quotas import no_vacancy
from .choices import QUOTA_OF_IDENTITY, Identity, MappingKind, ReformUnitKind, Series, Side
from .forms import names
from .models import StaffedUnit, StaffPerson
from .queries import filled

IDENTITY_LABELS = {
    "行政编": Identity.ADMINISTRATIVE,
    "事业编": Identity.INSTITUTION,
    "编外": Identity.CONTRACT,
    "派驻": Identity.DISPATCHED,
}
SERIES_LABELS = {
    "党委": Series.PARTY,
    "政府": Series.GOVERNMENT,
    "群团": Series.MASS,
    "事业": Series.INSTITUTION,
}
YES_NO = {"是": "1", "否": "", "": ""}
ROSTER_COLUMNS = ("姓名", "身份证号", "手机号码", "身份类别", "工作单位", "占编单位", "派出单位", "是否领导")
QUOTA_COLUMNS = ("单位", "序列", "行政编制", "事业编制", "领导职数", "是否执法队伍")
REFORM_COLUMNS = ("改革前后", "单位", "类别", "行政编制", "事业编制", "领导职数", "去向", "新单位")
POOL_COLUMNS = ("转入周转池日期", "现从事工作")
_headers = HeaderNames(
    {
        "手机": "手机号码",
        "身份证号码": "身份证号",
        "联系电话": "手机号码",
        "入池日期": "转入周转池日期",
        "进入周转池日期": "转入周转池日期",
        "转入周转池时间": "转入周转池日期",
        "现承担工作": "现从事工作",
        "现从事工作内容": "现从事工作",
    },
    drop_note=True,
)


@dataclass
class Sheet:
    rows: list[tuple[int, dict[str, str]]]


def _sheet(data: bytes, filename: str, columns: tuple[str, ...], problems: Problems) -> Sheet:
    grid = load_grid(data, filename, suffixes=(".xlsx", ".tsv", ".txt"))
    if not isinstance(grid, Grid):
        raise ActionRefused(str(grid))
    if grid.formulas:
        first = min(grid.formulas)
        raise ActionRefused(
            _("Row %(row)d holds a formula; save the values only and upload again.") % {"row": first}
        )
    numbered = [(n, row) for n, row in enumerate(grid.cells, start=1)]
    header = find_header(numbered, lambda c: columns[0] in [_headers(x) for x in c])
    if header is None:
        raise ActionRefused(_("The file is empty."))
    names = [_headers(c) for c in header.cells]
    missing = [c for c in columns[:2] if c not in names]
    if missing:
        raise ActionRefused(_("The header row lacks the column %(column)s.") % {"column": missing[0]})
    rows = []
    for n, cells_of_row in numbered:
        if n <= header.row_no or not any(c.strip() for c in cells_of_row):
            continue
        width = len(cells_of_row)
        rows.append(
            (n, {name: (cells_of_row[i] if i < width else "") for i, name in enumerate(names) if name})
        )
    if not rows:
        raise ActionRefused(_("The file has no rows below its header."))
    return Sheet(rows)


def _units(user, permission: Permission) -> dict[str, StaffedUnit]:
    units = access.visible(StaffedUnit.objects.select_related("unit__division"), user)
    return {u.unit.name: u for u in units if access.can(user, permission, u)}


# --- rosters --------------------------------------------------------------------------------------


def _roster_rows(data, filename, user) -> tuple[list[dict[str, Any]], Problems]:
    problems = Problems()
    sheet = _sheet(data, filename, ROSTER_COLUMNS, problems)
    units = _units(user, Permission.MANAGE_STAFFING)
    senders = {u.name: u for u in access.county_departments(user)}
    seen: dict[str, int] = {}
    rows = []
    for n, row in sheet.rows:
        fields: dict[str, Any] = {"row": n}
        for column, key, read in (
            ("姓名", "name", lambda v: cells.text(v, limit=50) or _fail(_("Fill in the name."))),
            ("身份证号", "id_number", lambda v: _value(check_id_number, v)),
            ("手机号码", "phone", lambda v: _value(parse_phone, v) if v.strip() else ""),
            ("身份类别", "identity", lambda v: cells.choice(v, IDENTITY_LABELS)),
            ("工作单位", "works_in", lambda v: _lookup(units, v, required=True)),
            ("占编单位", "quota_unit", lambda v: _lookup(units, v, required=False)),
            ("派出单位", "sending_unit", lambda v: _lookup(senders, v, required=False)),
            ("是否领导", "is_leader", lambda v: bool(cells.choice(v, YES_NO))),
            ("转入周转池日期", "pool_since", lambda v: cells.date(v) if v.strip() else None),
            ("现从事工作", "pool_duty", lambda v: cells.text(v, limit=200)),
        ):
            try:
                fields[key] = read(row.get(column, ""))
            except (cells.CellError, ValueError) as exc:
                problems.add(n, column, str(exc))
        _pool_cells(n, row, problems)
        number = fields.get("id_number")
        if number:
            if number in seen:
                problems.add(
                    n, "身份证号", _("The same ID number is on row %(row)d.") % {"row": seen[number]}
                )
            seen[number] = n
        rows.append(fields)
    known = set(
        StaffPerson.objects.filter(id_hash__in=[personal.lookup_hash(k) for k in seen]).values_list(
            "id_hash", flat=True
        )
    )
    for number, n in seen.items():
        if personal.lookup_hash(number) in known:
            problems.add(n, "身份证号", _("This person is already on the county's rosters."))
    for fields in rows:
        if (
            fields.get("identity") == Identity.DISPATCHED
            and "sending_unit" in fields
            and not fields["sending_unit"]
        ):
            problems.add(fields["row"], "派出单位", _("Name the unit that sends this person."))
        works, quota = fields.get("works_in"), fields.get("quota_unit")
        if (
            works
            and quota
            and quota.is_township
            and not works.is_township
            and fields.get("identity") in QUOTA_OF_IDENTITY
        ):
            problems.add(
                fields["row"], "占编单位", _("A county unit may not occupy a township quota (专编专用).")
            )
    _vacancies(rows, problems)
    return rows, problems


def _pool_cells(n: int, row: dict[str, str], problems: Problems) -> None:
    """The pool columns go together: a date without what they now do (or the reverse) is a problem."""
    since, duty = (row.get(column, "").strip() for column in POOL_COLUMNS)
    if since and not duty:
        problems.add(n, "现从事工作", _("Fill in what the person now does in the turnover pool."))
    elif duty and not since:
        problems.add(n, "转入周转池日期", _("Give the date the person entered the turnover pool."))


def _vacancies(rows: list[dict[str, Any]], problems: Problems) -> None:
    """A row that would take a quota its unit no longer has is a problem of the preview, as add_person
    would refuse it at the commit: people already in the quota and the rows above count. A row recorded
    into the turnover pool occupies no quota, so it is neither checked nor counted."""
    taken: dict[tuple[int, str], int] = {}
    for fields in rows:
        if fields.get("pool_since") or fields.get("pool_duty"):
            continue
        identity = fields.get("identity")
        kind = QUOTA_OF_IDENTITY.get(Identity(identity)) if identity else None
        unit = fields.get("quota_unit") or fields.get("works_in")
        if kind is None or unit is None:
            continue
        key = (unit.pk, kind)
        if key not in taken:
            taken[key] = filled(unit, kind)
        if taken[key] >= unit.quota(kind):
            column = "占编单位" if fields.get("quota_unit") else "工作单位"
            problems.add(
                fields["row"],
                column,
                _(
                    "%(refusal)s Staff already over the quota may be recorded into the turnover pool: "
                    "fill in 转入周转池日期 and 现从事工作."
                )
                % {"refusal": no_vacancy(unit, kind, taken[key])},
            )
        taken[key] += 1


def _fail(message: str):
    raise cells.CellError(message)


def _value(parse, text: str):
    try:
        return parse(text.strip())
    except ValueError as exc:
        raise cells.CellError(str(exc)) from None


def _lookup(found: dict, name: str, *, required: bool):
    name = name.strip()
    if not name:
        if required:
            raise cells.CellError(_("Fill in the unit."))
        return None
    if name not in found:
        raise cells.CellError(_("%(name)s is not a unit you may manage.") % {"name": name})
    return found[name]


def _roster_check(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _roster_rows(data, filename, user)
    progress(len(rows), len(rows), _("Checking"))
    return {
        "ok": not problems,
        "rows": len(rows),
        "problems": flow.problems(problems),
        "sample": [
            {"name": r.get("name", ""), "id_number": personal.mask_id(r.get("id_number") or "")}
            for r in rows[:20]
        ],
    }


def _roster_commit(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _roster_rows(data, filename, user)
    if problems:
        raise ActionRefused(_("The file has errors; nothing was imported."))
    with transaction.atomic():
        for n, fields in enumerate(rows, start=1):
            fields = dict(fields)
            fields.pop("row")
            actions.add_person(user=user, **fields)
            progress(n, len(rows), _("Importing"))
    return {"ok": True, "imported": len(rows)}


ROSTER = flow.Importer(
    path="qingdan.staffing.importer.ROSTER",
    preview_kind="staffing.roster_preview",
    commit_kind="staffing.roster_commit",
    result_view="staffing:import_preview",
    check=_roster_check,
    commit=_roster_commit,
    personal=True,
)


# --- quotas ---------------------------------------------------------------------------------------


def _quota_rows(data, filename, user) -> tuple[list[dict[str, Any]], Problems]:
    problems = Problems()
    sheet = _sheet(data, filename, QUOTA_COLUMNS, problems)
    county = access.require_county(user)
    units = {u.name: u for u in access.visible(Unit.objects.filter(county=county, is_active=True), user)}
    seen: set[str] = set()
    rows = []
    for n, row in sheet.rows:
        fields: dict[str, Any] = {"row": n}
        for column, key, read in (
            ("单位", "unit", lambda v: _lookup(units, v, required=True)),
            ("序列", "series", lambda v: cells.choice(v, SERIES_LABELS)),
            ("行政编制", "administrative_quota", _count),
            ("事业编制", "institution_quota", _count),
            ("领导职数", "leader_posts", _count),
            ("是否执法队伍", "is_enforcement_team", lambda v: bool(cells.choice(v, YES_NO))),
        ):
            try:
                fields[key] = read(row.get(column, ""))
            except cells.CellError as exc:
                problems.add(n, column, str(exc))
        name = row.get("单位", "").strip()
        if name in seen:
            problems.add(n, "单位", _("%(unit)s is named twice.") % {"unit": name})
        seen.add(name)
        rows.append(fields)
    return rows, problems


def _count(text: str) -> int:
    number = cells.integer(text) if text.strip() else 0
    if not 0 <= number <= 100_000:
        raise cells.CellError(_("Give a whole number from 0 to 100,000."))
    return number


def _quota_check(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _quota_rows(data, filename, user)
    progress(len(rows), len(rows), _("Checking"))
    return {"ok": not problems, "rows": len(rows), "problems": flow.problems(problems), "sample": []}


def _quota_commit(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _quota_rows(data, filename, user)
    if problems:
        raise ActionRefused(_("The file has errors; nothing was imported."))
    with transaction.atomic():
        for fields in rows:
            fields = dict(fields)
            fields.pop("row")
            actions.set_unit_quotas(user=user, **fields)
    return {"ok": True, "imported": len(rows)}


QUOTAS = flow.Importer(
    path="qingdan.staffing.importer.QUOTAS",
    preview_kind="staffing.quotas_preview",
    commit_kind="staffing.quotas_commit",
    result_view="staffing:import_preview",
    check=_quota_check,
    commit=_quota_commit,
)


# --- reform tables -------------------------------------------------------------------------------

SIDE_LABELS = {"改革前": Side.BEFORE, "改革后": Side.AFTER}
KIND_LABELS = {
    "党政机构": ReformUnitKind.DEPARTMENT,
    "事业单位": ReformUnitKind.INSTITUTION,
    "执法队伍": ReformUnitKind.ENFORCEMENT,
    "乡镇": ReformUnitKind.TOWNSHIP,
}
HOW_LABELS = {
    "保留": MappingKind.KEPT,
    "并入": MappingKind.MERGED,
    "拆分": MappingKind.SPLIT,
    "撤销": MappingKind.ABOLISHED,
}


def _reform_rows(data, filename) -> tuple[list[dict[str, Any]], Problems]:
    problems = Problems()
    sheet = _sheet(data, filename, REFORM_COLUMNS, problems)
    rows = []
    for n, row in sheet.rows:
        fields: dict[str, Any] = {"row": n}
        for column, key, read in (
            ("改革前后", "side", lambda v: cells.choice(v, SIDE_LABELS)),
            ("单位", "name", lambda v: cells.text(v, limit=200) or _fail(_("Fill in the unit."))),
            ("类别", "kind", lambda v: cells.choice(v, KIND_LABELS)),
            ("行政编制", "administrative_quota", _count),
            ("事业编制", "institution_quota", _count),
            ("领导职数", "leader_posts", _count),
            ("去向", "how", lambda v: cells.choice(v, HOW_LABELS) if v.strip() else ""),
            ("新单位", "into", names),
        ):
            try:
                fields[key] = read(row.get(column, ""))
            except cells.CellError as exc:
                problems.add(n, column, str(exc))
        rows.append(fields)
    seen: dict[tuple[str, str], int] = {}
    for fields in rows:
        listed = (fields.get("side", ""), fields.get("name", ""))
        if all(listed) and listed in seen:
            problems.add(
                fields["row"],
                "单位",
                _("%(unit)s is already listed on row %(row)d.") % {"unit": listed[1], "row": seen[listed]},
            )
        seen.setdefault(listed, fields["row"])
    after = {f["name"] for f in rows if f.get("side") == Side.AFTER and f.get("name")}
    for fields in rows:
        if fields.get("side") == Side.AFTER and (fields.get("how") or fields.get("into")):
            problems.add(fields["row"], "去向", _("Only a unit before the reform says where it went."))
        if fields.get("side") != Side.BEFORE or "how" not in fields:
            continue
        how = fields["how"]
        if not how:
            problems.add(fields["row"], "去向", _("Say where this unit went: 保留, 并入, 拆分 or 撤销."))
            continue
        if "into" not in fields:  # the cell itself was wrong, and is reported already
            continue
        name = fields.get("name", "")
        problem = actions.mapping_problem(name, how, actions.went_to(name, how, fields["into"]), after)
        if problem:
            problems.add(fields["row"], "新单位", problem)
    if not problems and not {Side.BEFORE, Side.AFTER} <= {f["side"] for f in rows}:
        raise ActionRefused(_("List the units before and after the reform."))
    return rows, problems


def _unit_rows(rows, side: str) -> list[UnitRow]:
    keys = ("name", "kind", "administrative_quota", "institution_quota", "leader_posts")
    return [UnitRow(*(f[k] for k in keys)) for f in rows if f["side"] == side]


def _reform_check(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _reform_rows(data, filename)
    progress(len(rows), len(rows), _("Checking"))
    table = []
    if not problems:
        lines = queries.table_of(_unit_rows(rows, Side.BEFORE), _unit_rows(rows, Side.AFTER))
        table = [
            {
                "label": t.label,
                "before": t.before,
                "after": t.after,
                "change": t.change,
                "percent": "" if t.percent is None else str(t.percent),
            }
            for t in lines
        ]
    return {
        "ok": not problems,
        "rows": len(rows),
        "problems": flow.problems(problems),
        "sample": [],
        "table": table,
    }


def _reform_commit(data, filename, params, *, user, progress) -> dict[str, Any]:
    rows, problems = _reform_rows(data, filename)
    if problems:
        raise ActionRefused(_("The file has errors; nothing was imported."))
    county = access.require_county(user)
    reform = actions.record_reform(
        user=user,
        county=county,
        name=params.get("name", ""),
        document=params.get("document", ""),
        decided_on=datetime.date.fromisoformat(params.get("decided_on", "")),
        before=_unit_rows(rows, Side.BEFORE),
        after=_unit_rows(rows, Side.AFTER),
        mappings=[MappingRow(f["name"], f["how"], f["into"]) for f in rows if f["side"] == Side.BEFORE],
    )
    progress(len(rows), len(rows), _("Importing"))
    return {"ok": True, "imported": len(rows), "reform": reform.pk}


REFORM = flow.Importer(
    path="qingdan.staffing.importer.REFORM",
    preview_kind="staffing.reform_preview",
    commit_kind="staffing.reform_commit",
    result_view="staffing:import_preview",
    check=_reform_check,
    commit=_reform_commit,
)

IMPORTERS = {"roster": ROSTER, "quotas": QUOTAS, "reform": REFORM}
