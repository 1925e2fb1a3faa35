"""Checklist rows from .xlsx through the one preview → commit flow (qingdan.sheets.flow).

The preview job reads the staged file and checks every row (people by name, dates) without writing;
the commit job reads the same staged file again and adds its rows, all or nothing (actions.import_rows).
"""

from __future__ import annotations

import io
from typing import Any

from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.sheets import flow

PREVIEW_JOB = "tasks.import_preview"
COMMIT_JOB = "tasks.import_commit"


def _name(person) -> str:
    return (person.full_name or person.username) if person else ""


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    from . import actions
    from .models import Checklist

    progress(0, 0, _("Checking the rows"))
    checklist = Checklist.objects.get(pk=params["checklist"])
    try:
        preview = actions.preview_import(user=user, checklist=checklist, file=io.BytesIO(data), name=filename)
    except ActionRefused as exc:
        return {"ok": False, "problems": [exc.message, *exc.problems]}
    rows = [
        {
            "line": row.line,
            "area": row.area,
            "task": row.task,
            "measures": row.measures,
            "lead_leader": _name(row.lead_leader),
            "cooperating_leaders": [_name(person) for person in row.cooperating_leaders],
            "responsible": _name(row.responsible),
            "deadline": row.deadline.isoformat() if row.deadline else "",
            "report_to": row.report_to,
        }
        for row in preview.rows
    ]
    return {"ok": True, "rows": rows}


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    from . import actions
    from .models import Checklist

    progress(0, 0, _("Importing"))
    checklist = Checklist.objects.get(pk=params["checklist"])
    try:
        rows = actions.import_rows(user=user, checklist=checklist, file=io.BytesIO(data), name=filename)
    except ActionRefused as exc:
        raise ActionRefused("；".join([exc.message, *exc.problems])) from None
    return {"ok": True, "count": len(rows)}


IMPORTER = flow.Importer(
    path="qingdan.tasks.uploads.IMPORTER",
    preview_kind=PREVIEW_JOB,
    commit_kind=COMMIT_JOB,
    result_view="tasks:checklist_import_job",
    check=_check,
    commit=_commit,
)
