"""The checklist printed as A4 PDF and exported as .xlsx, each as a job (qingdan.jobs.exports): laying out a
long checklist with WeasyPrint takes seconds of one core, so the worker does it and the person downloads
the file from the job's page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from qingdan import access
from qingdan.jobs import exports, runner

from . import pdf, queries
from .models import Checklist
from .sheet import checklist_workbook


def visible_checklist(user, params: dict[str, Any]) -> Checklist:
    checklists = Checklist.objects.select_related("owner_unit", "division", "created_by", "copied_from")
    return access.get_visible_or_404(checklists, user, pk=params.get("checklist"))


def authorize(user, params: dict[str, Any]) -> None:
    visible_checklist(user, params)


def build_pdf(job, progress) -> exports.File:
    checklist = visible_checklist(job.created_by, job.params)
    rows = queries.rows_of(checklist, job.created_by)
    progress(0, len(rows), _("Laying out the pages"))
    try:
        data = pdf.checklist_pdf(checklist, rows)
    except pdf.PrintUnavailable:
        raise runner.JobError(
            _("PDF printing is not available on this server (WeasyPrint or Pango is missing).")
        ) from None
    return exports.File(data, f"{checklist.title}.pdf", exports.PDF)


def build_xlsx(job, progress) -> exports.File:
    checklist = visible_checklist(job.created_by, job.params)
    rows = queries.rows_of(checklist, job.created_by)
    progress(0, len(rows), _("Writing the workbook"))
    return exports.File(checklist_workbook(checklist, rows), f"{checklist.title}.xlsx")


PDF = exports.Export(
    path="qingdan.tasks.exports.PDF", kind="tasks.print_pdf", authorize=authorize, build=build_pdf
)
XLSX = exports.Export(
    path="qingdan.tasks.exports.XLSX", kind="tasks.export_xlsx", authorize=authorize, build=build_xlsx
)
