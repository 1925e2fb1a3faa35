"""Files: the checklist printed as PDF and exported as .xlsx (jobs: tasks.exports); rows imported from .xlsx
with a preview.

The import is qingdan.sheets.flow's preview → commit (tasks.uploads): the file is staged, checked by a
job, and imported by a second job that reads and checks the same staged file again (all or nothing), so
"import" adds exactly what was shown. The preview page names its job; nothing else travels in the form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.jobs import exports
from qingdan.jobs.models import Job, JobStatus
from qingdan.sheets import flow

from .. import exports as checklist_exports
from ..forms import ImportForm
from ..sheet import COLUMNS, NUMBER
from ..uploads import IMPORTER, PREVIEW_JOB
from .common import download, managed_checklist

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def checklist_pdf(request, pk: int):
    """The checklist as an A4 PDF, laid out by a job; its page offers the file when it is ready."""
    return exports.begin(request, checklist_exports.PDF, params={"checklist": pk})


@login_required
def checklist_xlsx(request, pk: int):
    """The checklist as .xlsx, written by a job; its page offers the file when it is ready."""
    return exports.begin(request, checklist_exports.XLSX, params={"checklist": pk})


@login_required
def import_template(request):
    """An empty sheet in the import layout, to fill in."""
    access.require_own_division(request.user, Permission.MANAGE_CHECKLIST)
    from qingdan.sheets.writing import table_workbook

    columns = [(NUMBER, 6)] + [(header, width) for _field, header, width in COLUMNS]
    data = table_workbook(_("Task checklist"), columns, [])
    return download(data, _("task checklist import template.xlsx"), XLSX)


def _import_page(request, checklist, form, *, job=None, problems=(), status=200):
    result = job.result if job is not None and job.status == JobStatus.DONE else {}
    preview = result if result.get("ok") else None
    context = {
        "checklist": checklist,
        "form": form,
        "job": job,
        "preview": preview,
        "problems": list(problems) or result.get("problems", []),
        "columns": [header for _field, header, _width in COLUMNS],
    }
    return render(request, "tasks/import.html", context, status=status)


def _job_of(request, checklist, pk) -> Job | None:
    """A job of this checklist's import that the user started; None for anything else."""
    try:
        job = flow.job(IMPORTER, request.user, int(pk))
    except (Http404, TypeError, ValueError):
        return None
    return job if job.params.get("checklist") == checklist.pk else None


def _shown(request, checklist, job: Job):
    """The page for a job: its progress, the preview it read, or where its import led."""
    if job.kind != PREVIEW_JOB:
        if not job.is_finished:
            return _import_page(request, checklist, ImportForm(), job=job)
        if job.status == JobStatus.DONE:
            messages.success(request, _("%(count)d rows imported.") % {"count": job.result["count"]})
            return redirect("tasks:checklist_detail", checklist.pk)
        return _import_page(request, checklist, ImportForm(), problems=[job.error], status=400)
    if job.status == JobStatus.FAILED:
        return _import_page(request, checklist, ImportForm(), problems=[job.error], status=400)
    ok = not job.is_finished or job.result.get("ok")
    return _import_page(request, checklist, ImportForm(), job=job, status=200 if ok else 400)


@login_required
def checklist_import(request, pk: int):
    user = request.user
    checklist = managed_checklist(user, pk)
    if request.method != "POST":
        return _import_page(request, checklist, ImportForm())
    if "job" in request.POST:
        return _commit(request, checklist)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, checklist, form, status=400)
    upload = form.cleaned_data["file"]
    job = flow.current(
        flow.start_preview(IMPORTER, user=user, upload=upload, params={"checklist": checklist.pk})
    )
    if not job.is_finished:
        return redirect("tasks:checklist_import_job", checklist.pk, job.pk)
    return _shown(request, checklist, job)


@login_required
def checklist_import_job(request, pk: int, job_pk: int):
    checklist = managed_checklist(request.user, pk)
    job = _job_of(request, checklist, job_pk)
    if job is None:
        raise Http404
    return _shown(request, checklist, job)


def _commit(request, checklist):
    preview = _job_of(request, checklist, request.POST.get("job"))
    if preview is None or not flow.may_commit(IMPORTER, preview):
        message = _("The preview has expired or was changed; choose the file again.")
        return _import_page(request, checklist, ImportForm(), problems=[message], status=400)
    with refusal_shown(request) as shown:  # checked and committed in between: the message says so
        job = flow.current(flow.start_commit(IMPORTER, user=request.user, preview=preview))
    if shown.refused:
        return _import_page(request, checklist, ImportForm(), status=400)
    if not job.is_finished:
        return redirect("tasks:checklist_import_job", checklist.pk, job.pk)
    return _shown(request, checklist, job)


@login_required
def checklist_import_cancel(request, pk: int, job_pk: int):
    """Forget a previewed file: its staged copy is deleted at once."""
    checklist = managed_checklist(request.user, pk)
    if request.method == "POST":
        job = _job_of(request, checklist, job_pk)
        if job is not None:
            flow.cancel(IMPORTER, preview=job)
    return redirect("tasks:checklist_detail", checklist.pk)
