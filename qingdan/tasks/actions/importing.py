"""Rows from an .xlsx file: previewed first, then added all together or not at all.

People are matched by full name among those who may be named on the checklist (queries.people_for);
two people of the same name are told apart as 姓名（单位）. Any unknown name, bad date or missing
value refuses the whole file with messages naming the spreadsheet row and column.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.audit.actions import record
from qingdan.errors import ActionRefused
from qingdan.orgs.models import User

from .. import queries
from ..dates import parse_date
from ..models import Checklist, ChecklistRow
from ..sheet import HEADERS, RawRow, read_sheet
from ._support import (
    RowInput,
    no_deadline,
    no_responsible,
    open_for_change,
    refused_rows,
    row_problems,
)
from .checklists import save_rows

NAME_AND_UNIT = re.compile(r"^(.+?)\s*[（(]\s*(.+?)\s*[)）]$")
SEPARATORS = re.compile(r"[、，,；;/\s]+")
MAX_PROBLEMS = 50


@dataclass
class ImportPreview:
    """What the file would add: the raw rows (to import them after the preview) and the checked rows."""

    raw: list[RawRow]
    rows: list[RowInput]


class People:
    """The people who may be named on a checklist, looked up by what a spreadsheet cell says."""

    def __init__(self, checklist: Checklist):
        self.division = checklist.division
        self.by_name: dict[str, list[User]] = defaultdict(list)
        for person in queries.people_for(checklist.division):
            self.by_name[person.full_name or person.username].append(person)

    def find(self, text: str, *, line: int, column: str, problems: list[str]) -> User | None:
        name, unit = text.strip(), ""
        match = NAME_AND_UNIT.match(name)
        if match:
            name, unit = match.group(1), match.group(2)
        found = self.by_name.get(name, [])
        if unit:
            found = [p for p in found if p.unit is not None and unit in (p.unit.name, p.unit.short_name)]
        if len(found) == 1:
            return found[0]
        where = {"line": line, "column": column, "name": text.strip()}
        if not found:
            problems.append(
                _("Row %(line)d, column “%(column)s”: nobody called “%(name)s” works in %(division)s.")
                % {**where, "division": self.division.name}
            )
        else:
            problems.append(
                _(
                    "Row %(line)d, column “%(column)s”: %(count)d people are called “%(name)s” (%(units)s); "
                    "write the name as 姓名（单位） to say which."
                )
                % {**where, "count": len(found), "units": "、".join(str(p.unit) for p in found)}
            )
        return None

    def find_all(self, text: str, **where) -> list[User]:
        found = (self.find(part, **where) for part in SEPARATORS.split(text.strip()) if part)
        return [person for person in found if person is not None]


def check_import(checklist: Checklist, raw_rows: Sequence[RawRow]) -> list[RowInput]:
    """The rows the file would add, or ActionRefused listing every problem (row and column named)."""
    people = People(checklist)
    problems: list[str] = []
    inputs: list[RowInput] = []
    # A name or date that was written but not understood is reported as such, not again as missing.
    reported: set[str] = set()
    for raw in raw_rows:
        cells, line = raw.cells, raw.line

        def person(field: str, cells=cells, line=line) -> User | None:
            text = cells.get(field, "")
            return people.find(text, line=line, column=HEADERS[field], problems=problems) if text else None

        row = RowInput(
            task=cells.get("task", ""),
            area=cells.get("area", ""),
            measures=cells.get("measures", ""),
            report_to=cells.get("report_to", ""),
            lead_leader=person("lead_leader"),
            responsible=person("responsible"),
            cooperating_leaders=people.find_all(
                cells.get("cooperating_leaders", ""),
                line=line,
                column=HEADERS["cooperating_leaders"],
                problems=problems,
            ),
            deadline=parse_date(cells.get("deadline", "")),
            line=line,
        )
        if cells.get("responsible") and row.responsible is None:
            reported.add(no_responsible(line))
        if cells.get("deadline") and row.deadline is None:
            reported.add(no_deadline(line))
            problems.append(
                _("Row %(line)d, column “%(column)s”: “%(text)s” is not a date; write it as 2025-06-30.")
                % {"line": line, "column": HEADERS["deadline"], "text": cells["deadline"]}
            )
        inputs.append(row)
    problems += [p for p in row_problems(inputs, checklist.division) if p not in reported]
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(_("… and %(count)d more.") % {"count": len(problems) - MAX_PROBLEMS})
        raise ActionRefused(refused_rows(len(problems)), problems=shown)
    return inputs


def preview_import(*, user, checklist: Checklist, file: BinaryIO, name: str = "") -> ImportPreview:
    """Read and check the file without writing anything: the rows it would add, or ActionRefused."""
    access.require(user, Permission.MANAGE_CHECKLIST, checklist)
    if checklist.is_closed:
        raise ActionRefused(_("This checklist is closed: it can no longer be changed."))
    raw = read_sheet(file, name)
    return ImportPreview(raw=raw, rows=check_import(checklist, raw))


@transaction.atomic
def import_rows(
    *,
    user,
    checklist: Checklist,
    file: BinaryIO | None = None,
    name: str = "",
    raw_rows: Sequence[RawRow] | None = None,
) -> list[ChecklistRow]:
    """Add every row of the file (or of the rows a preview read) after the checklist's last row, or
    none: any problem refuses the whole file and nothing changes."""
    checklist = open_for_change(user, checklist)
    if raw_rows is None:
        if file is None:
            raise ActionRefused(_("Choose an .xlsx file to import."))
        raw_rows = read_sheet(file, name)
    inputs = check_import(checklist, raw_rows)
    first = (checklist.rows.aggregate(last=Max("position"))["last"] or 0) + 1
    rows = save_rows(checklist, inputs, first=first)
    record(
        actor=user,
        action="tasks.import_rows",
        obj=checklist,
        note=name,
        changes={"rows": [None, len(rows)]},
    )
    return rows
