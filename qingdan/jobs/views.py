"""A job's page and the partial its progress bar polls; an export job's file. Each person sees only their
own jobs."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.http import content_disposition_header

from qingdan import access

from . import exports, runner
from .models import Job, JobStatus


def _result_url(job: Job) -> str:
    """Where the finished job's result is shown: the view its starter named in params["result_view"]."""
    name = job.params.get("result_view") if isinstance(job.params, dict) else None
    if not name or not job.is_finished:
        return ""
    try:
        return reverse(name, args=[job.pk])
    except NoReverseMatch:
        return ""


def _context(request, pk: int) -> dict:
    job = runner.current(access.get_visible_or_404(Job, request.user, pk=pk))
    download_url = ""
    if job.status == JobStatus.DONE and exports.is_export(job):
        download_url = reverse("jobs:export_download", args=[job.pk])
    return {"job": job, "result_url": _result_url(job), "download_url": download_url}


@login_required
def job_detail(request, pk: int):
    return render(request, "jobs/job_detail.html", _context(request, pk))


@login_required
def job_progress(request, pk: int):
    return render(request, "jobs/_progress.html", _context(request, pk))


@login_required
def export_download(request, pk: int):
    """The file an export job made, to the person who started it, while they still have its scope."""
    job = runner.current(access.get_visible_or_404(Job, request.user, pk=pk))
    export = exports.export_of(job)
    if export is None or job.status != JobStatus.DONE:
        raise Http404
    export.authorize(request.user, job.params)
    data = exports.read(job)
    if data is None:
        return render(request, "jobs/export_gone.html", {"job": job}, status=410)
    response = HttpResponse(data, content_type=job.result.get("content_type") or exports.XLSX)
    response["Content-Disposition"] = content_disposition_header(True, job.result.get("filename") or "export")
    return response
