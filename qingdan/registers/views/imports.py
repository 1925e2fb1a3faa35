"""Bulk import into the registers: residents, or village figures, from .xlsx/.tsv.

upload → check (a job with progress: every bad row named) → import (a job with progress), all or nothing.
The upload is kept under MEDIA_ROOT/imports/ between the two (qingdan.duties.uploads stores it under a
random name); the import reads the same stored file again and checks it again.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.duties import uploads
from qingdan.errors import ActionRefused
from qingdan.forms.views.common import is_htmx
from qingdan.jobs import runner
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division

from ..forms import ImportForm

RESIDENTS, FIGURES = "residents", "figures"
WHAT = (RESIDENTS, FIGURES)
CHECK_JOB = "forms.import_check"
IMPORT_JOB = "forms.import_run"
PREVIEW_ROWS = 20
MAX_ERRORS_SHOWN = 200


def _targets(user) -> list[Division]:
    """Villages and townships whose registers the user keeps, in code order."""
    divisions = access.visible(
        Division.objects.filter(level__in=[Level.TOWNSHIP, Level.VILLAGE]), user
    ).order_by("code")
    return [d for d in divisions if access.can(user, Permission.MANAGE_REGISTERS, d)]


def _read(what: str, data: bytes, filename: str, division: Division, progress=None):
    from qingdan.registers import importer

    village = division if division.level == Level.VILLAGE else None
    within = None if village is not None else division
    if what == RESIDENTS:
        return importer.read_residents(data, filename, village=village, within=within, progress=progress)
    return importer.read_village_facts(data, filename, village=village, within=within)


def _stored_bytes(stored_name: str) -> bytes | None:
    try:
        return (uploads.imports_dir() / stored_name).read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None


def _problems(result) -> list[dict[str, Any]]:
    return [
        {
            "row": getattr(p, "row", None),
            "column": getattr(p, "column", ""),
            "message": getattr(p, "message", str(p)),
        }
        for p in list(result.errors)[:MAX_ERRORS_SHOWN]
    ]


def _preview_rows(what: str, result) -> list[list[str]]:
    """The first rows as the page shows them: ID numbers and phones masked."""
    if what == RESIDENTS:
        villages = {v.pk: v.name for v in result.villages.values()}
        return [
            [
                villages.get(row.village_id, row.village_code),
                row.name,
                row.id_masked,
                row.household or "",
                row.phone_masked,
                row.tags or "",
            ]
            for row in result.rows[:PREVIEW_ROWS]
        ]
    names = {e.pk: e.name for e in result.elements}
    lines: dict[tuple, list[str]] = {}
    for row in result.rows:
        key = (row.village_id, row.as_of)
        if key not in lines and len(lines) >= PREVIEW_ROWS:
            break
        lines.setdefault(key, []).append(f"{names.get(row.element_id, '')}：{row.value}")
    villages = {v.pk: v.name for v in result.villages.values()}
    return [
        [villages.get(village_id, ""), "；".join(values), as_of.isoformat()]
        for (village_id, as_of), values in lines.items()
    ]


@runner.register(CHECK_JOB)
def check_upload(job: Job, progress) -> dict[str, Any]:
    params = job.params
    what, stored_name, filename = params["what"], params["stored_name"], params["filename"]
    division = Division.objects.get(code=params["division"])
    progress(0, 0, _("Reading the file"))
    data = _stored_bytes(stored_name)
    if data is None:
        raise runner.JobError(_("The uploaded file is gone; upload it again."))

    def report(done: int, total: int) -> None:
        progress(done, total, _("Checking the rows"))

    try:
        result = _read(what, data, filename, division, progress=report)
    except ActionRefused as exc:
        uploads.discard(stored_name)
        raise runner.JobError(exc.message) from None
    errors = list(result.errors)
    if errors:
        uploads.discard(stored_name)
    return {
        "ok": not errors,
        "total": len(result.rows),
        "error_count": len(errors),
        "errors": _problems(result),
        "rows": _preview_rows(what, result) if not errors else [],
    }


def _start_check(user, *, what: str, division: Division, stored_name: str, filename: str) -> Job:
    params = {
        "what": what,
        "division": division.code,
        "stored_name": stored_name,
        "filename": filename,
        "result_view": "registers:import_preview",
    }
    return runner.start(kind=CHECK_JOB, user=user, params=params)


@login_required
def import_upload(request, what: str):
    user = request.user
    if what not in WHAT:
        raise Http404
    access.require(user, Permission.MANAGE_REGISTERS)
    targets = _targets(user)
    initial = {"division": request.GET.get("division", "")}
    form = ImportForm(request.POST or None, request.FILES or None, divisions=targets, initial=initial)
    if request.method == "POST" and form.is_valid():
        division = access.get_visible_or_404(Division, user, code=form.cleaned_data["division"])
        access.require(user, Permission.MANAGE_REGISTERS, division)
        upload = form.cleaned_data["file"]
        stored_name = uploads.store(upload)
        job = _start_check(user, what=what, division=division, stored_name=stored_name, filename=upload.name)
        return redirect("registers:import_preview", job.pk)
    context = {"form": form, "what": what, "is_residents": what == RESIDENTS}
    return render(request, "registers/import_upload.html", context, status=400 if form.is_bound else 200)


def _job(user, job_pk: int) -> Job:
    jobs = Job.objects.filter(kind__in=[CHECK_JOB, IMPORT_JOB])
    return runner.current(access.get_visible_or_404(jobs, user, pk=job_pk))


def _division_of(user, job: Job) -> Division:
    return access.get_visible_or_404(Division, user, code=job.params.get("division", ""))


@login_required
def import_preview(request, job_pk: int):
    """While a job runs: its progress bar, polling. Then the check's rows and every problem, or the counts."""
    user = request.user
    job = _job(user, job_pk)
    division = _division_of(user, job)
    what = job.params.get("what", RESIDENTS)
    result = job.result if job.status == JobStatus.DONE else {}
    context = {
        "job": job,
        "division": division,
        "what": what,
        "is_residents": what == RESIDENTS,
        "is_import": job.kind == IMPORT_JOB,
        "result": result,
        "may_commit": job.kind == CHECK_JOB
        and bool(result.get("ok"))
        and access.can(user, Permission.MANAGE_REGISTERS, division),
        "again_url": reverse("registers:import_upload", args=[what]) + f"?division={division.code}",
    }
    template = "registers/_import_preview.html" if is_htmx(request) else "registers/import_preview.html"
    return render(request, template, context)


@runner.register(IMPORT_JOB)
def run_import(job: Job, progress) -> dict[str, Any]:
    from qingdan.registers import importer

    params, user = job.params, job.created_by
    stored_name, filename, what = params["stored_name"], params["filename"], params["what"]
    division = Division.objects.get(code=params["division"])
    data = _stored_bytes(stored_name)
    if data is None:
        raise runner.JobError(_("This file has already been imported or is no longer kept; upload it again."))

    def report(done: int, total: int) -> None:
        progress(done, total, _("Importing"))

    progress(0, 0, _("Checking the rows"))
    result = _read(what, data, filename, division)
    if result.errors:
        raise runner.JobError(
            _("The file has errors; nothing was imported. Fix the file and upload it again.")
        )
    try:
        if what == RESIDENTS:
            counts = importer.import_residents(
                user=user,
                village_or_township=division,
                rows=result.rows,
                progress=report,
                filename=filename,
            )
            summary = {
                "created": counts.created,
                "updated": counts.updated,
                "attributes": counts.attributes,
            }
        else:
            progress(0, len(result.rows), _("Importing"))
            figures = importer.import_village_facts(
                user=user, village_or_township=division, rows=result.rows, filename=filename
            )
            summary = {"figures": figures}
    except ActionRefused as exc:
        raise runner.JobError(exc.message) from None
    uploads.discard(stored_name)
    return {"ok": True, "counts": summary, "total": len(result.rows)}


@login_required
@require_POST
def import_commit(request, job_pk: int):
    """Read the stored file again, check it again, and import it in one transaction, as a job."""
    user = request.user
    check_job = _job(user, job_pk)
    division = _division_of(user, check_job)
    access.require(user, Permission.MANAGE_REGISTERS, division)
    params = check_job.params
    if check_job.kind != CHECK_JOB or check_job.status != JobStatus.DONE or not check_job.result.get("ok"):
        messages.error(request, _("The file has not been checked, or it has errors; nothing was imported."))
        return redirect("registers:import_preview", check_job.pk)
    job = runner.start(
        kind=IMPORT_JOB,
        user=user,
        params={**params, "checked_by_job": check_job.pk},
    )
    return redirect("registers:import_preview", job.pk)
