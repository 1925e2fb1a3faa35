"""Checklists: the list, one checklist, starting one (rows added with htmx), its header, issuing,
closing, and copying last year's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from qingdan import access
from qingdan.access import Permission
from qingdan.errors import ActionRefused, refusal_shown
from qingdan.web.paging import paginate

from .. import actions, queries
from ..choices import ChecklistStatus
from ..filters import ChecklistFilter
from ..forms import ChecklistForm, CloseForm, CopyForm, RowForm, grown_formset, row_formset, typed_rows
from ..handover import create_from_body
from ..models import Checklist
from .common import PAGE_SIZE, managed_checklist, people_of, visible_checklist


@login_required
def checklist_list(request):
    user = request.user
    filters = ChecklistFilter(request.GET, queryset=queries.checklists_for(user))
    page = paginate(request, filters.qs, PAGE_SIZE)
    context = {"page": page, "filters": filters.form, "may_create": queries.may_create(user)}
    return render(request, "tasks/checklist_list.html", context)


@login_required
def checklist_detail(request, pk: int):
    user = request.user
    checklist = visible_checklist(user, pk)
    rows = queries.rows_of(checklist, user)
    for row in rows:
        row.may_report = queries.may_report(user, row)
    may_manage = queries.may_manage(user, checklist)
    context = {
        "checklist": checklist,
        "rows": rows,
        "may_manage": may_manage,
        "may_edit": may_manage and checklist.status != ChecklistStatus.CLOSED,
        "may_copy": queries.may_create(user),
        "done": len([row for row in rows if row.is_done]),
        "overdue": len([row for row in rows if row.alert == "overdue"]),
        "due_soon": len([row for row in rows if row.alert == "due_soon"]),
        "close_form": CloseForm(),
    }
    return render(request, "tasks/checklist_detail.html", context)


def _create_page(request, form, formset, *, problems=(), prefill=None, status=200):
    context = {"form": form, "formset": formset, "problems": problems, "prefill": prefill}
    return render(request, "tasks/checklist_form.html", context, status=status)


@login_required
def checklist_create(request):
    user = request.user
    people = people_of(access.require_own_division(user, Permission.MANAGE_CHECKLIST))
    if request.method != "POST":
        prefill = None
        if body_id := request.GET.get("from_body", "").strip():
            if not body_id.isdigit():
                raise Http404
            prefill = create_from_body(user=user, body_id=int(body_id))
        form = ChecklistForm(initial=prefill.header if prefill else None)
        initial = [RowForm.initial_of(row) for row in prefill.rows] if prefill else None
        return _create_page(request, form, row_formset(people, initial=initial), prefill=prefill)
    if "add_row" in request.POST:  # without htmx: the same page with one more blank row
        form = ChecklistForm(initial=request.POST.dict())
        return _create_page(request, form, grown_formset(people, request.POST))
    form = ChecklistForm(request.POST)
    formset = row_formset(people, data=request.POST)
    if not (form.is_valid() and formset.is_valid()):
        return _create_page(request, form, formset, status=400)
    try:
        checklist = actions.create_checklist(user=user, rows=typed_rows(formset), **form.cleaned_data)
    except ActionRefused as exc:
        return _create_page(request, form, formset, problems=exc.problems or [exc.message], status=400)
    messages.success(request, _("The checklist was saved as a draft. Issue it when it is complete."))
    return redirect("tasks:checklist_detail", checklist.pk)


@login_required
@require_POST
def checklist_row_forms(request):
    """htmx: the row forms typed so far and one more blank row."""
    division = access.require_own_division(request.user, Permission.MANAGE_CHECKLIST)
    formset = grown_formset(people_of(division), request.POST)
    return render(request, "tasks/_row_forms.html", {"formset": formset})


def _header(checklist: Checklist) -> dict:
    return {name: getattr(checklist, name) for name in actions.checklists.HEADER_FIELDS}


@login_required
def checklist_edit(request, pk: int):
    user = request.user
    checklist = managed_checklist(user, pk)
    if request.method != "POST":
        form = ChecklistForm(initial=_header(checklist))
        return render(request, "tasks/checklist_edit.html", {"form": form, "checklist": checklist})
    form = ChecklistForm(request.POST)
    if form.is_valid():
        with refusal_shown(form=form) as shown:
            actions.update_checklist(user=user, checklist=checklist, **form.cleaned_data)
        if not shown.refused:
            messages.success(request, _("Saved."))
            return redirect("tasks:checklist_detail", checklist.pk)
    return render(request, "tasks/checklist_edit.html", {"form": form, "checklist": checklist}, status=400)


@login_required
@require_POST
def checklist_issue(request, pk: int):
    checklist = managed_checklist(request.user, pk)
    with refusal_shown(request) as shown:
        actions.issue_checklist(user=request.user, checklist=checklist)
    if not shown.refused:
        messages.success(request, _("Issued: everyone named on the checklist has been told."))
    return redirect("tasks:checklist_detail", checklist.pk)


@login_required
@require_POST
def checklist_close(request, pk: int):
    checklist = managed_checklist(request.user, pk)
    form = CloseForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    with refusal_shown(request) as shown:
        actions.close_checklist(user=request.user, checklist=checklist, note=note)
    if not shown.refused:
        messages.success(request, _("The checklist is closed."))
    return redirect("tasks:checklist_detail", checklist.pk)


@login_required
def checklist_copy(request, pk: int):
    user = request.user
    source = visible_checklist(user, pk)
    division = access.require_own_division(user, Permission.MANAGE_CHECKLIST)
    people = people_of(division)
    departed = actions.departed(source, division)
    year = source.year + 1
    initial = {"title": actions.copying.default_title(source, year), "year": year, "years": 1, "days": 0}
    form = CopyForm(request.POST or None, initial=initial, departed=departed, people=people)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            with refusal_shown(form=form) as shown:
                copy = actions.copy_checklist(
                    user=user,
                    source=source,
                    years=data["years"],
                    days=data["days"],
                    year=data["year"],
                    title=data["title"],
                    replacements=form.replacements(),
                )
            if not shown.refused:
                messages.success(
                    request,
                    _("Copied as a draft with %(count)d rows: check it, then issue it.")
                    % {"count": copy.rows.count()},
                )
                return redirect("tasks:checklist_detail", copy.pk)
        status = 400
    context = {"form": form, "source": source}
    return render(request, "tasks/checklist_copy.html", context, status=status)
