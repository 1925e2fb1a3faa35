"""Long exports as jobs: the worker makes the file, it is kept sealed in a private folder, the person who
asked for it downloads it from the job's page, and it is deleted KEEP_SECONDS later.

An app describes each export once, at module level:

    CATALOG = exports.Export(
        path="qingdan.duties.exporting.CATALOG",   # where this object lives: the worker imports it
        kind="duties.export_catalog",              # the Job's kind
        authorize=authorize,                       # (user, params) -> None; raises through qingdan.access
        build=build,                               # (job, progress) -> exports.File, in the worker
    )

and its view starts it:  `return exports.begin(request, CATALOG, params={...})`  — authorize (404 for an
outsider, 403 for a read-only person where the export needs a write right), queue the job, and redirect to
the job's page (/jobs/<id>/), whose progress bar polls until the file is ready and then offers the
download (/jobs/<id>/download/). The download asks `authorize` again, so a person who lost the scope
since gets nothing; the job itself is visible only to the person who started it (access rule jobs.job).

The file is sealed with the installation's data key (qingdan.sheets.staging, area "exports"): exports
may hold names and masked personal data. `qingdan purge-uploads` deletes exports older than KEEP_SECONDS
(and abandoned import uploads after a day); a download after that says so and asks to export again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.shortcuts import redirect
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from qingdan.sheets import staging

from . import runner
from .models import Job

KEEP_SECONDS = 2 * 60 * 60
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@dataclass(frozen=True)
class File:
    data: bytes
    filename: str  # shown to the user (may be Chinese); never used on disk
    content_type: str = XLSX


@dataclass(frozen=True)
class Export:
    path: str
    kind: str
    authorize: Callable[[Any, dict[str, Any]], None]
    build: Callable[[Job, runner.Progress], File]

    def __post_init__(self) -> None:
        runner.register(self.kind)(run_export)


def _export(job: Job) -> Export | None:
    path = job.params.get("export") if isinstance(job.params, dict) else None
    if not isinstance(path, str):
        return None
    try:
        export = import_string(path)
    except ImportError:
        return None
    return export if isinstance(export, Export) and export.kind == job.kind else None


def run_export(job: Job, progress: runner.Progress) -> dict[str, Any]:
    export = _export(job)
    if export is None:  # pragma: no cover - only our own params name one
        raise runner.JobError(_("Internal error; please tell the platform administrator."))
    progress(0, 0, _("Preparing the file"))
    made = export.build(job, progress)
    progress(1, 1, _("The file is ready"))
    token = staging.stage_bytes(made.data, made.filename, personal=True, area=staging.EXPORTS)
    return {
        "file": token,
        "filename": made.filename,
        "content_type": made.content_type,
        "size": len(made.data),
    }


def start(export: Export, *, user, params: dict[str, Any]) -> Job:
    """Check the user may have this export, then queue it. Raises Http404/PermissionDenied via access."""
    export.authorize(user, params)
    params = {**params, "export": export.path}
    return runner.start(kind=export.kind, user=user, params=params)


def begin(request, export: Export, *, params: dict[str, Any]):
    """A view's answer: start the export and show its job's page."""
    job = start(export, user=request.user, params=params)
    return redirect("jobs:job_detail", job.pk)


def export_of(job: Job) -> Export | None:
    """The export a job makes, or None when it is some other kind of job."""
    return _export(job)


def is_export(job: Job) -> bool:
    return _export(job) is not None


def purge(*, older_than: float = KEEP_SECONDS) -> int:
    """Delete finished exports older than `older_than` seconds (run by `qingdan purge-uploads`)."""
    return staging.purge(older_than=older_than, area=staging.EXPORTS)


def read(job: Job) -> bytes | None:
    """The file a finished export job made, or None when it has been deleted (or the job made none)."""
    token = (job.result or {}).get("file") if isinstance(job.result, dict) else None
    return staging.read(token, area=staging.EXPORTS) if isinstance(token, str) else None
