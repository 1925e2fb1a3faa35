"""Importing a village's ledger from .xlsx: upload → preview (every problem by row and column) → commit,
all or nothing, through qingdan.sheets.flow. The session remembers the preview waiting to be imported."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import upload_too_large
from qingdan.errors import refusal_shown
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.sheets import flow
from qingdan.sheets.writing import table_workbook

from ..forms import UploadForm
from ..importer import COLUMNS, COMMIT_JOB, IMPORTER
from ..models import MonitoringPoint

SESSION_KEY = "burden_ledger_preview"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Two example rows of the template: a document and a meeting.
EXAMPLE = {
    "文件": {
        "类别": "文件",
        "月份": "2025-03",
        "单位": "区农业农村局",
        "文号": "咸农发〔2025〕3号",
        "字数": 2400,
        "页数": 3,
    },
    "会议": {
        "类别": "会议",
        "日期": "2025-03-12",
        "单位": "区民政局",
        "层级": "县级",
        "时长": 1.5,
        "综合性会议": "否",
    },
}
SUFFIXES = (".xlsx", ".tsv")


def _villages(user):
    """The monitoring points the person keeps the ledger of (403 when they keep none)."""
    access.require(user, Permission.RECORD_LEDGER)
    points = MonitoringPoint.objects.filter(is_active=True).values("village_id")
    return access.visible(Division.objects.filter(level=Level.VILLAGE, pk__in=points), user).order_by("code")


@login_required
def import_upload(request):
    user = request.user
    villages = _villages(user)
    if request.method != "POST":
        return render(request, "burden_ledger/import.html", {"form": UploadForm(villages=villages)})
    form = UploadForm(request.POST, request.FILES, villages=villages)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        too_large = upload_too_large(upload.size or 0)
        if too_large:
            form.add_error("file", too_large)
        elif PurePath(upload.name).suffix.lower() not in SUFFIXES:
            form.add_error("file", _("Upload the ledger as an .xlsx workbook."))
    if not form.is_valid():
        return render(request, "burden_ledger/import.html", {"form": form}, status=400)
    village = form.cleaned_data["village"]
    access.require(user, Permission.RECORD_LEDGER, village)
    job = flow.start_preview(
        IMPORTER, user=user, upload=form.cleaned_data["file"], params={"village": village.pk}
    )
    request.session[SESSION_KEY] = job.pk
    job = flow.current(job)
    if not job.is_finished:
        return redirect("burden_ledger:import_preview", job.pk)
    return _preview_page(request, job)


def _preview_page(request, job: Job):
    result = job.result if job.status == JobStatus.DONE else {}
    context = {"job": job, "result": result, "filename": job.params.get("filename", "")}
    ok = job.status == JobStatus.DONE and result.get("ok")
    return render(
        request,
        "burden_ledger/import_preview.html",
        context,
        status=200 if ok or not job.is_finished else 400,
    )


@login_required
def import_preview(request, job_pk: int):
    _villages(request.user)
    job = flow.job(IMPORTER, request.user, job_pk)
    if job.kind == COMMIT_JOB and job.is_finished:
        response = _after_commit(request, job)
        return HttpResponse(headers={"HX-Redirect": response["Location"]}) if request.htmx else response
    return _preview_page(request, job)


@login_required
@require_POST
def import_commit(request):
    user = request.user
    _villages(user)
    pk = request.POST.get("job") or request.session.get(SESSION_KEY)
    preview = None
    if pk and str(pk).isdigit():
        preview = Job.objects.filter(pk=int(pk), kind=IMPORTER.preview_kind, created_by=user).first()
    if preview is None or not flow.may_commit(IMPORTER, preview):
        messages.error(request, _("There is no checked ledger waiting to be imported; upload it again."))
        return redirect("burden_ledger:import_upload")
    with refusal_shown(request) as shown:
        commit = flow.current(flow.start_commit(IMPORTER, user=user, preview=preview))
    if shown.refused:
        return redirect("burden_ledger:import_upload")
    if not commit.is_finished:
        return redirect("burden_ledger:import_preview", commit.pk)
    return _after_commit(request, commit)


def _after_commit(request, commit: Job):
    if commit.status != JobStatus.DONE:
        messages.error(request, commit.error)
        return redirect("burden_ledger:import_upload")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(count)d entries into the ledger of %(village)s.")
        % {"count": commit.result["count"], "village": commit.result["village"]},
    )
    return redirect("burden_ledger:village_detail", commit.params["village"])


@login_required
@require_POST
def import_cancel(request, job_pk: int):
    _villages(request.user)
    flow.cancel(IMPORTER, preview=flow.job(IMPORTER, request.user, job_pk))
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The file was not imported and is no longer kept."))
    return redirect("burden_ledger:import_upload")


@login_required
def import_template(request):
    """The columns of the import as an empty workbook with two example rows."""
    _villages(request.user)
    rows = [[example.get(column, "") for column in COLUMNS] for example in EXAMPLE.values()]
    data = table_workbook("台账", [(column, 12) for column in COLUMNS], rows)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''ledger-template.xlsx"
    return response
