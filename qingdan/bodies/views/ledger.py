"""Importing an existing ledger: upload → preview (every row checked, every problem named) → commit.

The one preview → commit flow of qingdan.sheets.flow: the upload is staged, checked by a job with
progress, and imported by a second job that reads and checks the same staged file again, so what is
imported is exactly what was previewed. All or nothing. The session remembers the preview waiting to be
imported, so "import" needs nothing but a click.
"""

from __future__ import annotations

from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.apitools import upload_too_large
from qingdan.errors import refusal_shown
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.models import Division
from qingdan.sheets import flow

from ..forms import LedgerUploadForm
from ..importer import COMMIT_JOB, IMPORTER, SUFFIXES
from .common import body_divisions

SESSION_KEY = "bodies_ledger_preview"


def _divisions(user):
    county = access.require_county(user)
    access.require(user, Permission.MANAGE_BODIES, county)
    return body_divisions(user, county)


@login_required
def ledger_import(request):
    user = request.user
    divisions = _divisions(user)
    if request.method != "POST":
        return render(request, "bodies/ledger_import.html", {"form": LedgerUploadForm(divisions=divisions)})
    form = LedgerUploadForm(request.POST, request.FILES, divisions=divisions)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        too_large = upload_too_large(upload.size or 0)
        if too_large:
            form.add_error("file", too_large)
        elif PurePath(upload.name).suffix.lower() not in SUFFIXES:
            form.add_error(
                "file",
                _("Upload the ledger as an .xlsx workbook or a .tsv text file (UTF-8, tab-separated)."),
            )
    if not form.is_valid():
        return render(request, "bodies/ledger_import.html", {"form": form}, status=400)
    division: Division = form.cleaned_data["division"]
    job = flow.start_preview(
        IMPORTER, user=user, upload=form.cleaned_data["file"], params={"division": division.pk}
    )
    request.session[SESSION_KEY] = job.pk
    job = flow.current(job)
    if not job.is_finished:
        return redirect("bodies:ledger_preview", job.pk)
    return _preview_page(request, job, divisions)


def _preview_page(request, job: Job, divisions):
    division = divisions.filter(pk=job.params.get("division")).first()
    if division is None:
        raise Http404
    result = job.result if job.status == JobStatus.DONE else {}
    context = {
        "job": job,
        "result": result,
        "rows": result.get("rows", []),
        "more_rows": result.get("more_rows", 0),
        "division": division,
        "filename": job.params.get("filename", ""),
    }
    ok = job.status == JobStatus.DONE and result.get("ok")
    status = 200 if ok or not job.is_finished else 400
    return render(request, "bodies/ledger_preview.html", context, status=status)


@login_required
def ledger_preview(request, job_pk: int):
    """The check of a ledger (its progress while it runs), or where its import led once that finished."""
    divisions = _divisions(request.user)
    job = flow.job(IMPORTER, request.user, job_pk)
    if job.kind == COMMIT_JOB and job.is_finished:
        response = _after_commit(request, job)
        if request.htmx:
            return HttpResponse(headers={"HX-Redirect": response["Location"]})
        return response
    return _preview_page(request, job, divisions)


def _waiting_preview(request) -> Job | None:
    pk = request.POST.get("job") or request.session.get(SESSION_KEY)
    try:
        return flow.job(IMPORTER, request.user, int(pk)) if pk else None
    except (Http404, TypeError, ValueError):
        return None


@login_required
@require_POST
def ledger_commit(request):
    user = request.user
    divisions = _divisions(user)
    preview = _waiting_preview(request)
    if preview is None or not divisions.filter(pk=preview.params.get("division")).exists():
        messages.error(request, _("There is no checked ledger waiting to be imported; upload it again."))
        return redirect("bodies:ledger_import")
    if not flow.may_commit(IMPORTER, preview):
        messages.error(
            request, _("The ledger has errors; nothing was imported. Fix the file and upload it again.")
        )
        return redirect("bodies:ledger_import")
    with refusal_shown(request) as shown:
        commit = flow.current(flow.start_commit(IMPORTER, user=user, preview=preview))
    if shown.refused:
        return redirect("bodies:ledger_import")
    if not commit.is_finished:
        return redirect("bodies:ledger_preview", commit.pk)
    return _after_commit(request, commit)


def _after_commit(request, commit: Job):
    if commit.status != JobStatus.DONE:
        messages.error(request, commit.error)
        return redirect("bodies:ledger_import")
    if request.session.get(SESSION_KEY) == commit.params.get("preview_job"):
        request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Imported %(count)d bodies into the register of %(division)s.")
        % {"count": commit.result["count"], "division": commit.result["division"]},
    )
    return redirect(reverse("bodies:body_list") + "?status=all")


@login_required
@require_POST
def ledger_cancel(request, job_pk: int):
    """Forget a checked ledger: its staged file is deleted at once."""
    _divisions(request.user)
    flow.cancel(IMPORTER, preview=flow.job(IMPORTER, request.user, job_pk))
    request.session.pop(SESSION_KEY, None)
    messages.info(request, _("The file was not imported and is no longer kept."))
    return redirect("bodies:ledger_import")
