"""Importing an indicator table into a draft scheme: upload → preview (every problem by row and column)
→ commit, all or nothing, through qingdan.sheets.flow."""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan.apitools import upload_too_large
from qingdan.errors import refusal_shown
from qingdan.jobs.models import JobStatus
from qingdan.sheets import flow

from ..forms import UploadForm
from ..importing import IMPORTER, SUFFIXES
from .common import managed_scheme


@login_required
def indicator_import(request, pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        too_large = upload_too_large(upload.size or 0)
        if too_large:
            form.add_error("file", too_large)
        elif PurePath(upload.name).suffix.lower() not in SUFFIXES:
            form.add_error("file", _("Upload the table as an .xlsx workbook or a .tsv text file."))
        else:
            job = flow.start_preview(IMPORTER, user=user, upload=upload, params={"scheme": scheme.pk})
            return redirect("assessment:import_job", scheme.pk, job.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/import.html", {"scheme": scheme, "form": form}, status=status)


@login_required
def import_job(request, pk: int, job_pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    job = flow.job(IMPORTER, user, job_pk)
    result = job.result if job.status == JobStatus.DONE else {}
    context = {
        "scheme": scheme,
        "job": job,
        "result": result or {},
        "may_commit": flow.may_commit(IMPORTER, job),
    }
    return render(request, "assessment/import_job.html", context)


@login_required
@require_POST
def import_commit(request, pk: int, job_pk: int):
    user = request.user
    scheme = managed_scheme(user, pk)
    preview = flow.job(IMPORTER, user, job_pk)
    with refusal_shown(request) as shown:
        job = flow.start_commit(IMPORTER, user=user, preview=preview)
    if shown.refused:
        return redirect("assessment:import_job", scheme.pk, preview.pk)
    job = flow.current(job)
    if job.status == JobStatus.DONE:
        messages.success(request, _("%(count)d indicators imported.") % {"count": job.result.get("count", 0)})
        return redirect("assessment:scheme_detail", scheme.pk)
    return redirect("assessment:import_job", scheme.pk, job.pk)
