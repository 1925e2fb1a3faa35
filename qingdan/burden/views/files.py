"""Downloads: every table as .xlsx with real numbers, and the county report printed on A4 (WeasyPrint)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from qingdan.orgs.choices import Level
from qingdan.orgs.models import Division
from qingdan.sheets.writing import titled_table_workbook

from .. import queries, tables
from ..queries import Report
from .common import AREA_LEVELS, download, visible_division
from .pages import _department


def _workbook(table: tables.Table, subject: str, report: Report) -> bytes:
    p = report.periods
    notes = [
        _("%(subject)s, computed from the stored figures on %(day)s.")
        % {"subject": subject, "day": timezone.localdate().isoformat()},
    ]
    if p.reform_date:
        notes.append(_("Reform date: %(day)s.") % {"day": p.reform_date.isoformat()})
    return titled_table_workbook(
        table.title, table.columns, table.rows, title=f"{subject} · {table.title}", notes=notes
    )


def _table(name: str, report: Report) -> tables.Table:
    builder = tables.BUILDERS.get(name)
    if builder is None:
        raise Http404
    return builder(report)


@login_required
def area_export(request, code: str, table: str):
    area = visible_division(request.user, code, AREA_LEVELS)
    if request.user.role == "dept_clerk":
        raise Http404
    report = queries.area_report(request.user, area, today=timezone.localdate())
    found = _table(table, report)
    return download(_workbook(found, area.name, report), f"{area.name}{found.title}.xlsx")


@login_required
def department_export(request, pk: int, table: str):
    unit = _department(request.user, pk)
    if table == "issuers":
        raise Http404
    report = queries.department_report(request.user, unit, today=timezone.localdate())
    found = _table(table, report)
    return download(_workbook(found, unit.name, report), f"{unit.name}{found.title}.xlsx")


@login_required
def village_export(request, code: str):
    village = visible_division(request.user, code, [Level.VILLAGE])
    report = queries.village_screen(request.user, village, today=timezone.localdate())
    found = tables.village_months(report)
    return download(_workbook(found, village.name, report), f"{village.name}{found.title}.xlsx")


def _marked(table: tables.Table) -> tables.Table:
    """The table with each cell paired with whether it is a number (printed right-aligned)."""
    rows = [[(cell, isinstance(cell, int | float)) for cell in row] for row in table.rows]
    return tables.Table(table.title, table.columns, rows)


def report_html(area: Division, report: Report) -> str:
    return render_to_string(
        "burden/print.html",
        {
            "area": area,
            "report": report,
            "tables": [
                _marked(build(report))
                for build in (tables.figures, tables.trend, tables.villages, tables.issuers)
            ],
            "printed_on": timezone.localdate(),
        },
    )


@login_required
def area_print(request, code: str):
    """The county's (or township's) report on A4 as PDF: the figures, the trend, the villages, the issuers."""
    area = visible_division(request.user, code, AREA_LEVELS)
    if request.user.role == "dept_clerk":
        raise Http404
    report = queries.area_report(request.user, area, today=timezone.localdate())
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        message = _("PDF printing is not available on this server (WeasyPrint or Pango is missing).")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    data = HTML(string=report_html(area, report)).write_pdf()
    return download(data, f"{area.name}{_('Burden report')}.pdf", "application/pdf")
