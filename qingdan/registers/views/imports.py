"""Bulk import into the registers: residents, or village figures, from .xlsx/.tsv.

upload → check (a job with progress: every bad row named) → import (a job with progress), all or nothing.
The one preview → commit flow of qingdan.sheets.flow: the upload is staged sealed (a residents file holds
ID numbers and phones), and the import reads the same staged file again and checks it again.
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
from qingdan.errors import ActionRefused, refusal_shown
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.sheets import flow

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


def _check(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    what = params["what"]
    division = Division.objects.get(code=params["division"])

    def report(done: int, total: int) -> None:
        progress(done, total, _("Checking the rows"))

    result = _read(what, data, filename, division, progress=report)
    errors = list(result.errors)
    return {
        "ok": not errors,
        "total": len(result.rows),
        "error_count": len(errors),
        "errors": _problems(result),
        "rows": _preview_rows(what, result) if not errors else [],
    }


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
        job = flow.start_preview(
            IMPORTER, user=user, upload=upload, params={"what": what, "division": division.code}
        )
        return redirect("registers:import_preview", job.pk)
    context = {"form": form, "what": what, "is_residents": what == RESIDENTS}
    return render(request, "registers/import_upload.html", context, status=400 if form.is_bound else 200)


def _job(user, job_pk: int) -> Job:
    return flow.job(IMPORTER, user, job_pk)


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
    template = "registers/_import_preview.html" if request.htmx else "registers/import_preview.html"
    return render(request, template, context)


def _commit(data: bytes, filename: str, params: dict, *, user, progress) -> dict[str, Any]:
    from qingdan.registers import importer

    what = params["what"]
    division = Division.objects.get(code=params["division"])

    def report(done: int, total: int) -> None:
        progress(done, total, _("Importing"))

    progress(0, 0, _("Checking the rows"))
    result = _read(what, data, filename, division)
    if result.errors:
        raise ActionRefused(_("The file has errors; nothing was imported. Fix the file and upload it again."))
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
    return {"ok": True, "counts": summary, "total": len(result.rows)}


IMPORTER = flow.Importer(
    path="qingdan.registers.views.imports.IMPORTER",
    preview_kind=CHECK_JOB,
    commit_kind=IMPORT_JOB,
    result_view="registers:import_preview",
    check=_check,
    commit=_commit,
    personal=True,  # residents files hold ID numbers and phones: staged sealed
)


@login_required
@require_POST
def import_commit(request, job_pk: int):
    """Read the stored file again, check it again, and import it in one transaction, as a job."""
    user = request.user
    check_job = _job(user, job_pk)
    division = _division_of(user, check_job)
    access.require(user, Permission.MANAGE_REGISTERS, division)
    with refusal_shown(request) as shown:
        job = flow.start_commit(IMPORTER, user=user, preview=check_job)
    if shown.refused:
        return redirect("registers:import_preview", check_job.pk)
    return redirect("registers:import_preview", job.pk)


@login_required
@require_POST
def import_cancel(request, job_pk: int):
    """Do not import a checked file: the staged copy (sealed, it may hold ID numbers) is deleted at once."""
    user = request.user
    check_job = _job(user, job_pk)
    division = _division_of(user, check_job)
    access.require(user, Permission.MANAGE_REGISTERS, division)
    flow.cancel(IMPORTER, preview=check_job)
    messages.info(request, _("The file was not imported and is no longer kept."))
    what = check_job.params.get("what", RESIDENTS)
    return redirect(reverse("registers:import_upload", args=[what]) + f"?division={division.code}")
