"""Catalog files through the one preview → commit flow (qingdan.sheets.flow): what duties adds to it.

The preview job reads and checks the staged file (qingdan.sheets.staging), reporting progress; the commit
job reads the same staged file again, checks it again and imports it (a township or village catalog, or a
county template) as one transaction.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused
from qingdan.orgs.models import Division
from qingdan.sheets import flow, staging

from .sheet import ReadResult, read_catalog

PREVIEW_JOB = "duties.import_preview"
COMMIT_JOB = "duties.import_commit"
CATALOG, TEMPLATE = "catalog", "template"
# Rows of the preview table, as stored in the job's result.
PREVIEW_FIELDS = ("row", "list_kind", "item_no", "category", "name", "responsible_unit")
KEEP_SECONDS = staging.KEEP_SECONDS


def imports_dir():
    return staging.folder()


def store(upload) -> str:
    """Stage an uploaded file under a random name; returns that name (never the user's file name)."""
    return staging.stage(upload)


def read_stored(stored_name: str, filename: str, progress=None) -> ReadResult | None:
    """Read a staged upload again; None when it is gone (already imported, or cleaned up)."""
    data = staging.read(stored_name)
    if data is None:
        return None
    return read_catalog(data, filename, progress=progress)


def discard(stored_name: str) -> None:
    staging.discard(stored_name)


problems = flow.problems


def summary(result: ReadResult) -> dict[str, Any]:
    """What the preview page shows: counts per list kind, the rows, every error and warning."""
    counts = Counter(row.list_kind for row in result.rows)
    return {
        "ok": result.ok,
        "total": len(result.rows),
        "counts": dict(counts),
        "rows": [{name: getattr(row, name) for name in PREVIEW_FIELDS} for row in result.rows],
        "errors": problems(result.errors),
        "warnings": problems(result.warnings),
    }


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    def report(done: int, total: int) -> None:
        progress(done, total, _("Checking the items"))

    return summary(read_catalog(data, filename, progress=report))


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    from . import actions

    progress(0, 0, _("Checking the items"))
    result = read_catalog(data, filename)
    if not result.ok:
        raise ActionRefused(_("The file has errors; nothing was imported. Fix the file and upload it again."))
    progress(0, len(result.rows), _("Importing"))
    if params.get("target") == TEMPLATE:
        version = actions.publish_template(
            user=user,
            county=Division.objects.get(code=params["county"]),
            level=params["level"],
            name=params["name"],
            rows=result.rows,
            filename=filename,
        )
    else:
        division = Division.objects.get(code=params["division"])
        version = actions.import_catalog(user=user, division=division, rows=result.rows, filename=filename)
    progress(len(result.rows), len(result.rows), _("Importing"))
    return {
        "ok": True,
        "catalog_id": version.catalog_id,
        "catalog": version.catalog.name,
        "number": version.number,
        "count": len(result.rows),
    }


IMPORTER = flow.Importer(
    path="qingdan.duties.uploads.IMPORTER",
    preview_kind=PREVIEW_JOB,
    commit_kind=COMMIT_JOB,
    result_view="duties:import_preview",
    check=_check,
    commit=_commit,
)


def start_preview(*, user, upload, params: dict[str, Any]):
    """Stage the upload and start the job that reads and checks it (discarded if it has errors)."""
    return flow.start_preview(IMPORTER, user=user, upload=upload, params=params)
