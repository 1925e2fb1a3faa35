"""Uploaded catalog files: kept under MEDIA_ROOT/imports/ between the preview and the commit.

The preview runs as a job (qingdan.jobs) that reads and checks the file, reporting progress; the commit
reads the same stored file again, so what is imported is exactly what was previewed and checked.
"""

from __future__ import annotations

import secrets
import time
from collections import Counter
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from qingdan.catalogfile import ReadResult, read_catalog
from qingdan.jobs import runner
from qingdan.jobs.models import Job

PREVIEW_JOB = "duties.import_preview"
# Rows of the preview table, as stored in the job's result.
PREVIEW_FIELDS = ("row", "list_kind", "item_no", "category", "name", "responsible_unit")


def imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


# An upload that was checked but never imported is removed this long after it was stored.
KEEP_SECONDS = 24 * 60 * 60


def store(upload) -> str:
    """Save an uploaded file under a random name; returns that name (never the user's file name)."""
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder)
    name = secrets.token_hex(16) + Path(upload.name).suffix.lower()
    with open(folder / name, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return name


def _remove_stale(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)


def _path(stored_name: str) -> Path:
    # Only names made by store() reach here (from a job's own params), but stay inside the folder anyway.
    return imports_dir() / Path(stored_name).name


def read_stored(stored_name: str, filename: str, progress=None) -> ReadResult | None:
    """Read a stored upload again; None when it is gone (already imported, or cleaned up)."""
    try:
        data = _path(stored_name).read_bytes()
    except FileNotFoundError:
        return None
    return read_catalog(data, filename, progress=progress)


def discard(stored_name: str) -> None:
    _path(stored_name).unlink(missing_ok=True)


def problems(items) -> list[dict[str, Any]]:
    return [{"row": p.row, "column": p.column, "message": p.message, "text": str(p)} for p in items]


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


@runner.register(PREVIEW_JOB)
def check_upload(job: Job, progress) -> dict[str, Any]:
    """The job that reads and checks a stored upload. The file is discarded if it has errors."""
    stored_name, filename = job.params["stored_name"], job.params["filename"]
    progress(0, 0, _("Reading the file"))

    def report(done: int, total: int) -> None:
        progress(done, total, _("Checking the items"))

    result = read_stored(stored_name, filename, progress=report)
    if result is None:
        raise runner.JobError(_("The uploaded file is gone; upload it again."))
    if not result.ok:
        discard(stored_name)
    return summary(result)


def start_preview(*, user, stored_name: str, filename: str, params: dict[str, Any]) -> Job:
    """Start the job that reads and checks a stored upload (check_upload)."""
    return runner.start(
        kind=PREVIEW_JOB,
        user=user,
        params={"stored_name": stored_name, "filename": filename, **params},
    )
