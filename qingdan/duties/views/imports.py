"""Importing a catalog file: upload → preview (a job with progress) → commit (a job), all or nothing.

The flow is qingdan.sheets.flow's, with the catalog's checks and import in duties.uploads. The same flow
publishes a county template: only the target and the final action differ.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import refusal_shown
from qingdan.jobs.models import Job, JobStatus
from qingdan.orgs.models import Division
from qingdan.sheets import flow

from .. import uploads
from ..choices import CatalogLevel
from ..forms import CatalogImportForm, TemplatePublishForm
from .common import KIND_LABELS, KIND_ORDER

CATALOG, TEMPLATE = uploads.CATALOG, uploads.TEMPLATE


def _division_from(request) -> Division | None:
    """The division named by ?division= or the posted form: 404 when outside the user's scope."""
    code = request.POST.get("division") or request.GET.get("division")
    if not code:
        return None
    return access.get_visible_or_404(Division, request.user, code=code)


def _start(request, upload, params: dict) -> Job:
    return uploads.start_preview(user=request.user, upload=upload, params=params)


@login_required
def catalog_import(request):
    user = request.user
    division = _division_from(request)
    access.require(user, Permission.IMPORT_CATALOG, division)
    if request.method == "POST":
        form = CatalogImportForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            job = _start(request, form.cleaned_data["file"], {"target": CATALOG, "division": division.code})
            return redirect("duties:import_preview", job.pk)
    else:
        form = CatalogImportForm(initial={"division": division.code if division else ""}, user=user)
    status = 400 if form.is_bound else 200
    return render(request, "duties/catalog_import.html", {"form": form, "division": division}, status=status)


@login_required
def template_publish(request):
    user = request.user
    county = access.require_county(user)
    access.require(user, Permission.PUBLISH_TEMPLATE, county)
    if request.method == "POST":
        form = TemplatePublishForm(request.POST, request.FILES)
        if form.is_valid():
            params = {
                "target": TEMPLATE,
                "county": county.code,
                "level": form.cleaned_data["level"],
                "name": form.cleaned_data["name"],
            }
            job = _start(request, form.cleaned_data["file"], params)
            return redirect("duties:import_preview", job.pk)
    else:
        level = (
            request.GET.get("level")
            if request.GET.get("level") in CatalogLevel.values
            else CatalogLevel.VILLAGE
        )
        name = _("%(county)s duty catalog template for %(level)s") % {
            "county": county.name,
            "level": CatalogLevel(level).label,
        }
        form = TemplatePublishForm(initial={"level": level, "name": name})
    status = 400 if form.is_bound else 200
    return render(request, "duties/template_publish.html", {"form": form, "county": county}, status=status)


def _preview_job(user, job_pk: int) -> Job:
    return flow.job(uploads.IMPORTER, user, job_pk)


def _target(user, job: Job) -> tuple[Division, Permission]:
    """Where the previewed file goes, and what the user must be allowed to do there."""
    if job.params.get("target") == TEMPLATE:
        county = access.get_visible_or_404(Division, user, code=job.params["county"])
        return county, Permission.PUBLISH_TEMPLATE
    division = access.get_visible_or_404(Division, user, code=job.params["division"])
    return division, Permission.IMPORT_CATALOG


def _preview_rows(result: dict) -> list[dict]:
    return [
        {**row, "kind_label": KIND_LABELS.get(row["list_kind"], row["list_kind"])} for row in result["rows"]
    ]


@login_required
def import_preview(request, job_pk: int):
    """While the job runs: a progress bar that polls. Then: counts, rows and every problem found."""
    user = request.user
    job = _preview_job(user, job_pk)
    target, permission = _target(user, job)
    if job.kind == uploads.COMMIT_JOB and job.is_finished:
        response = _after_commit(request, job)
        if request.htmx:  # the polled part of the page: send the whole page on
            return HttpResponse(headers={"HX-Redirect": response["Location"]})
        return response
    result = job.result if job.status == JobStatus.DONE else {}
    counts = result.get("counts", {})
    context = {
        "job": job,
        "target": target,
        "is_template": job.params.get("target") == TEMPLATE,
        "template_level": CatalogLevel(job.params["level"]).label if job.params.get("level") else "",
        "result": result,
        "counts": [(KIND_LABELS[k], counts[k]) for k in KIND_ORDER if k in counts],
        "rows": _preview_rows(result) if result else [],
        "may_commit": bool(result.get("ok")) and access.can(user, permission, target),
        "again_url": _again_url(job),
    }
    template = "duties/_import_preview.html" if request.htmx else "duties/import_preview.html"
    return render(request, template, context)


def _again_url(job: Job) -> str:
    if job.params.get("target") == TEMPLATE:
        return reverse("duties:template_publish")
    return reverse("duties:catalog_import") + f"?division={job.params.get('division', '')}"


@login_required
@require_POST
def catalog_import_commit(request, job_pk: int):
    """Import the checked file as a job: it reads the staged file again, checks it again and imports it
    as one transaction. Under a synchronous queue the job has run on return."""
    user = request.user
    job = _preview_job(user, job_pk)
    target, permission = _target(user, job)
    access.require(user, permission, target)
    if job.kind != uploads.PREVIEW_JOB or job.status != JobStatus.DONE:
        messages.error(request, _("The file has not been checked yet; wait for the check to finish."))
        return redirect("duties:import_preview", job.pk)
    if not job.result.get("ok"):
        messages.error(
            request, _("The file has errors; nothing was imported. Fix the file and upload it again.")
        )
        return redirect("duties:import_preview", job.pk)
    with refusal_shown(request) as shown:
        commit = flow.start_commit(uploads.IMPORTER, user=user, preview=job)
    if shown.refused:
        return redirect("duties:import_preview", job.pk)
    commit = flow.current(commit)
    if not commit.is_finished:
        return redirect("duties:import_preview", commit.pk)
    return _after_commit(request, commit)


def _after_commit(request, commit: Job):
    """Where a finished import leads: the catalog, or back with the reason it failed."""
    if commit.status == JobStatus.DONE:
        result = commit.result
        messages.success(
            request,
            _("Imported %(catalog)s as version %(number)s with %(count)s items.")
            % {"catalog": result["catalog"], "number": result["number"], "count": result["count"]},
        )
        return redirect("duties:catalog_detail", result["catalog_id"])
    messages.error(request, commit.error)
    if uploads.staging.read(commit.params.get("stored_name", "")) is None:
        return redirect(_again_url(commit))  # the file is gone: imported already, or cleaned up
    return redirect("duties:import_preview", commit.params.get("preview_job", commit.pk))


@login_required
@require_POST
def catalog_import_cancel(request, job_pk: int):
    """Forget a previewed file: the staged copy is deleted at once."""
    job = _preview_job(request.user, job_pk)
    flow.cancel(uploads.IMPORTER, preview=job)
    messages.info(request, _("The file was not imported and is no longer kept."))
    return redirect(_again_url(job))
