"""A small importer for the flow's tests: a list of people with ID numbers, as a residents file holds.

The summary never repeats an ID number; committing writes nothing but counts the rows it was given.
"""

from qingdan.errors import ActionRefused
from qingdan.sheets import flow
from qingdan.sheets.reading import load_grid

COMMITTED: list[int] = []


def _rows(data: bytes, filename: str) -> list[list[str]]:
    grid = load_grid(data, filename)
    if not hasattr(grid, "cells"):
        raise ActionRefused(grid.message)
    return [row for row in grid.cells[1:] if any(cell.strip() for cell in row)]


def _check(data, filename, params, *, user, progress):
    rows = _rows(data, filename)
    progress(len(rows), len(rows), "检查")
    bad = [n for n, row in enumerate(rows, start=2) if len(row) < 2 or len(row[1]) != 18]
    return {"ok": not bad, "total": len(rows), "bad_rows": bad}


def _commit(data, filename, params, *, user, progress):
    rows = _rows(data, filename)
    COMMITTED.append(len(rows))
    return {"ok": True, "count": len(rows)}


PEOPLE = flow.Importer(
    path="qingdan.sheets.tests.importers.PEOPLE",
    preview_kind="sheets.test_preview",
    commit_kind="sheets.test_commit",
    result_view="jobs:job_detail",
    check=_check,
    commit=_commit,
    personal=True,
)
