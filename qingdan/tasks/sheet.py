"""Checklists as spreadsheets, in the column layout townships print them.

COLUMNS                  序号 and the eight columns, as headers are written
read_sheet(file)         the rows of the first sheet as text, found under their header row
checklist_workbook(...)  a checklist as .xlsx: title, source, the table, ready to print on A4 landscape

Reading is pure: names are not looked up here (see actions.check_import). A header row may sit below a
title; merged 工作方面 cells (one value over several rows) carry down to the rows below them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import BinaryIO

from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.sheets.headers import HeaderNames, find_header
from qingdan.sheets.problems import Problem
from qingdan.sheets.reading import load_grid
from qingdan.sheets.writing import titled_table_workbook

# Field name → the header as written in the file, and its width in the exported sheet (characters).
NUMBER = "序号"
COLUMNS: list[tuple[str, str, int]] = [
    ("area", "工作方面", 12),
    ("task", "工作任务", 28),
    ("measures", "工作措施", 40),
    ("lead_leader", "牵头领导", 10),
    ("cooperating_leaders", "配合领导", 12),
    ("responsible", "具体责任人", 10),
    ("deadline", "完成时限", 12),
    ("report_to", "汇报对象", 10),
]
HEADERS = {field: header for field, header, _width in COLUMNS}
REQUIRED = ("task", "responsible", "deadline")
# Other ways people head the same column.
ALIASES = {
    "工作领域": "area",
    "任务": "task",
    "主要任务": "task",
    "具体措施": "measures",
    "措施": "measures",
    "牵头": "lead_leader",
    "配合": "cooperating_leaders",
    "责任人": "responsible",
    "完成时间": "deadline",
    "时间节点": "deadline",
    "汇报": "report_to",
}
MAX_ROWS = 500
HEADER_SEARCH_ROWS = 10


@dataclass
class RawRow:
    """One row of the file as text, by field name; `line` is the row number Excel shows."""

    line: int
    cells: dict[str, str]

    def as_json(self) -> dict:
        return {"line": self.line, "cells": self.cells}

    @classmethod
    def from_json(cls, data: dict) -> RawRow:
        cells = {str(k): str(v) for k, v in dict(data.get("cells") or {}).items() if k in HEADERS}
        return cls(line=int(data["line"]), cells=cells)


# Header cell → field name: the headers themselves and their aliases, spaces and star marks ignored.
_field_names = HeaderNames({**{header: field for field, header in HEADERS.items()}, **ALIASES})


def _field_of(header: str) -> str | None:
    field = _field_names(header)
    return field if field in HEADERS else None


def _fields(cells: list[str]) -> dict[int, str]:
    columns = {col: _field_of(value) for col, value in enumerate(cells)}
    return {col: field for col, field in columns.items() if field}


def _names_task_and_responsible(cells: list[str]) -> bool:
    return {"task", "responsible"} <= set(_fields(cells).values())


def _header_row(grid: list[list[str]]) -> tuple[int, dict[int, str]]:
    """Where the header row is (the first row naming 工作任务 and 具体责任人), and column → field."""
    rows = ((index + 1, cells) for index, cells in enumerate(grid))
    header = find_header(rows, _names_task_and_responsible, search_rows=HEADER_SEARCH_ROWS)
    if header is not None and header.matched:
        return header.row_no - 1, _fields(header.cells)
    raise ActionRefused(
        _("No header row found: the first rows of the sheet must hold the column headers %(headers)s.")
        % {"headers": "、".join(f"“{header}”" for _f, header, _w in COLUMNS)}
    )


def read_sheet(file: BinaryIO, name: str = "") -> list[RawRow]:
    """The filled rows of the first sheet. Refuses (ActionRefused) a file that is not a readable
    workbook, has no header row, lacks a required column, or holds more than MAX_ROWS rows."""
    if name and PurePath(name).suffix.lower() != ".xlsx":
        raise ActionRefused(_("“%(name)s” is not an Excel workbook (.xlsx).") % {"name": PurePath(name).name})
    file.seek(0)
    grid = load_grid(file.read(), name or "sheet.xlsx", suffixes=(".xlsx",))
    if isinstance(grid, Problem):
        raise ActionRefused(grid.message)
    top, fields = _header_row(grid.cells)
    missing = [HEADERS[field] for field in REQUIRED if field not in fields.values()]
    if missing:
        raise ActionRefused(
            _("The header row lacks the column(s) %(columns)s.")
            % {"columns": "、".join(f"“{header}”" for header in missing)}
        )
    rows: list[RawRow] = []
    area = ""
    for index in range(top + 1, len(grid.cells)):
        line = grid.cells[index]
        cells = {field: line[col].strip() for col, field in fields.items() if col < len(line)}
        if not any(cells.values()):
            continue
        # 工作方面 written once for a group of rows (merged, or left blank below) holds for all of them.
        if cells.get("area"):
            area = cells["area"]
        elif "area" in fields.values():
            cells["area"] = area
        rows.append(RawRow(line=index + 1, cells=cells))
    if not rows:
        raise ActionRefused(_("The sheet has a header row but no rows below it."))
    if len(rows) > MAX_ROWS:
        raise ActionRefused(
            _("The sheet holds %(count)d rows; at most %(limit)d are accepted at once.")
            % {"count": len(rows), "limit": MAX_ROWS}
        )
    return rows


def row_cells(row) -> list[str]:
    """One checklist row as the export writes it (people by full name, several joined with 、)."""
    cooperating = "、".join(person.full_name or person.username for person in row.cooperating_leaders.all())
    lead = row.lead_leader
    responsible = row.responsible
    return [
        str(row.position),
        row.area,
        row.task,
        row.measures,
        (lead.full_name or lead.username) if lead else "",
        cooperating,
        responsible.full_name or responsible.username,
        row.deadline.isoformat(),
        row.report_to,
    ]


def checklist_workbook(checklist, rows) -> bytes:
    """The checklist as printed: its title over the table, its source and owner beneath, page numbers."""
    columns = [(NUMBER, 5)] + [(header, width) for _field, header, width in COLUMNS]
    notes = [
        _("Source: %(source)s") % {"source": checklist.source_line},
        _("Issued by: %(unit)s · %(year)d") % {"unit": checklist.owner_unit.name, "year": checklist.year},
    ]
    return titled_table_workbook(
        _("Task checklist"),  # sheet names may not hold some characters a title can
        columns,
        (row_cells(row) for row in rows),
        title=checklist.title,
        notes=notes,
        footer=_("Page &P of &N"),
    )
