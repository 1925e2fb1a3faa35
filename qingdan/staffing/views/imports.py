"""Importing a roster, quotas or a reform table: upload → preview (every problem by row and column) →
commit, through qingdan.sheets.flow. All or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.jobs.models import JobStatus
from qingdan.sheets import flow

from ..forms import ImportForm, ReformImportForm
from ..importer import IMPORTERS


def _importer(user, what: str):
    importer = IMPORTERS.get(what)
    if importer is None:
        raise Http404
    county = access.require_county(user)
    if what in ("quotas", "reform"):
        access.require(user, Permission.MANAGE_QUOTAS, county)
    else:
        access.require(user, Permission.MANAGE_STAFFING)
    return importer


@login_required
def import_start(request, what: str):
    user = request.user
    importer = _importer(user, what)
    form = (ReformImportForm if what == "reform" else ImportForm)(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        params = {"what": what, **(form.params() if isinstance(form, ReformImportForm) else {})}
        job = flow.start_preview(importer, user=user, upload=form.cleaned_data["file"], params=params)
        return redirect("staffing:import_preview", job.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "staffing/import.html", {"form": form, "what": what}, status=status)


def _job(user, pk: int):
    for what, importer in IMPORTERS.items():
        try:
            return what, importer, flow.job(importer, user, pk)
        except Http404:
            continue
    raise Http404


@login_required
def import_preview(request, job_pk: int):
    what, importer, job = _job(request.user, job_pk)
    _importer(request.user, what)
    result = job.result or {}
    ok = job.status == JobStatus.DONE and result.get("ok")
    committed = job.kind == importer.commit_kind
    context = {"job": job, "result": result, "what": what, "ok": ok, "committed": committed}
    return render(
        request, "staffing/import_preview.html", context, status=200 if ok or not job.is_finished else 400
    )


@login_required
@require_POST
def import_commit(request, job_pk: int):
    what, importer, preview = _job(request.user, job_pk)
    _importer(request.user, what)
    with refusal_shown(request) as shown:
        commit = flow.current(flow.start_commit(importer, user=request.user, preview=preview))
    if shown.refused:
        return redirect("staffing:import_start", what)
    if commit.status == JobStatus.FAILED:
        messages.error(request, commit.error)
        return redirect("staffing:import_start", what)
    return redirect("staffing:import_preview", commit.pk)


@login_required
@require_POST
def import_cancel(request, job_pk: int):
    what, importer, preview = _job(request.user, job_pk)
    flow.cancel(importer, preview=preview)
    messages.info(request, _("The file was discarded; nothing was imported."))
    return redirect("staffing:import_start", what)
