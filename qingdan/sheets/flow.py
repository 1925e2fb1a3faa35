"""Preview → commit: every spreadsheet import in two jobs with progress, the file staged in between.

An app describes its import once, as an Importer, and its views call:

    job = flow.start_preview(IMPORTER, user=..., upload=..., params={...})   stage the file, check it (job)
    job = flow.start_commit(IMPORTER, user=..., preview=job)                read it again, check it
                                                                            again, write it (job)
    flow.cancel(IMPORTER, preview=job)                                      forget the staged file
    job = flow.job(IMPORTER, user, pk)                                      a preview or commit job of
                                                                            this importer, visible to
                                                                            the user, progress current

The staged file (qingdan.sheets.staging) is deleted when the check finds errors, when the commit
succeeds, on cancel, and by `qingdan purge-uploads` once abandoned. What is committed is exactly what was
previewed: the commit reads the same staged bytes and checks them again.

Importer.check(data, filename, params, user=..., progress=...) returns the JSON summary the preview
page shows; it must hold "ok". Importer.commit(data, filename, params, user=..., progress=...) writes
everything or nothing and returns a JSON summary. Either may raise ActionRefused: the job fails with
its message. progress(done, total, stage) is the job's. The two job functions (run_preview, run_commit) are
registered with qingdan.jobs under each importer's kinds; the worker imports them by path and finds the
importer by its dotted path, kept in the job's params.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.errors import ActionRefused
from qingdan.jobs import runner
from qingdan.jobs.models import Job, JobStatus

from . import staging

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Importer:
    path: str  # dotted path of this object, e.g. "qingdan.duties.uploads.CATALOG": the worker imports it
    preview_kind: str  # the jobs' kinds, e.g. "duties.import_preview"
    commit_kind: str
    result_view: str  # URL name of the page showing a job of either kind (takes the job's pk)
    check: Callable[..., dict[str, Any]]
    commit: Callable[..., dict[str, Any]]
    personal: bool = False  # the file may hold personal data: staged sealed

    def __post_init__(self) -> None:
        runner.register(self.preview_kind)(run_preview)
        runner.register(self.commit_kind)(run_commit)


def _importer(job: Job) -> Importer:
    importer = import_string(job.params["importer"])
    if not isinstance(importer, Importer):  # pragma: no cover - only our own params name one
        raise runner.JobError(_("Internal error; please tell the platform administrator."))
    return importer


def run_preview(job: Job, progress: Progress) -> dict[str, Any]:
    importer = _importer(job)
    params = job.params
    progress(0, 0, _("Reading the file"))
    data = staging.read(params["stored_name"])
    if data is None:
        raise runner.JobError(_("The uploaded file is gone; upload it again."))
    try:
        summary = importer.check(data, params["filename"], params, user=job.created_by, progress=progress)
    except ActionRefused as exc:
        staging.discard(params["stored_name"])
        raise runner.JobError(exc.message) from None
    if not summary.get("ok"):
        staging.discard(params["stored_name"])
    return summary


def run_commit(job: Job, progress: Progress) -> dict[str, Any]:
    importer = _importer(job)
    params = job.params
    data = staging.read(params["stored_name"])
    if data is None:
        raise runner.JobError(_("This file has already been imported or is no longer kept; upload it again."))
    try:
        result = importer.commit(data, params["filename"], params, user=job.created_by, progress=progress)
    except ActionRefused as exc:
        raise runner.JobError(exc.message) from None
    staging.discard(params["stored_name"])
    return result


def current(job: Job) -> Job:
    return runner.current(job)


def start_preview(importer: Importer, *, user, upload, params: dict[str, Any]) -> Job:
    """Stage the upload and start the job that checks it."""
    stored_name = staging.stage(upload, personal=importer.personal)
    params = {
        "result_view": importer.result_view,
        **params,
        "importer": importer.path,
        "stored_name": stored_name,
        "filename": upload.name,
    }
    return runner.start(kind=importer.preview_kind, user=user, params=params)


def may_commit(importer: Importer, preview: Job) -> bool:
    return (
        preview.kind == importer.preview_kind
        and preview.status == JobStatus.DONE
        and bool((preview.result or {}).get("ok"))
    )


def start_commit(importer: Importer, *, user, preview: Job) -> Job:
    """Start the job that imports what `preview` checked. ActionRefused when it was not checked clean."""
    if not may_commit(importer, preview):
        raise ActionRefused(_("The file has not been checked, or it has errors; nothing was imported."))
    params = {**preview.params, "preview_job": preview.pk}
    return runner.start(kind=importer.commit_kind, user=user, params=params)


def cancel(importer: Importer, *, preview: Job) -> None:
    if preview.kind == importer.preview_kind:
        staging.discard(preview.params.get("stored_name", ""))


def job(importer: Importer, user, pk: int) -> Job:
    """A job of this importer the user may see (404 otherwise), with its progress as it stands."""
    jobs = Job.objects.filter(kind__in=[importer.preview_kind, importer.commit_kind])
    return current(access.get_visible_or_404(jobs, user, pk=pk))


def problems(items) -> list[dict[str, Any]]:
    """Problems as a job's JSON result keeps them."""
    return [{"row": p.row, "column": p.column, "message": p.message, "text": str(p)} for p in items]
