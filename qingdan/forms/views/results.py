"""What the department sees: a form's progress and results across its scope, and the .xlsx export;
the one screen per village and per township (一表尽览); the burden figures."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from qingdan import access
from qingdan.access import Permission
from qingdan.jobs import exports
from qingdan.orgs.choices import Level
from qingdan.registers.views.registers import registered_village

from .. import exports as result_exports
from .. import queries
from ..choices import FormStatus, SubmissionStatus
from .common import shown, visible_division, visible_form

RESULT_ROWS = 100


@login_required
def form_results(request, pk: int):
    user = request.user
    form = visible_form(user, pk)
    progress = queries.form_progress(form, user) if form.status == FormStatus.APPROVED else []
    table = queries.results_table(form, user)
    page = Paginator(table.rows, RESULT_ROWS).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "progress": progress,
        "submitted": sum(1 for s in progress if s.status == SubmissionStatus.SUBMITTED),
        "columns": table.columns,
        "page": page,
        "lines": [list(zip(table.columns, row, strict=False)) for row in page.object_list],
        "query": "",
        "row_count": len(table.rows),
    }
    return render(request, "forms/form_results.html", context)


@login_required
def form_export(request, pk: int):
    """The results as .xlsx, written by a job; its page offers the file when it is ready."""
    return exports.begin(request, result_exports.RESULTS, params={"form": pk})


@login_required
def village_screen(request, code: str):
    user = request.user
    village = registered_village(user, code)
    context = queries.village_screen(village)
    for figure in context["figures"]:
        figure.shown = shown(figure.element, figure.value)
    context.update(
        may_edit=access.can(user, Permission.MANAGE_REGISTERS, village),
        may_fill=access.can(user, Permission.FILL_FORM, village),
    )
    return render(request, "forms/village_screen.html", context)


@login_required
def township_screen(request, code: str):
    user = request.user
    township = visible_division(user, code, Level.TOWNSHIP)
    access.require(user, Permission.VIEW_REGISTERS, township)
    context = queries.township_screen(township)
    context["element_totals"] = list(zip(context["elements"], context["totals"], strict=True))
    for column in context["villages"]:
        for figure in column.values:
            figure.shown = shown(figure.element, figure.value)
    return render(request, "forms/township_screen.html", context)


@login_required
def figures(request):
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year + 1)
    data = queries.figures(request.user, year=year)
    context = {
        "figures": data,
        "years": list(range(this_year, this_year - 5, -1)),
        "village_rows": [row for row in data.villages if row.admitted or row.requested or row.submitted],
    }
    return render(request, "forms/figures.html", context)
