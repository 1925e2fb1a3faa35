"""A form's results as .xlsx, as a job (qingdan.jobs.exports): a county form may gather one row per
resident from every village, so the worker writes the workbook and the person downloads it from the job's
page. ID numbers and phones are masked in it as on the page (queries.export_results)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan import access
from qingdan.jobs import exports

from . import queries
from .models import FormRequest


def visible_form(user, params: dict[str, Any]) -> FormRequest:
    forms = FormRequest.objects.select_related("department", "created_by", "merged_into", "county")
    return access.get_visible_or_404(forms, user, pk=params.get("form"))


def authorize(user, params: dict[str, Any]) -> None:
    visible_form(user, params)


def build(job, progress) -> exports.File:
    form = visible_form(job.created_by, job.params)
    progress(0, 0, _("Writing the workbook"))
    data = queries.export_results(form, job.created_by)
    return exports.File(data, f"{form.title}-{timezone.localdate().isoformat()}.xlsx")


RESULTS = exports.Export(
    path="qingdan.forms.exports.RESULTS", kind="forms.export_results", authorize=authorize, build=build
)
