"""An indicator table from .xlsx (or .tsv) into a draft scheme, through the one preview → commit flow
(qingdan.sheets.flow). The preview job reads every row and names each problem by row and column; the
commit job reads the same staged file again and adds every indicator through the actions, all or
nothing.

Columns (the header may sit below title rows):
    村类型 · 指标名称 · 主责事项 (its number or its name) · 分值 · 评分方式 (定量/定性) · 目标值
    · 计分公式 (按比例/达标/不超过) · 评价等次 (好:100;一般:60) · 考核依据 (平台记录/报表/文件)
    · 平台数据来源 (optional: 派单按期办结/报表按时报送/投诉查实/清单完成) · 责任部门
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.sheets import flow, load_grid
from qingdan.sheets.headers import find_header, is_blank, normalise_header
from qingdan.sheets.problems import Problem, Problems

from . import actions, queries
from .actions._checks import indicator_fields
from .choices import Evidence, Formula, RuleKind, Source, VillageType
from .models import Indicator, Scheme

PREVIEW_JOB = "assessment.import_preview"
COMMIT_JOB = "assessment.import_commit"
SUFFIXES = (".xlsx", ".tsv")

# column header → field
COLUMNS = {
    "村类型": "village_type",
    "指标名称": "name",
    "主责事项": "duty_item",
    "分值": "points",
    "评分方式": "rule_kind",
    "目标值": "target",
    "计分公式": "formula",
    "评价等次": "levels",
    "考核依据": "evidence",
    "平台数据来源": "source",
    "责任部门": "department",
}
REQUIRED = ("村类型", "指标名称", "主责事项", "分值", "评分方式", "考核依据", "责任部门")
WORDS: dict[str, dict[str, str]] = {
    "village_type": {
        "城市社区": VillageType.URBAN_COMMUNITY,
        "城郊村": VillageType.PERI_URBAN,
        "园中村": VillageType.PARK,
        "农业村": VillageType.AGRICULTURAL,
    },
    "rule_kind": {"定量": RuleKind.QUANTITATIVE, "定性": RuleKind.QUALITATIVE},
    "formula": {
        "": "",
        "按比例": Formula.PROPORTIONAL,
        "达标": Formula.ALL_OR_NOTHING,
        "不超过": Formula.AT_MOST,
    },
    "evidence": {
        "平台记录": Evidence.PLATFORM_RECORD,
        "报表": Evidence.FORM,
        "文件": Evidence.DOCUMENT,
        "照片": "photo",
    },
    "source": {
        "": Source.NONE,
        "派单按期办结": Source.ORDERS_ON_TIME,
        "报表按时报送": Source.FORMS_SUBMITTED,
        "投诉查实": Source.COMPLAINTS_UPHELD,
        "清单完成": Source.CHECKLIST_ROWS_DONE,
    },
}


@dataclass
class TableRow:
    row: int
    data: actions.IndicatorInput


def _levels(text: str) -> list[dict[str, str]]:
    levels = []
    for part in text.replace("；", ";").split(";"):
        if part.strip():
            label, _sep, share = part.replace("：", ":").partition(":")
            levels.append({"label": label.strip(), "share": share.strip()})
    return levels


def read_table(data: bytes, filename: str, scheme: Scheme) -> tuple[list[TableRow], list[Problem]]:
    """The rows as indicator input, and every problem by spreadsheet row and column (nothing written)."""
    grid = load_grid(data, filename, suffixes=SUFFIXES)
    if isinstance(grid, Problem):
        return [], [grid]
    problems = Problems()
    if grid.formulas:
        for formula_row, refs in sorted(grid.formulas.items()):
            for _col, ref in refs:
                problems.add(formula_row, ref, _("a formula; type the value itself"))
    rows = [(n, cells) for n, cells in enumerate(grid.cells, start=1)]
    header = find_header(rows, lambda cells: {normalise_header(c) for c in cells} >= set(REQUIRED))
    if header is None or not header.matched:
        missing = "、".join(REQUIRED)
        return [], [
            Problem(0, "", _("No header row with the columns %(columns)s was found.") % {"columns": missing})
        ]
    index = {normalise_header(cell): i for i, cell in enumerate(header.cells)}
    items = list(queries.primary_items(scheme.county))
    by_number = {item.item_no: item for item in items}
    by_name = {item.name: item for item in items}
    units = {unit.name: unit for unit in queries.departments(scheme.county)}
    units.update({unit.short_name: unit for unit in units.values() if unit.short_name})
    found: list[TableRow] = []
    for row_no, cells in rows[header.row_no :]:
        if is_blank(cells):
            continue
        value = {title: (cells[i].strip() if i < len(cells) else "") for title, i in index.items()}
        values: dict[str, Any] = {}
        bad = False
        for title, field in COLUMNS.items():
            text = value.get(title, "")
            if title in REQUIRED and not text:
                problems.add(row_no, title, _("empty"))
                bad = True
            elif field in WORDS:
                if text not in WORDS[field]:
                    allowed = "、".join(word for word in WORDS[field] if word and word != "照片")
                    problems.add(
                        row_no,
                        title,
                        _("“%(text)s” is not one of %(allowed)s") % {"text": text, "allowed": allowed},
                    )
                    bad = True
                else:
                    values[field] = WORDS[field][text]
            elif field == "duty_item":
                values[field] = by_number.get(text) or by_name.get(text)
                if values[field] is None:
                    problems.add(
                        row_no,
                        title,
                        _("“%(text)s” is not a primary duty (主责事项) of the village list") % {"text": text},
                    )
                    bad = True
            elif field == "department":
                values[field] = units.get(text)
                if values[field] is None:
                    problems.add(
                        row_no, title, _("“%(text)s” is not a department of the county") % {"text": text}
                    )
                    bad = True
            elif field == "levels":
                values[field] = _levels(text)
            else:
                values[field] = text
        if bad:
            continue
        entry = actions.IndicatorInput(**values)
        try:
            indicator_fields(entry, scheme.county)
        except ActionRefused as refused:
            problems.add(row_no, "", refused.message)
            continue
        found.append(TableRow(row_no, entry))
    if not found and not problems:
        problems.append(Problem(0, "", _("The table holds no indicators.")))
    return found, list(problems)


@transaction.atomic
def import_indicators(*, user, scheme: Scheme, rows: list[TableRow]) -> list[Indicator]:
    """Every row added to the draft through add_indicator, or none (the row that is refused is named)."""
    added = []
    for row in rows:
        try:
            added.append(actions.add_indicator(user=user, scheme=scheme, data=row.data))
        except ActionRefused as refused:
            raise ActionRefused(str(Problem(row.row, "", refused.message))) from None
    return added


def _scheme(params: dict) -> Scheme:
    return Scheme.objects.select_related("county", "division").get(pk=params["scheme"])


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    progress(0, 0, _("Checking the rows"))
    rows, problems = read_table(data, filename, _scheme(params))
    if problems:
        return {"ok": False, "problems": flow.problems(problems)}
    return {
        "ok": True,
        "rows": [
            {
                "row": r.row,
                "name": r.data.name,
                "village_type": str(VillageType(r.data.village_type).label),
                "points": str(r.data.points),
            }
            for r in rows
        ],
    }


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    progress(0, 0, _("Importing"))
    scheme = _scheme(params)
    rows, problems = read_table(data, filename, scheme)
    if problems:
        raise ActionRefused("；".join(str(p) for p in problems[:10]))
    return {"ok": True, "count": len(import_indicators(user=user, scheme=scheme, rows=rows))}


IMPORTER = flow.Importer(
    path="qingdan.assessment.importing.IMPORTER",
    preview_kind=PREVIEW_JOB,
    commit_kind=COMMIT_JOB,
    result_view="assessment:import_job",
    check=_check,
    commit=_commit,
)
