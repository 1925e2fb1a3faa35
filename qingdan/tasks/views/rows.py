"""Rows: adding and editing one (a page, or a form swapped into the checklist with htmx), removing one,
the responsible person's progress report, and a person's rows across checklists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused, refusal_shown

from .. import actions, queries
from ..forms import ProgressForm, RowForm
from ..models import RowUpdate
from .common import managed_checklist, managed_row, people_of, visible_row


def _row_page(request, form, checklist, row=None, problems=(), status=200):
    template = "tasks/_row_form.html" if request.htmx else "tasks/row_form.html"
    context = {"form": form, "checklist": checklist, "row": row, "problems": problems}
    return render(request, template, context, status=status)


@login_required
def row_create(request, pk: int):
    user = request.user
    checklist = managed_checklist(user, pk)
    people = people_of(checklist)
    if request.method != "POST":
        return _row_page(request, RowForm(people=people), checklist)
    form = RowForm(request.POST, people=people)
    if not form.is_valid():
        return _row_page(request, form, checklist, status=400)
    try:
        actions.add_row(user=user, checklist=checklist, row=form.row_input())
    except ActionRefused as exc:
        return _row_page(request, form, checklist, problems=exc.problems or [exc.message], status=400)
    messages.success(request, _("Row added."))
    return redirect("tasks:checklist_detail", checklist.pk)


@login_required
def row_edit(request, pk: int):
    user = request.user
    row = managed_row(user, pk)
    checklist = row.checklist
    people = people_of(checklist)
    if request.method != "POST":
        form = RowForm(initial=RowForm.initial_of(actions.RowInput.of(row)), people=people)
        return _row_page(request, form, checklist, row)
    form = RowForm(request.POST, people=people)
    if not form.is_valid():
        return _row_page(request, form, checklist, row, status=400)
    try:
        actions.edit_row(user=user, row=row, data=form.row_input())
    except ActionRefused as exc:
        return _row_page(request, form, checklist, row, problems=exc.problems or [exc.message], status=400)
    messages.success(request, _("Row %(n)d saved.") % {"n": row.position})
    return redirect("tasks:checklist_detail", checklist.pk)


@login_required
@require_POST
def row_remove(request, pk: int):
    row = managed_row(request.user, pk)
    with refusal_shown(request) as shown:
        actions.remove_row(user=request.user, row=row)
    if not shown.refused:
        messages.success(request, _("Row %(n)d removed.") % {"n": row.position})
    return redirect("tasks:checklist_detail", row.checklist_id)


def _progress_page(request, row, form, status=200):
    user = request.user
    queries.flag([row])
    updates = access.visible(RowUpdate.objects.filter(row=row), user).select_related("actor")
    context = {
        "row": row,
        "checklist": row.checklist,
        "form": form,
        "updates": updates,
        "may_report": queries.may_report(user, row),
    }
    return render(request, "tasks/row_progress.html", context, status=status)


@login_required
def row_progress(request, pk: int):
    """The row, its progress reports, and for its responsible person the form to report."""
    user = request.user
    row = visible_row(user, pk)
    if request.method != "POST":
        return _progress_page(request, row, ProgressForm(initial={"percent": row.progress}))
    access.require(user, Permission.REPORT_PROGRESS, row)
    form = ProgressForm(request.POST, request.FILES)
    if not form.is_valid():
        return _progress_page(request, row, form, status=400)
    data = form.cleaned_data
    with refusal_shown(form=form) as shown:
        actions.update_progress(
            user=user, row=row, percent=data["percent"], note=data["note"], file=data["file"]
        )
    if shown.refused:
        return _progress_page(request, row, form, status=400)
    messages.success(request, _("Progress reported: %(percent)d%%.") % {"percent": data["percent"]})
    return redirect("tasks:row_progress", row.pk)


@login_required
def update_file(request, pk: int):
    update = access.get_visible_or_404(RowUpdate.objects.all(), request.user, pk=pk)
    if not update.file:
        raise Http404
    return FileResponse(update.file.open("rb"), as_attachment=True, filename=update.original_name)


MY_TABS = ("responsible", "lead", "cooperating")


@login_required
def my_rows(request):
    """The rows naming the person, across every checklist in force: responsible / leading / cooperating."""
    user = request.user
    tab = request.GET.get("as", "responsible")
    if tab not in MY_TABS:
        tab = "responsible"
    counts = queries.my_row_counts(user)
    rows = queries.flag(queries.my_rows(user, tab))
    for row in rows:
        row.may_report = tab == "responsible" and queries.may_report(user, row)
    context = {
        "tab": tab,
        "rows": rows,
        "counts": counts,
        "overdue": len([row for row in rows if row.alert == "overdue"]),
        "due_soon": len([row for row in rows if row.alert == "due_soon"]),
    }
    return render(request, "tasks/my_rows.html", context)
