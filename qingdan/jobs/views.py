"""A job's page and the partial its progress bar polls. Each person sees only their own jobs."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from qingdan import access

from . import runner
from .models import Job


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
    return {"job": job, "result_url": _result_url(job)}


@login_required
def job_detail(request, pk: int):
    return render(request, "jobs/job_detail.html", _context(request, pk))


@login_required
def job_progress(request, pk: int):
    return render(request, "jobs/_progress.html", _context(request, pk))
