"""Files: the checklist printed as PDF and exported as .xlsx; rows imported from .xlsx with a preview.

The preview reads and checks the file, then carries the rows it read in a signed form field, so that
"import" adds exactly what was shown (checked again, all or nothing) without keeping the file.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from qingdan.errors import ActionRefused

from .. import actions, pdf, queries
from ..forms import ImportForm
from ..sheet import COLUMNS, NUMBER, RawRow, checklist_workbook
from .common import download, managed_checklist, visible_checklist

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAYLOAD_MAX_AGE = 6 * 60 * 60  # a preview left open longer must be uploaded again


@login_required
def checklist_pdf(request, pk: int):
    checklist = visible_checklist(request.user, pk)
    rows = queries.rows_of(checklist, request.user)
    try:
        data = pdf.checklist_pdf(checklist, rows)
    except pdf.PrintUnavailable:
        message = _("PDF printing is not available on this server (WeasyPrint or Pango is missing).")
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    return download(data, f"{checklist.title}.pdf", "application/pdf")


@login_required
def checklist_xlsx(request, pk: int):
    checklist = visible_checklist(request.user, pk)
    data = checklist_workbook(checklist, queries.rows_of(checklist, request.user))
    return download(data, f"{checklist.title}.xlsx", XLSX)


@login_required
def import_template(request):
    """An empty sheet in the import layout, to fill in."""
    if not queries.may_create(request.user):
        raise PermissionDenied
    from qingdan.web.spreadsheet import table_workbook

    columns = [(NUMBER, 6)] + [(header, width) for _field, header, width in COLUMNS]
    data = table_workbook(_("Task checklist"), columns, [])
    return download(data, _("task checklist import template.xlsx"), XLSX)


def _salt(checklist, user) -> str:
    return f"qingdan.tasks.import:{checklist.pk}:{user.pk}"


def _import_page(request, checklist, form, *, preview=None, payload="", problems=(), status=200):
    context = {
        "checklist": checklist,
        "form": form,
        "preview": preview,
        "payload": payload,
        "problems": problems,
        "columns": [header for _field, header, _width in COLUMNS],
    }
    return render(request, "tasks/import.html", context, status=status)


@login_required
def checklist_import(request, pk: int):
    user = request.user
    checklist = managed_checklist(user, pk)
    if request.method != "POST":
        return _import_page(request, checklist, ImportForm())
    if "payload" in request.POST:
        return _commit(request, checklist)
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, checklist, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        preview = actions.preview_import(user=user, checklist=checklist, file=upload, name=upload.name)
    except ActionRefused as exc:
        return _import_page(
            request, checklist, ImportForm(), problems=[exc.message, *exc.problems], status=400
        )
    payload = signing.dumps(
        {"name": upload.name, "rows": [raw.as_json() for raw in preview.raw]},
        salt=_salt(checklist, user),
        compress=True,
    )
    return _import_page(request, checklist, ImportForm(), preview=preview, payload=payload)


def _commit(request, checklist):
    user = request.user
    try:
        data = signing.loads(request.POST["payload"], salt=_salt(checklist, user), max_age=PAYLOAD_MAX_AGE)
        raw = [RawRow.from_json(item) for item in data["rows"]]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        message = _("The preview has expired or was changed; choose the file again.")
        return _import_page(request, checklist, ImportForm(), problems=[message], status=400)
    try:
        rows = actions.import_rows(
            user=user, checklist=checklist, raw_rows=raw, name=str(data.get("name", ""))
        )
    except ActionRefused as exc:
        return _import_page(
            request, checklist, ImportForm(), problems=[exc.message, *exc.problems], status=400
        )
    messages.success(request, _("%(count)d rows imported.") % {"count": len(rows)})
    return redirect("tasks:checklist_detail", checklist.pk)
